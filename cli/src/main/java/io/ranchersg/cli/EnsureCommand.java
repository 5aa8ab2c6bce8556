package io.ranchersg.cli;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
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
        if (ensure.dryRun) {
            Outcome outcome = reconcile((reconciler, req) -> reconciler.plan(req), ensured.withPreflight(true));
            if (jsonOutput()) {
                out().println(Json.write(Reports.changeDocument("ensure", outcome, true)));
            } else {
                out().print(Reports.planText(outcome, style()));
                out().println("dry run: nothing changed");
            }
            return ExitCodes.OK;
        }
        Outcome outcome = reconcile((reconciler, req) -> reconciler.ensure(req), ensured);
        if (jsonOutput()) {
            out().println(Json.write(Reports.changeDocument("ensure", outcome, false)));
        } else {
            out().print(Reports.ensureText(outcome, style()));
        }
        return ExitCodes.OK;
    }
}
