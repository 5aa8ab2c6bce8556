package io.ranchersg.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the EC2 emulator for this test JVM, once, and stops what it started when the JVM ends.
 *
 * <p>The order is fixed and documented in the README:
 *
 * <ol>
 *   <li>{@value #ENDPOINT_VARIABLE} in the environment: used as is (with {@code AWS_REGION},
 *       {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} when set);
 *   <li>a Docker engine: Testcontainers' LocalStack module with image {@code localstack/localstack} of
 *       {@link #localStackVersion()};
 *   <li>otherwise LocalStack on this host, through {@code scripts/localstack.sh}, which installs it
 *       into a cached virtual environment on first use.
 * </ol>
 *
 * <p>Every test shares one emulator; tests keep apart by creating their own groups and VPCs.
 */
public final class Ec2Emulators {
    /** Environment variable naming an EC2 endpoint that end-to-end tests should use as it is. */
    public static final String ENDPOINT_VARIABLE = "RANCHER_SG_TEST_ENDPOINT";
    /** Where the LocalStack release is pinned, for the host harness, the demo and the container image alike. */
    static final Path CONSTRAINTS = Path.of("scripts", "localstack-constraints.txt");
    private static final Pattern PIN = Pattern.compile("(?m)^localstack-core==(\\S+)$");
    static final String DEFAULT_REGION = "us-east-1";

    private static final Logger log = LoggerFactory.getLogger(Ec2Emulators.class);
    private static final Pattern ENDPOINT_LINE = Pattern.compile("(?m)^endpoint=(\\S+)$");
    private static final Pattern VERSION_FIELD = Pattern.compile("\"version\"\\s*:\\s*\"([^\"]+)\"");

    private static Ec2Emulator shared;
    private static Ec2EmulatorUnavailable failure;

    private Ec2Emulators() {}

    /**
     * The LocalStack release the harness runs (the newest that needs no account): the
     * {@code localstack-core} pin in {@code scripts/localstack-constraints.txt}.
     *
     * @throws IllegalStateException when the file or its pin cannot be found
     */
    public static String localStackVersion() {
        Path constraints = findUpwards(CONSTRAINTS).orElseThrow(() -> new IllegalStateException(
                CONSTRAINTS + " not found above " + Path.of("").toAbsolutePath()));
        try {
            Matcher pin = PIN.matcher(Files.readString(constraints));
            if (!pin.find()) {
                throw new IllegalStateException(constraints + " pins no localstack-core version");
            }
            return pin.group(1);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + constraints + ": " + e.getMessage(), e);
        }
    }

    /** The LocalStack image for Testcontainers, of {@link #localStackVersion()}. */
    static String image() {
        return "localstack/localstack:" + localStackVersion();
    }

    /**
     * The emulator for this JVM, found or started on first call.
     *
     * @throws Ec2EmulatorUnavailable when none could be had; the message lists what was tried
     */
    public static synchronized Ec2Emulator shared() {
        if (shared != null) {
            return shared;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            shared = find(System.getenv());
            log.info("EC2 emulator: {}", shared);
            System.err.println("[ec2-emulator] using " + shared);
            return shared;
        } catch (Ec2EmulatorUnavailable e) {
            failure = e;
            // Once per test JVM, whatever the number of tests it fails or skips.
            System.err.println("[ec2-emulator] " + (e.given() || required() ? "failing" : "skipping")
                    + " the end-to-end tests: " + e.getMessage());
            throw e;
        }
    }

    /** True when end-to-end tests must run, never skip: on CI. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    static Ec2Emulator find(Map<String, String> env) {
        List<String> tried = new ArrayList<>();
        String given = env.get(ENDPOINT_VARIABLE);
        if (given != null && !given.isBlank()) {
            URI endpoint;
            try {
                endpoint = URI.create(given.trim());
            } catch (IllegalArgumentException e) {
                tried.add(ENDPOINT_VARIABLE + " is not a URL: '" + given + "'");
                throw unavailable(tried, true);
            }
            if (!answers(endpoint)) {
                tried.add(ENDPOINT_VARIABLE + "=" + given.trim() + " does not answer");
                throw unavailable(tried, true);
            }
            return new Ec2Emulator(
                    endpoint,
                    env.getOrDefault("AWS_REGION", DEFAULT_REGION),
                    env.getOrDefault("AWS_ACCESS_KEY_ID", "test"),
                    env.getOrDefault("AWS_SECRET_ACCESS_KEY", "test"),
                    "environment",
                    versionOf(endpoint).orElse("unknown"));
        }
        tried.add(ENDPOINT_VARIABLE + " is not set");

        Optional<Ec2Emulator> container = Containers.start(tried);
        if (container.isPresent()) {
            return container.get();
        }
        return startOnHost(tried);
    }

    private static Ec2Emulator startOnHost(List<String> tried) {
        Optional<Path> script = findUpwards(Path.of("scripts", "localstack.sh"));
        if (script.isEmpty()) {
            tried.add("scripts/localstack.sh was not found above " + Path.of("").toAbsolutePath());
            throw unavailable(tried, false);
        }
        Path stateDir = Path.of("target", "localstack").toAbsolutePath();
        List<String> command =
                List.of(
                        "bash",
                        script.get().toString(),
                        "start",
                        "--state-dir",
                        stateDir.toString(),
                        "--owner-pid",
                        Long.toString(ProcessHandle.current().pid()));
        long started = System.nanoTime();
        String output;
        try {
            Files.createDirectories(stateDir);
            Path transcript = stateDir.resolve("start.log");
            Process process =
                    new ProcessBuilder(command)
                            .redirectErrorStream(true)
                            .redirectOutput(transcript.toFile())
                            .start();
            // A first start installs LocalStack (about a minute); leave room for a slow mirror.
            if (!process.waitFor(Duration.ofMinutes(15).toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                tried.add("host LocalStack did not start within 15 minutes; see " + transcript);
                throw unavailable(tried, false);
            }
            output = Files.readString(transcript);
            if (process.exitValue() != 0) {
                tried.add("host LocalStack failed to start (" + lastLine(output) + "); see " + transcript);
                throw unavailable(tried, false);
            }
        } catch (IOException e) {
            tried.add("could not run " + script.get() + ": " + e.getMessage());
            throw unavailable(tried, false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tried.add("interrupted while starting host LocalStack");
            throw unavailable(tried, false);
        }
        Matcher matcher = ENDPOINT_LINE.matcher(output);
        if (!matcher.find()) {
            tried.add("scripts/localstack.sh printed no endpoint: " + lastLine(output));
            throw unavailable(tried, false);
        }
        URI endpoint = URI.create(matcher.group(1));
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(() -> stopOnHost(script.get(), stateDir), "stop-host-localstack"));
        log.info(
                "host LocalStack ready in {} ms (venv install included when it was the first run)",
                Duration.ofNanos(System.nanoTime() - started).toMillis());
        return new Ec2Emulator(
                endpoint, DEFAULT_REGION, "test", "test", "host", versionOf(endpoint).orElse("unknown"));
    }

    private static void stopOnHost(Path script, Path stateDir) {
        try {
            new ProcessBuilder("bash", script.toString(), "stop", "--state-dir", stateDir.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            // The watchdog started with LocalStack ends it when this JVM is gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True when something at the endpoint answers HTTP at all (any status will do). */
    static boolean answers(URI endpoint) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            client.send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** LocalStack reports its version at {@code /_localstack/health}; other endpoints have none. */
    static Optional<String> versionOf(URI endpoint) {
        try {
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpResponse<String> response =
                    client.send(
                            HttpRequest.newBuilder(endpoint.resolve("/_localstack/health"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            Matcher matcher = VERSION_FIELD.matcher(response.body());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static Optional<Path> findUpwards(Path relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.lastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(newline + 1);
    }

    private static Ec2EmulatorUnavailable unavailable(List<String> tried, boolean given) {
        return new Ec2EmulatorUnavailable(
                "no EC2 emulator for the end-to-end tests: "
                        + String.join("; ", tried)
                        + ". Install Python 3.10 or 3.11 with venv and pip (host LocalStack), start a Docker"
                        + " engine, or set "
                        + ENDPOINT_VARIABLE
                        + " to a running LocalStack.",
                given);
    }
}
