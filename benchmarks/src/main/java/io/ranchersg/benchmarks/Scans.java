package io.ranchersg.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/** {@code rancher-sg scan} as a cold process: its wall time, the groups it found and the calls it counted. */
final class Scans {

    /**
     * Repeated runs of one scan.
     *
     * @param parallelism --parallelism
     * @param regions     the regions scanned
     * @param wall        wall seconds of the runs
     * @param groups      groups in the report
     * @param calls       the report's {@code api_calls} (of the last run)
     */
    record Scan(int parallelism, List<String> regions, Sample wall, int groups, Map<String, Integer> calls) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Cli cli;
    private final Consumer<String> progress;

    Scans(Cli cli, Consumer<String> progress) {
        this.cli = cli;
        this.progress = progress;
    }

    /**
     * Scans the regions {@code runs} times after one warm-up run.
     *
     * @throws IllegalStateException when a scan fails (exit 1) or reports an error
     */
    Scan scan(List<String> regions, int parallelism, int runs) {
        List<Double> wall = new ArrayList<>();
        JsonNode report = null;
        for (int i = 0; i <= runs; i++) {
            Cli.Run run = cli.run(regions.get(0), Map.of(), "scan", "--regions", String.join(",", regions),
                    "--parallelism", Integer.toString(parallelism), "--output", "json");
            if (run.exitCode() != 0 && run.exitCode() != 2) {
                throw new IllegalStateException("rancher-sg scan exited " + run.exitCode() + ": "
                        + run.stderr().strip());
            }
            report = read(run.stdout());
            if (i > 0) {
                wall.add(run.wallSeconds());
            }
        }
        Map<String, Integer> calls = new TreeMap<>();
        report.path("api_calls").properties().forEach(e -> calls.put(e.getKey(), e.getValue().asInt()));
        Scan scan = new Scan(parallelism, regions, Sample.of(wall), report.path("groups").size(), calls);
        progress.accept("scan of " + scan.groups() + " groups in " + regions.size() + " region(s), parallelism "
                + parallelism + ": " + Format.secondsRange(scan.wall()));
        return scan;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("rancher-sg scan printed no JSON report: "
                    + json.substring(0, Math.min(200, json.length())), e);
        }
    }
}
