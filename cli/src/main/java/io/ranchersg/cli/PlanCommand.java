package io.ranchersg.cli;

import io.ranchersg.aws.Outcome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rancher-sg plan}: what ensure would change. Reads only. */
@Command(name = "plan", description = {"Show what ensure would change.",
            "Rules to authorize (+), update (~) and revoke (-), and extra rules kept without --prune (=).",
            "Reads only; exit 0 whether or not there are changes."})
final class PlanCommand extends GroupCommand {

    @Mixin
    ChangeMixin change;

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    int execute() {
        Outcome outcome = reconcile((reconciler, req) -> reconciler.plan(req), change.applyTo(request));
        if (jsonOutput()) {
            out().println(Json.write(Reports.changeDocument("plan", outcome, false)));
        } else {
            out().print(Reports.planText(outcome, style()));
        }
        return ExitCodes.OK;
    }
}
