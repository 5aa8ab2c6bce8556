package io.ranchersg.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    private final Path project;
    private final Path jar;
    private final Sessions sessions;

    Cli(Path project, Path jar, Sessions sessions) {
        this.project = project;
        this.jar = jar;
        this.sessions = sessions;
    }

    Path project() {
        return project;
    }

    Path jar() {
        return jar;
    }

    /** The class-data-sharing archive bin/rancher-sg uses: next to the jar, same name. */
    Path archive() {
        String name = jar.getFileName().toString();
        return jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".jsa");
    }

    /** The command line: bin/rancher-sg and the arguments. */
    List<String> command(String... args) {
        List<String> command = new ArrayList<>();
        command.add(project.resolve("bin/rancher-sg").toString());
        command.addAll(List.of(args));
        return command;
    }

    /**
     * The environment of a run: the emulator, the region, dummy keys, this JVM as JAVA_HOME (so that
     * every process runs on the Java the report names) and the jar.
     */
    Map<String, String> env(String region) {
        Map<String, String> env = new HashMap<>(sessions.cliEnvironment(region));
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("RANCHER_SG_JAR", jar.toString());
        return env;
    }

    /**
     * Makes the archive as the build makes it for cli/target/rancher-sg.jar (cli/pom.xml, execution
     * {@code class-data-sharing-archive}): an archive names the jar's path, so a copy needs its own.
     * Nothing is done when the archive is newer than the jar.
     *
     * @throws IllegalStateException when the JVM wrote no archive
     */
    void makeShippedArchive(ProcessMeter meter) {
        Path archive = archive();
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return;
            }
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(ColdStart.java().toString(),
                "-XX:+IgnoreUnrecognizedVMOptions", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-XX:ArchiveClassesAtExit=" + archive, "-Xlog:disable", "-jar", jar.toString(),
                "check", "--region=us-east-1", "--endpoint-url=http://127.0.0.1:9", "--max-attempts=1",
                "--output=json"));
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "training", "AWS_SECRET_ACCESS_KEY", "training",
                "AWS_EC2_METADATA_DISABLED", "true");
        ProcessMeter.Run run = meter.run(project, env, command);
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("no CDS archive was written for " + jar + " (exit " + run.exitCode()
                    + "): " + run.stderr().strip());
        }
    }
}
