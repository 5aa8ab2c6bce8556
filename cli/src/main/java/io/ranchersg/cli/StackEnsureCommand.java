package io.ranchersg.cli;

import io.ranchersg.aws.StackOutcome;
import io.ranchersg.aws.StackRequest;
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
        if (ensure.dryRun) {
            StackOutcome outcome = reconcile((reconciler, req) -> reconciler.planStack(req), ensured.withPreflight(true));
            if (jsonOutput()) {
                out().println(Json.write(Reports.stackDocument("stack ensure", outcome, true, true)));
            } else {
                out().print(Reports.stackText(outcome, o -> Reports.planText(o, style())));
                out().println("dry run: nothing changed");
            }
            return ExitCodes.OK;
        }
        StackOutcome outcome = reconcile((reconciler, req) -> reconciler.ensureStack(req), ensured);
        if (jsonOutput()) {
            out().println(Json.write(Reports.stackDocument("stack ensure", outcome, true, false)));
        } else {
            out().print(Reports.stackText(outcome, o -> Reports.ensureText(o, style())));
        }
        return ExitCodes.OK;
    }
}
