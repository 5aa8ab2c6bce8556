package io.ranchersg.cli;

import io.ranchersg.aws.Reconciler;
import io.ranchersg.cli.view.GroupView;
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
        print(GroupView.plan(reconcile(Reconciler::plan, change.applyTo(request))));
        return ExitCodes.OK;
    }
}
