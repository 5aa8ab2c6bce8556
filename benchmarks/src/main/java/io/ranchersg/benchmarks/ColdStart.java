package io.ranchersg.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code rancher-sg check} as a cold process, the way a cron job or a CI step runs it, with and
 * without the class-data-sharing archive the build makes; {@code --version} under the same set-up
 * isolates JVM start-up (and the command line's own set-up) from the work of a check.
 */
final class ColdStart {

    /**
     * One way of starting the JVM, chosen through bin/rancher-sg's variables.
     *
     * @param name short name for the table
     * @param env  the variables
     */
    record Variant(String name, Map<String, String> env) {
    }

    /** The shipped default, and the same without the archive. */
    static final List<Variant> VARIANTS = List.of(
            new Variant("without the CDS archives (`RANCHER_SG_CDS=0`)", Map.of("RANCHER_SG_CDS", "0")),
            new Variant("with the CDS archives (as shipped)", Map.of()));

    /**
     * The wall times of one variant.
     *
     * @param variant the set-up
     * @param check   {@code check --output json} on an existing, in-sync group
     * @param version {@code --version}
     */
    record Result(Variant variant, Sample check, Sample version) {
    }

    private final Cli cli;
    private final String region;
    private final Consumer<String> progress;

    /** Checks run in {@code region}, on the group bin/rancher-sg check reads by default. */
    ColdStart(Cli cli, String region, Consumer<String> progress) {
        this.cli = cli;
        this.region = region;
        this.progress = progress;
    }

    /**
     * Runs check and --version under every variant, {@code runs} times each after one warm-up,
     * interleaved so that the emulator's load falls evenly on all of them.
     *
     * @throws IllegalStateException when a run does not exit 0
     */
    List<Result> measure(int runs) {
        Map<Variant, List<Double>> checks = new LinkedHashMap<>();
        Map<Variant, List<Double>> versions = new LinkedHashMap<>();
        for (int round = 0; round <= runs; round++) {
            for (Variant variant : VARIANTS) {
                double check = timed(variant, "check", "--output", "json");
                double version = timed(variant, "--version");
                if (round > 0) { // round 0 warms the page cache and the emulator
                    checks.computeIfAbsent(variant, v -> new ArrayList<>()).add(check);
                    versions.computeIfAbsent(variant, v -> new ArrayList<>()).add(version);
                }
            }
            progress.accept("cold start: round " + round + "/" + runs + " done");
        }
        return VARIANTS.stream()
                .map(v -> new Result(v, Sample.of(checks.get(v)), Sample.of(versions.get(v))))
                .toList();
    }

    /** The first line bin/rancher-sg --version prints. */
    String version() {
        return cli.run(region, Map.of(), "--version").stdout().strip();
    }

    private double timed(Variant variant, String... args) {
        Cli.Run run = cli.run(region, variant.env(), args);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("rancher-sg " + String.join(" ", args) + " (" + variant.name()
                    + ") exited " + run.exitCode() + ": " + run.stderr().strip());
        }
        return run.wallSeconds();
    }
}
