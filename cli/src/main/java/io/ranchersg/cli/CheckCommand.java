package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
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
    void validateMore() {
        files.check();
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        Outcome outcome;
        try {
            outcome = reconcile((reconciler, req) -> reconciler.check(req), request);
        } catch (RuntimeException e) {
            recordFailure(files, at, e);
            throw e;
        }
        List<Outcome> outcomes = List.of(outcome);
        ObjectNode report = Reports.checkDocument("check", outcomes, outcome.apiCalls());
        return report(this, files, at, report, outcomes, () -> Reports.checkText(outcomes, style()));
    }

    /**
     * Writes a check's report files, then prints the report (JSON or text), and returns the exit
     * code: 0 when every group is in sync, else 2.
     */
    static int report(AwsCommand command, ReportFilesMixin files, Instant at, ObjectNode report,
                      List<Outcome> outcomes, Supplier<String> text) {
        // Files first: if one cannot be written, stdout must not already hold a report.
        files.written(report, outcomes, at);
        if (command.jsonOutput()) {
            command.out().println(Json.write(report));
        } else {
            command.out().print(text.get());
        }
        return outcomes.stream().allMatch(Outcome::inSync) ? ExitCodes.OK : ExitCodes.DRIFT;
    }

    /** Tells the Prometheus file that the check failed, without hiding the failure itself. */
    static void recordFailure(ReportFilesMixin files, Instant at, RuntimeException failure) {
        try {
            files.failed(at, Json.errorDocument(ExitCodes.ERROR, ErrorFunnel.clean(ErrorFunnel.describe(failure))));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
