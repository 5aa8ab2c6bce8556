package io.ranchersg.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code rancher-sg check} as a cold process, the way a cron job or a CI step runs it, under several
 * JVM set-ups; and {@code rancher-sg --version} under the same set-ups, which isolates JVM start-up
 * (and the command line's own set-up) from the work of a check.
 */
final class ColdStart {

    /** bin/rancher-sg's flags for a short-lived process, as it passes them when RANCHER_SG_JAVA_OPTS is unset. */
    static final String TUNED = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
    /** bin/rancher-sg's flags for its class-data-sharing archive, applied here to another archive. */
    static final String CDS_FLAGS = "-XX:+IgnoreUnrecognizedVMOptions -Xshare:auto -XX:SharedArchiveFile=%s"
            + " -Xlog:disable -Xlog:all=error:stderr";

    /**
     * One way of starting the JVM, set through bin/rancher-sg's environment variables.
     *
     * @param name        short name for the tables
     * @param description what differs
     * @param env         the variables
     */
    record Variant(String name, String description, Map<String, String> env) {
    }

    /**
     * The figures of one variant.
     *
     * @param variant    the set-up
     * @param check      {@code check --output json} on an existing, in-sync group
     * @param version    {@code --version}
     */
    record Result(Variant variant, Figures check, Figures version) {

        /** How much of a check JVM start-up and command-line set-up take: version time over check time. */
        double startupShare() {
            return version.wall().median() / check.wall().median();
        }
    }

    /** Wall time, CPU time and peak RSS (KiB) of repeated runs. */
    record Figures(Sample wall, Sample cpu, Sample rss) {

        static Figures of(List<ProcessMeter.Run> runs) {
            return new Figures(Sample.of(runs.stream().map(ProcessMeter.Run::wallSeconds).toList()),
                    Sample.of(runs.stream().map(ProcessMeter.Run::cpuSeconds).toList()),
                    Sample.of(runs.stream().map(r -> (double) r.peakRssKib()).toList()));
        }
    }

    /**
     * Where one check's classes came from.
     *
     * @param archive   the archive used
     * @param total     classes loaded
     * @param shared    of them, mapped from a class-data-sharing archive (the JDK's or the application's)
     * @param fromJar   classes loaded from the jar, by package, most first
     * @param tls       classes of the JDK's TLS and certificate code (sun.security.ssl, sun.security.x509,
     *                  javax.net.ssl) loaded, wherever from
     */
    record ClassLoads(String archive, int total, int shared, Map<String, Integer> fromJar, int tls) {
    }

    private final ProcessMeter meter;
    private final Cli cli;
    private final Path project;
    private final Map<String, String> env;
    private final Consumer<String> progress;

    /** Checks run in {@code region}, on the group bin/rancher-sg check reads by default. */
    ColdStart(ProcessMeter meter, Cli cli, String region, Consumer<String> progress) {
        this.meter = meter;
        this.cli = cli;
        this.project = cli.project();
        this.env = cli.env(region);
        this.progress = progress;
    }

    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Makes a class-data-sharing archive from a check that succeeds (the build's archive comes from a
     * run that fails at its first connection, so it lacks the classes that read a response and
     * write the report).
     *
     * @return the archive, or null when the JVM did not write one
     */
    Path trainArchive(Path archive) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(List.of(TUNED.split(" ")));
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar",
                cli.jar().toString(), "check", "--output", "json"));
        ProcessMeter.Run run = meter.run(project, env, command);
        if (run.exitCode() != 0 || !Files.isRegularFile(archive)) {
            progress.accept("could not train a CDS archive (exit " + run.exitCode() + "): " + run.stderr().strip());
            return null;
        }
        return archive;
    }

    /** The set-ups, from plain {@code java -jar} to bin/rancher-sg's defaults and the candidate. */
    static List<Variant> variants(Path trainedArchive) {
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("plain `java -jar`", "JDK defaults: C2 JIT, G1 GC, the JDK's own CDS archive only",
                Map.of("RANCHER_SG_CDS", "0", "RANCHER_SG_JAVA_OPTS", " ")));
        variants.add(new Variant("tuned flags", "`" + TUNED + "`, no application CDS archive",
                Map.of("RANCHER_SG_CDS", "0")));
        variants.add(new Variant("tuned + CDS (as shipped)", "bin/rancher-sg's defaults: tuned flags and the archive"
                + " the build makes next to the jar", Map.of()));
        if (trainedArchive != null) {
            variants.add(new Variant("tuned + CDS trained on a real check (candidate)",
                    "tuned flags and an archive recorded from a check that succeeds",
                    Map.of("RANCHER_SG_CDS", "0",
                            "RANCHER_SG_JAVA_OPTS", TUNED + " " + String.format(CDS_FLAGS, trainedArchive))));
        }
        return variants;
    }

    /**
     * Runs check and --version under every variant, {@code runs} times each after one warm-up,
     * interleaved so that the emulator's load falls evenly on all of them.
     *
     * @throws IllegalStateException when a check does not exit 0 (in sync)
     */
    List<Result> measure(List<Variant> variants, int runs) {
        Map<Variant, List<ProcessMeter.Run>> checks = new LinkedHashMap<>();
        Map<Variant, List<ProcessMeter.Run>> versions = new LinkedHashMap<>();
        for (int round = 0; round <= runs; round++) {
            for (Variant variant : variants) {
                ProcessMeter.Run check = rancherSg(variant, "check", "--output", "json");
                ProcessMeter.Run version = rancherSg(variant, "--version");
                if (round > 0) { // round 0 warms the page cache and the emulator
                    checks.computeIfAbsent(variant, v -> new ArrayList<>()).add(check);
                    versions.computeIfAbsent(variant, v -> new ArrayList<>()).add(version);
                }
            }
            progress.accept("cold start: round " + round + "/" + runs + " done");
        }
        List<Result> results = new ArrayList<>();
        for (Variant variant : variants) {
            results.add(new Result(variant, Figures.of(checks.get(variant)), Figures.of(versions.get(variant))));
        }
        return results;
    }

    /** {@code java -version} with the tuned flags: the JVM alone, no application. */
    Figures bareJvm(int runs) {
        List<ProcessMeter.Run> measured = new ArrayList<>();
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(List.of(TUNED.split(" ")));
        command.add("-version");
        for (int i = 0; i <= runs; i++) {
            ProcessMeter.Run run = meter.run(project, env, command);
            if (i > 0) {
                measured.add(run);
            }
        }
        return Figures.of(measured);
    }

    /**
     * Runs one check with class loading logged and counts where the classes came from.
     *
     * @param label   names the archive in the report
     * @param archive the archive, as bin/rancher-sg passes it
     */
    ClassLoads classLoads(String label, Path archive, Path log) {
        List<String> command = new ArrayList<>(List.of(java().toString()));
        command.addAll(List.of(TUNED.split(" ")));
        command.addAll(List.of("-Xshare:auto", "-XX:SharedArchiveFile=" + archive,
                "-Xlog:class+load=info:file=" + log, "-jar", cli.jar().toString(),
                "check", "--output", "json"));
        ProcessMeter.Run run = meter.run(project, env, command);
        if (run.exitCode() != 0) {
            throw new IllegalStateException("check with class loading logged exited " + run.exitCode() + ": "
                    + run.stderr().strip());
        }
        int total = 0;
        int shared = 0;
        int tls = 0;
        Map<String, Integer> fromJar = new HashMap<>();
        try {
            for (String line : Files.readAllLines(log)) {
                int source = line.indexOf(" source: ");
                if (source < 0) {
                    continue;
                }
                total++;
                String prefix = line.substring(0, source);
                if (prefix.contains(" sun.security.ssl.") || prefix.contains(" sun.security.x509.")
                        || prefix.contains(" javax.net.ssl.")) {
                    tls++;
                }
                if (line.contains("shared objects file")) {
                    shared++;
                } else if (line.contains(".jar")) {
                    String[] fields = line.substring(0, source).trim().split("\\s+");
                    String name = fields[fields.length - 1];
                    int dot = name.lastIndexOf('.');
                    fromJar.merge(dot < 0 ? "(default)" : name.substring(0, dot), 1, Integer::sum);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Integer> sorted = new LinkedHashMap<>();
        fromJar.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return new ClassLoads(label, total, shared, sorted, tls);
    }

    /** The first line bin/rancher-sg --version prints. */
    String version() {
        return rancherSg(variants(null).get(2), "--version").stdout().strip();
    }

    private ProcessMeter.Run rancherSg(Variant variant, String... args) {
        Map<String, String> runEnv = new HashMap<>(env);
        runEnv.putAll(variant.env());
        ProcessMeter.Run run = meter.run(project, runEnv, cli.command(args));
        if (run.exitCode() != 0) {
            throw new IllegalStateException("rancher-sg " + String.join(" ", args) + " (" + variant.name()
                    + ") exited " + run.exitCode() + ": " + run.stderr().strip());
        }
        return run;
    }
}
