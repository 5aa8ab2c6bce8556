package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.StackOutcome;
import java.time.Instant;
import java.util.List;
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
    void validateMore() {
        files.check();
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        StackOutcome outcome;
        try {
            outcome = reconcile((reconciler, req) -> reconciler.checkStack(req), request);
        } catch (RuntimeException e) {
            CheckCommand.recordFailure(files, at, e);
            throw e;
        }
        List<Outcome> outcomes = outcome.groups().stream().map(StackOutcome.Member::outcome).toList();
        ObjectNode report = Reports.stackDocument("stack check", outcome, false, null);
        StackOutcome checked = outcome;
        return CheckCommand.report(this, files, at, report, outcomes,
                () -> Reports.stackText(checked, o -> Reports.checkText(List.of(o), style())));
    }
}
