package io.ranchersg.cli;

import io.ranchersg.aws.Reconciler;
import io.ranchersg.aws.StackOutcome;
import io.ranchersg.aws.StackRequest;
import io.ranchersg.cli.view.StackView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rancher-sg stack ensure}: creates or repairs every group of the stack. */
@Command(name = "ensure", description = {"Create or repair every group of the stack, and print what changed.",
            "Creates the missing groups first, then authorizes each group's missing rules (one call per group"
                + " and direction), restores descriptions, and with --prune revokes rules the profiles do not"
                + " list. Never deletes a group."})
final class StackEnsureCommand extends StackAwsCommand {

    @Mixin
    ChangeMixin change;

    @Mixin
    EnsureMixin ensure;

    StackEnsureCommand(CliContext context) {
        super(context);
    }

    @Override
    int execute() {
        StackRequest ensured = change.applyTo(request).withAdopt(ensure.adopt);
        // A dry run plans, sending every write with DryRun=true to prove the permissions.
        StackOutcome outcome = ensure.dryRun ? reconcile(Reconciler::planStack, ensured.withPreflight(true))
                : reconcile(Reconciler::ensureStack, ensured);
        print(StackView.ensure(outcome, ensure.dryRun));
        return ExitCodes.OK;
    }
}
