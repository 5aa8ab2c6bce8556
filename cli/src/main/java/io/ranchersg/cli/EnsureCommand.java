package io.ranchersg.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rancher-sg ensure}: creates the group or repairs it, and prints what it did. */
@Command(name = "ensure", description = {"Create or repair the security group, and print what changed.",
            "Creates the group if absent, authorizes missing rules, restores descriptions, and with --prune"
                + " revokes rules the profile does not list. Never deletes the group."})
final class EnsureCommand extends GroupCommand {

    @Option(names = "--prune", description = "Also revoke rules the profile does not list (after adding the missing ones).")
    boolean prune;

    @Option(names = "--dry-run",
            description = "Change nothing: print the plan, after sending every write with DryRun=true to prove"
                    + " the permissions.")
    boolean dryRun;

    @Option(names = "--adopt",
            description = "Take over a group of that name that rancher-sg did not create (it gets rancher-sg's tags).")
    boolean adopt;

    EnsureCommand(CliContext context) {
        super(context);
    }

    @Override
    int execute() {
        if (dryRun) {
            Result result = reconcile((reconciler, req) -> reconciler.plan(req),
                    request.withPrune(prune).withAdopt(adopt).withPreflight(true));
            if (jsonOutput()) {
                out().println(Json.write(Reports.changeDocument("ensure", result.outcome(), true, result.apiCalls())));
            } else {
                out().print(Reports.planText(result.outcome(), style()));
                out().println("dry run: nothing changed");
            }
            return ExitCodes.OK;
        }
        Result result = reconcile((reconciler, req) -> reconciler.ensure(req),
                request.withPrune(prune).withAdopt(adopt));
        if (jsonOutput()) {
            out().println(Json.write(Reports.changeDocument("ensure", result.outcome(), false, result.apiCalls())));
        } else {
            out().print(Reports.ensureText(result.outcome(), style()));
        }
        return ExitCodes.OK;
    }
}
