package io.ranchersg.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The CLI under test: {@code bin/rancher-sg} running a jar through {@code RANCHER_SG_JAR}, usually a
 * private copy that scripts/benchmark.sh takes right after the build, so that a build running
 * meanwhile cannot replace the jar under a measurement.
 */
final class Cli {

    /** GNU time, which reads a process's CPU time and peak memory from the kernel's accounting. */
    static final String GNU_TIME = "/usr/bin/time";

    /**
     * One process that ran to its end.
     *
     * @param exitCode    its exit code
     * @param wallSeconds from start to exit
     * @param cpuSeconds  user and system time, or -1 when not measured
     * @param peakKiB     peak resident memory, or -1 when not measured
     * @param stdout      what it printed
     * @param stderr      what it printed on stderr
     */
    record Run(int exitCode, double wallSeconds, double cpuSeconds, long peakKiB, String stdout, String stderr) {
    }

    private final Path project;
    private final Path jar;
    private final Sessions sessions;

    Cli(Path project, Path jar, Sessions sessions) {
        this.project = project;
        this.jar = jar;
        this.sessions = sessions;
    }

    /**
     * The class-data-sharing archives bin/rancher-sg uses: next to the jar, named after it; the base,
     * the check's (and every command's but scan) and the scan's.
     */
    List<Path> archives() {
        String name = jar.getFileName().toString();
        String stem = name.substring(0, name.length() - ".jar".length());
        return List.of(jar.resolveSibling(stem + "-base.jsa"), jar.resolveSibling(stem + ".jsa"),
                jar.resolveSibling(stem + "-scan.jsa"));
    }

    /** Runs {@code bin/rancher-sg args...} against {@code region} with extra variables, and times it. */
    Run run(String region, Map<String, String> extra, String... args) {
        return exec(rancherSg(args), rancherSgEnvironment(region, extra), false);
    }

    /** As {@link #run}, also measuring CPU time and peak memory. */
    Run runTimed(String region, Map<String, String> extra, String... args) {
        return exec(rancherSg(args), rancherSgEnvironment(region, extra), true);
    }

    /**
     * Starts {@code bin/rancher-sg args...} against {@code region}, its stdout discarded and its
     * stderr written to {@code err}, and returns at once: for a long-running {@code serve}.
     */
    Process start(String region, Path err, String... args) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(rancherSg(args)).directory(project.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().putAll(rancherSgEnvironment(region, Map.of()));
        return builder.start();
    }

    /**
     * Runs another program against the emulator in {@code region}, with the variables a CLI process
     * gets (and {@code AWS_DEFAULT_REGION}, which the AWS CLI v1 reads), measuring wall and CPU time
     * and peak memory.
     */
    Run execTimed(List<String> command, String region) {
        Map<String, String> env = new HashMap<>(sessions.cliEnvironment(region));
        env.put("AWS_DEFAULT_REGION", region);
        return exec(command, env, true);
    }

    private List<String> rancherSg(String... args) {
        List<String> command = new ArrayList<>();
        command.add(project.resolve("bin/rancher-sg").toString());
        command.addAll(List.of(args));
        return command;
    }

    private Map<String, String> rancherSgEnvironment(String region, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(sessions.cliEnvironment(region));
        env.put("JAVA_HOME", System.getProperty("java.home")); // every process runs on the Java the report names
        env.put("RANCHER_SG_JAR", jar.toString());
        env.putAll(extra);
        return env;
    }

    /**
     * Makes the archives as the build makes them for cli/target/rancher-sg.jar (cli/pom.xml, execution
     * {@code class-data-sharing-archive}, which runs cli/src/build/ClassDataSharingArchive.java): an
     * archive names the jar's path, so a copy needs its own.
     *
     * @throws IllegalStateException when the JVM wrote no archive
     */
    void makeShippedArchive() {
        Run run = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                project.resolve("cli/src/build/ClassDataSharingArchive.java").toString(), jar.toString()), Map.of(), false);
        for (Path archive : archives()) {
            if (!Files.isRegularFile(archive)) {
                throw new IllegalStateException("no CDS archive " + archive + " was written for " + jar + " (exit "
                        + run.exitCode() + "): " + run.stderr().strip());
            }
        }
    }

    private Run exec(List<String> command, Map<String, String> env, boolean timed) {
        try {
            Path out = Files.createTempFile("bench-out", ".txt");
            Path err = Files.createTempFile("bench-err", ".txt");
            Path usage = Files.createTempFile("bench-time", ".txt");
            try {
                List<String> line = new ArrayList<>();
                if (timed) {
                    line.addAll(List.of(GNU_TIME, "-o", usage.toString(), "-f", "%U %S %M"));
                }
                line.addAll(command);
                ProcessBuilder builder = new ProcessBuilder(line).directory(project.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().clear();
                builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                builder.environment().putAll(env);
                long start = System.nanoTime();
                int exit = builder.start().waitFor();
                double wall = (System.nanoTime() - start) / 1e9;
                double cpu = -1;
                long peak = -1;
                if (timed) {
                    // The last line: GNU time puts a note about a non-zero exit first.
                    List<String> lines = Files.readAllLines(usage, StandardCharsets.UTF_8);
                    String[] figures = lines.isEmpty() ? new String[0] : lines.get(lines.size() - 1).strip().split(" ");
                    if (figures.length != 3) {
                        throw new IllegalStateException(GNU_TIME + " wrote no usage for " + command.get(0) + ": " + lines);
                    }
                    cpu = Double.parseDouble(figures[0]) + Double.parseDouble(figures[1]);
                    peak = Long.parseLong(figures[2]);
                }
                return new Run(exit, wall, cpu, peak, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
                Files.deleteIfExists(usage);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
