package io.ranchersg.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rancher-sg plan}: what ensure would change. Reads only. */
@Command(name = "plan", description = {"Show what ensure would change.",
            "Rules to authorize (+), update (~) and revoke (-), and extra rules kept without --prune (=).",
            "Reads only; exit 0 whether or not there are changes."})
final class PlanCommand extends GroupCommand {

    @Option(names = "--prune", description = "Plan to revoke rules the profile does not list, as ensure --prune would.")
    boolean prune;

    PlanCommand(CliContext context) {
        super(context);
    }

    @Override
    int execute() {
        Result result = reconcile((reconciler, req) -> reconciler.plan(req), request.withPrune(prune));
        if (jsonOutput()) {
            out().println(Json.write(Reports.changeDocument("plan", result.outcome(), false, result.apiCalls())));
        } else {
            out().print(Reports.planText(result.outcome(), style()));
        }
        return ExitCodes.OK;
    }
}
