package io.ranchersg.cli;

import io.ranchersg.aws.Reconciler;
import io.ranchersg.cli.view.StackView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rancher-sg stack plan}: what stack ensure would change. Reads only. */
@Command(name = "plan", description = {"Show what stack ensure would change, group by group.",
            "Groups that do not exist yet are named in the rules that refer to them. Reads only; exit 0"
                + " whether or not there are changes."})
final class StackPlanCommand extends StackAwsCommand {

    @Mixin
    ChangeMixin change;

    StackPlanCommand(CliContext context) {
        super(context);
    }

    @Override
    int execute() {
        print(StackView.plan(reconcile(Reconciler::planStack, change.applyTo(request))));
        return ExitCodes.OK;
    }
}
