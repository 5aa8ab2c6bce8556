package io.ranchersg.cli;

import io.ranchersg.aws.Reconciler;
import io.ranchersg.cli.view.StackView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rancher-sg stack check}: the drift detector for a stack. Reads only. */
@Command(name = "check", description = {"Detect drift in every group of the stack.",
            "Lists missing, extra and changed rules per group. Reads only. Exit 0 when every group is in sync,"
                + " 2 drift found (or a group missing), 1 error, 64 bad usage."})
final class StackCheckCommand extends StackAwsCommand {

    @Mixin
    ReportFilesMixin files;

    StackCheckCommand(CliContext context) {
        super(context);
    }

    @Override
    boolean reportsFindings() {
        return true;
    }

    @Override
    void validateMore() {
        files.check();
    }

    @Override
    int execute() {
        return check(files, Reconciler::checkStack, StackView::check);
    }
}
