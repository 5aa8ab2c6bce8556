package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code bin/rancher-sg} as a user runs it: a subprocess with the emulator's endpoint, region and
 * keys in the environment (and no other AWS variables), its exit code and output captured.
 */
final class RancherSg {

    /** The project root: the first directory above the working directory that holds bin/rancher-sg. */
    static final Path ROOT = findRoot();
    static final Path SCRIPT = ROOT.resolve("bin/rancher-sg");

    private final Map<String, String> env;

    private RancherSg(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Pointed at the emulator as the AWS CLI would be: AWS_ENDPOINT_URL, AWS_REGION and keys. */
    static RancherSg against(Ec2Emulator emulator) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("AWS_"));
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_REGION", emulator.region());
        env.put("AWS_ACCESS_KEY_ID", emulator.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", emulator.secretAccessKey());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.remove("NO_COLOR");
        return new RancherSg(env);
    }

    /** The same, with one more variable. */
    RancherSg with(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new RancherSg(more);
    }

    /** The same, without these variables. */
    RancherSg without(String... names) {
        Map<String, String> fewer = new HashMap<>(env);
        for (String name : names) {
            fewer.remove(name);
        }
        return new RancherSg(fewer);
    }

    /**
     * Starts {@code bin/rancher-sg args...} without waiting for it; {@link Started#await} or
     * {@link Started#killHard} ends it and returns what it printed.
     */
    Started start(String... args) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(Arrays.asList(args));
        try {
            Path out = Files.createTempFile("rancher-sg-out", ".txt");
            Path err = Files.createTempFile("rancher-sg-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().clear();
            builder.environment().putAll(env);
            return new Started(String.join(" ", args), builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code bin/rancher-sg args...} and waits for it (at most two minutes). */
    CliRun run(String... args) {
        return start(args).await(Duration.ofMinutes(2));
    }

    /** A run of {@code bin/rancher-sg} that is still going, or was until {@link #await} or {@link #killHard}. */
    /**
     * Runs {@code ensure} for a new group, which must succeed.
     *
     * @param prefix  the start of the group's name, made unique
     * @param options more options of ensure
     * @return the group's name
     */
    String ensured(String prefix, String... options) {
        String name = Ec2Groups.uniqueName(prefix);
        List<String> args = new ArrayList<>(List.of("ensure", "--group-name", name));
        args.addAll(List.of(options));
        CliRun ensure = run(args.toArray(String[]::new));
        assertThat(ensure.exitCode()).as("ensure %s: %s", name, ensure).isZero();
        return name;
    }

    static final class Started {
        private final String command;
        private final Process process;
        private final Path out;
        private final Path err;

        private Started(String command, Process process, Path out, Path err) {
            this.command = command;
            this.process = process;
            this.out = out;
            this.err = err;
        }

        /** Waits for the run to end; one that outlives the timeout is killed and fails the test. */
        CliRun await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    CliRun killed = killHard();
                    throw new AssertionError("rancher-sg " + command + " did not end within " + timeout + "\n"
                            + killed);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return result();
        }

        /** {@return whether it still runs} */
        boolean alive() {
            return process.isAlive();
        }

        /** SIGTERM, as a container runtime stops a process: it may finish what it does, then exit. */
        void terminate() {
            process.destroy();
        }

        /** {@return what it has written to stderr so far} */
        String errSoFar() {
            try {
                return Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * {@code kill -9}: SIGKILL to the process and anything it started, as a crash or the OOM killer
         * would end it, with no shutdown hooks or finally blocks; then what it printed until then.
         */
        CliRun killHard() {
            process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    throw new AssertionError("rancher-sg " + command + " survived SIGKILL for 30 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            return result();
        }

        private CliRun result() {
            try {
                return new CliRun(command, process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                try {
                    Files.deleteIfExists(out);
                    Files.deleteIfExists(err);
                } catch (IOException e) {
                    // Temporary files only: the test's verdict does not depend on them being gone.
                }
            }
        }
    }

    private static Path findRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("bin/rancher-sg"))) {
                return dir;
            }
        }
        throw new IllegalStateException("bin/rancher-sg not found above " + Path.of("").toAbsolutePath());
    }
}
