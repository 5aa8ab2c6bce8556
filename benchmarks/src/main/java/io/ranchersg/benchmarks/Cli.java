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

    /**
     * One process that ran to its end.
     *
     * @param exitCode    its exit code
     * @param wallSeconds from start to exit
     * @param stdout      what it printed
     * @param stderr      what it printed on stderr
     * @param peakKilobytes its largest resident set, as GNU time reports it, or -1 when not measured
     */
    record Run(int exitCode, double wallSeconds, String stdout, String stderr, long peakKilobytes) {
    }

    /** GNU time: peak memory from the kernel's accounting of the process and its children. */
    private static final Path GNU_TIME = Path.of("/usr/bin/time");

    private final Path project;
    private final Path jar;
    private final Sessions sessions;

    Cli(Path project, Path jar, Sessions sessions) {
        this.project = project;
        this.jar = jar;
        this.sessions = sessions;
    }

    /** The class-data-sharing archive bin/rancher-sg uses: next to the jar, same name. */
    Path archive() {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /** Runs {@code bin/rancher-sg args...} against {@code region} with extra variables, and times it. */
    Run run(String region, Map<String, String> extra, String... args) {
        return exec(command(List.of(), args), environment(region, extra));
    }

    /** As {@link #run}, under GNU time, which reports the peak memory ({@link Run#peakKilobytes()}). */
    Run runMeasured(String region, Map<String, String> extra, String... args) {
        try {
            Path peak = Files.createTempFile("bench-peak", ".txt");
            try {
                Run run = exec(command(List.of(GNU_TIME.toString(), "-q", "-f", "%M", "-o", peak.toString()), args),
                        environment(region, extra));
                String kilobytes = Files.readString(peak, StandardCharsets.UTF_8).strip();
                long value = kilobytes.matches("\\d+") ? Long.parseLong(kilobytes) : -1;
                return new Run(run.exitCode(), run.wallSeconds(), run.stdout(), run.stderr(), value);
            } finally {
                Files.deleteIfExists(peak);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> environment(String region, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(sessions.cliEnvironment(region));
        env.put("JAVA_HOME", System.getProperty("java.home")); // every process runs on the Java the report names
        env.put("RANCHER_SG_JAR", jar.toString());
        env.putAll(extra);
        return env;
    }

    private List<String> command(List<String> prefix, String... args) {
        List<String> command = new ArrayList<>(prefix);
        command.add(project.resolve("bin/rancher-sg").toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * Makes the archive as the build makes it for cli/target/rancher-sg.jar (cli/pom.xml, execution
     * {@code class-data-sharing-archive}): an archive names the jar's path, so a copy needs its own.
     *
     * @throws IllegalStateException when the JVM wrote no archive
     */
    void makeShippedArchive() {
        Path archive = archive();
        try {
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Run run = exec(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar", jar.toString(),
                "check", "--region=us-east-1", "--endpoint-url=http://127.0.0.1:9", "--max-attempts=1",
                "--output=json"), Map.of("AWS_ACCESS_KEY_ID", "training", "AWS_SECRET_ACCESS_KEY", "training",
                "AWS_EC2_METADATA_DISABLED", "true"));
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no CDS archive was written for " + jar + " (exit " + run.exitCode()
                    + "): " + run.stderr().strip());
        }
    }

    private Run exec(List<String> command, Map<String, String> env) {
        try {
            Path out = Files.createTempFile("bench-out", ".txt");
            Path err = Files.createTempFile("bench-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
                        .redirectOutput(out.toFile()).redirectError(err.toFile());
                builder.environment().clear();
                builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
                builder.environment().putAll(env);
                long start = System.nanoTime();
                int exit = builder.start().waitFor();
                double wall = (System.nanoTime() - start) / 1e9;
                return new Run(exit, wall, Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8), -1);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        }
    }
}
