package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.cli.view.CheckView;
import io.ranchersg.cli.view.Prometheus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Supplier;
import picocli.CommandLine.Option;

/** {@code --report-file} and {@code --prometheus-textfile}, for scheduled checks. */
final class ReportFilesMixin {

    @Option(names = "--report-file", paramLabel = "PATH",
            description = "Also write the JSON report to PATH, atomically (write, then rename).")
    Path reportFile;

    @Option(names = "--prometheus-textfile", paramLabel = "PATH",
            description = "Write drift gauges per group (in sync, missing, extra, changed) to PATH, atomically,"
                    + " for node_exporter's textfile collector (use a name ending in .prom). When a scan cannot"
                    + " read a region or a group, the gauges of the rest stay and rancher_sg_check_success is 0;"
                    + " on other errors only rancher_sg_check_success 0 is written.")
    Path prometheusFile;

    /** The labels of the textfile's run-level series: a fleet scan's accounts file and shard. */
    private Prometheus.RunLabels runLabels = Prometheus.RunLabels.NONE;

    /** Checks the paths before anything is sent to AWS. */
    void check() {
        if (reportFile != null) {
            reportFile = AtomicFiles.checkWritable("--report-file", reportFile);
        }
        if (prometheusFile != null) {
            prometheusFile = AtomicFiles.checkWritable("--prometheus-textfile", prometheusFile);
        }
    }

    /** Labels the run-level series of the textfile, so that the textfiles of several runs can share a directory. */
    void labelRun(Prometheus.RunLabels labels) {
        runLabels = labels;
    }

    /**
     * Writes the files of a completed check: its document, and its gauges (for a scan also which
     * accounts, regions and groups could not be read).
     */
    void written(CheckView check, Instant at) {
        write(reportFile, "--report-file", () -> Json.write(check.document()) + "\n");
        write(prometheusFile, "--prometheus-textfile", () -> check.prometheus(at, runLabels));
    }

    /** Runs a check that starts at {@code at}; if it fails as a whole, the files say so and the failure goes on. */
    <T> T recording(Instant at, Supplier<T> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            failed(at, e);
            throw e;
        }
    }

    /**
     * Records a failed check, without hiding the failure: the JSON report becomes the error document
     * (so that no earlier {@code "in_sync": true} outlives the failure), the Prometheus file says the
     * check failed.
     */
    private void failed(Instant at, RuntimeException failure) {
        try {
            ObjectNode document = Json.errorDocument(ExitCodes.ERROR, ErrorFunnel.clean(ErrorFunnel.describe(failure)));
            write(reportFile, "--report-file", () -> Json.write(document) + "\n");
            write(prometheusFile, "--prometheus-textfile", () -> Prometheus.failure(at, runLabels));
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static void write(Path path, String option, Supplier<String> content) {
        if (path == null) {
            return;
        }
        try {
            AtomicFiles.write(path, content.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + option + " " + path + " (" + e + ")", e);
        }
    }
}
