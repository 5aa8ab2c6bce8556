package io.ranchersg.cli;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Reconciler;
import io.ranchersg.cli.view.GroupView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rancher-sg ensure}: creates the group or repairs it, and prints what it did. */
@Command(name = "ensure", description = {"Create or repair the security group, and print what changed.",
            "Creates the group if absent, authorizes missing rules, restores descriptions, and with --prune"
                + " revokes rules the profile does not list. Never deletes the group."})
final class EnsureCommand extends GroupCommand {

    @Mixin
    ChangeMixin change;

    @Mixin
    EnsureMixin ensure;

    EnsureCommand(CliContext context) {
        super(context);
    }

    @Override
    int execute() {
        GroupRequest ensured = change.applyTo(request).withAdopt(ensure.adopt);
        // A dry run plans, sending every write with DryRun=true to prove the permissions.
        Outcome outcome = ensure.dryRun ? reconcile(Reconciler::plan, ensured.withPreflight(true))
                : reconcile(Reconciler::ensure, ensured);
        print(GroupView.ensure(outcome, ensure.dryRun));
        return ExitCodes.OK;
    }
}
