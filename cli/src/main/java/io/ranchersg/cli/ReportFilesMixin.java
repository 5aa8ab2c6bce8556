package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.ScanResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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

    /** Checks the paths before anything is sent to AWS. */
    void check() {
        if (reportFile != null) {
            reportFile = AtomicFiles.checkWritable("--report-file", reportFile);
        }
        if (prometheusFile != null) {
            prometheusFile = AtomicFiles.checkWritable("--prometheus-textfile", prometheusFile);
        }
    }

    /** Writes the files of a completed check. */
    void written(ObjectNode report, List<Outcome> outcomes, Instant at) {
        write(reportFile, "--report-file", () -> Json.write(report) + "\n");
        write(prometheusFile, "--prometheus-textfile", () -> Prometheus.report(outcomes, at));
    }

    /**
     * Writes the files of a scan: the gauges of every group checked, and which accounts, regions and
     * groups could not be read.
     */
    void scanned(ObjectNode report, ScanResult result, Instant at) {
        write(reportFile, "--report-file", () -> Json.write(report) + "\n");
        write(prometheusFile, "--prometheus-textfile", () -> Prometheus.scan(result, at));
    }

    /**
     * Records a failed check: the JSON report becomes {@code document} (so that no earlier
     * {@code "in_sync": true} outlives the failure), the Prometheus file says the check failed.
     */
    void failed(Instant at, ObjectNode document) {
        write(reportFile, "--report-file", () -> Json.write(document) + "\n");
        write(prometheusFile, "--prometheus-textfile", () -> Prometheus.failure(at));
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
