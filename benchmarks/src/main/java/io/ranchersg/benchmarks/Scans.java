package io.ranchersg.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** {@code rancher-sg scan} as a cold process, its figures and the calls its JSON report counts. */
final class Scans {

    /**
     * Repeated runs of one scan.
     *
     * @param parallelism   --parallelism
     * @param regions       the regions scanned
     * @param figures       wall, CPU, peak RSS of the CLI process
     * @param localstackCpu CPU seconds the emulator spent per run, or empty when it cannot be read
     * @param groups        groups in the report
     * @param inSync        groups in sync
     * @param calls         the report's {@code api_calls} (of the last run)
     */
    record ScanResult(int parallelism, List<String> regions, ColdStart.Figures figures, List<Double> localstackCpu,
                      int groups, int inSync, Map<String, Integer> calls) {

        int totalCalls() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProcessMeter meter;
    private final Cli cli;
    private final LocalStackCpu localstack;
    private final Consumer<String> progress;

    Scans(ProcessMeter meter, Cli cli, LocalStackCpu localstack, Consumer<String> progress) {
        this.meter = meter;
        this.cli = cli;
        this.localstack = localstack;
        this.progress = progress;
    }

    /**
     * Scans the regions {@code runs} times, after one warm-up run when {@code warmUp}.
     *
     * @throws IllegalStateException when a scan fails (exit 1) or a region reports an error
     */
    ScanResult scan(List<String> regions, int parallelism, int runs, boolean warmUp) {
        Map<String, String> env = cli.env(regions.get(0));
        List<String> command = cli.command("scan", "--regions", String.join(",", regions),
                "--parallelism", Integer.toString(parallelism), "--output", "json");
        List<ProcessMeter.Run> measured = new ArrayList<>();
        List<Double> emulator = new ArrayList<>();
        JsonNode report = null;
        for (int i = warmUp ? 0 : 1; i <= runs; i++) {
            double before = localstack == null ? Double.NaN : localstack.seconds();
            ProcessMeter.Run run = meter.run(cli.project(), env, command);
            double after = localstack == null ? Double.NaN : localstack.seconds();
            if (run.exitCode() != 0 && run.exitCode() != 2) {
                throw new IllegalStateException("rancher-sg scan exited " + run.exitCode() + ": "
                        + run.stderr().strip());
            }
            report = read(run.stdout());
            if (report.path("errors").size() > 0) {
                throw new IllegalStateException("rancher-sg scan reported region errors: " + report.path("errors"));
            }
            if (i > 0) {
                measured.add(run);
                if (localstack != null) {
                    emulator.add(after - before);
                }
            }
        }
        int groups = report.path("groups").size();
        int inSync = 0;
        for (JsonNode group : report.path("groups")) {
            inSync += group.path("in_sync").asBoolean() ? 1 : 0;
        }
        Map<String, Integer> calls = new TreeMap<>();
        report.path("api_calls").fields().forEachRemaining(e -> calls.put(e.getKey(), e.getValue().asInt()));
        ScanResult result = new ScanResult(parallelism, regions, ColdStart.Figures.of(measured), emulator, groups,
                inSync, calls);
        progress.accept("scan of " + groups + " groups in " + regions.size() + " region(s), parallelism "
                + parallelism + ": " + Format.secondsRange(result.figures().wall()));
        return result;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException("rancher-sg scan printed no JSON report: "
                    + json.substring(0, Math.min(200, json.length())), e);
        }
    }
}
