package io.ranchersg.cli;

import io.ranchersg.aws.Reconciler;
import io.ranchersg.cli.view.GroupView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code rancher-sg check}: the drift detector. Reads only. */
@Command(name = "check", description = {"Detect drift: compare the security group with its profile.",
            "Lists missing, extra and changed rules. Reads only. Exit 0 in sync, 2 drift found (or no such"
                + " group), 1 error, 64 bad usage."})
final class CheckCommand extends GroupCommand {

    @Mixin
    ReportFilesMixin files;

    CheckCommand(CliContext context) {
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
        return check(files, Reconciler::check, GroupView::check);
    }
}
