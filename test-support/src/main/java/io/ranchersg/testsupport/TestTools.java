package io.ranchersg.testsupport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The Python tools the export and example tests run (cfn-lint, python-hcl2, the AWS CLI; checkov;
 * kubernetes-validate), from the cached virtual environments {@code scripts/test-tools.sh} installs
 * at the versions of {@code scripts/test-tools-constraints.txt}, {@code scripts/checkov-constraints.txt}
 * and {@code scripts/kubernetes-constraints.txt}. Without Python each test that needs them is
 * skipped (aborted where it asks for them, so the reports count it) and the reason, with what to
 * install, is printed once on stderr; with {@code CI=true} they fail instead. Call these methods
 * from a test, never from {@code @BeforeAll}: a class-level abort hides the class's tests from the
 * reports.
 */
public final class TestTools {

    private static final Path SCRIPT = Path.of("scripts", "test-tools.sh");
    /** The kits of {@code test-tools.sh}: {@code ""} for cfn-lint, python-hcl2 and the AWS CLI. */
    private static final String TOOLS = "";
    private static final String CHECKOV = "checkov";
    private static final String KUBERNETES = "kubernetes";
    private static final Map<String, Path> VENVS = new HashMap<>();
    private static final Map<String, String> FAILURES = new HashMap<>();

    private TestTools() {
    }

    /**
     * The virtual environment of cfn-lint, python-hcl2 and the AWS CLI, installed on first use (once
     * per JVM).
     *
     * @throws RuntimeException when it cannot be had outside CI: JUnit then skips the test
     * @throws AssertionError   when it cannot be had on CI
     */
    public static Path venv() {
        return venv(TOOLS, "cfn-lint, python-hcl2 and the AWS CLI");
    }

    /** A program of that virtual environment: {@code cfn-lint}, {@code aws}, {@code python}. */
    public static Path bin(String program) {
        return venv().resolve("bin").resolve(program);
    }

    /**
     * checkov, from a virtual environment of its own (its pins clash with the other tools'),
     * installed on first use; fails or skips as {@link #venv()} does.
     */
    public static Path checkov() {
        return venv(CHECKOV, "checkov").resolve("bin").resolve("checkov");
    }

    /**
     * kubernetes-validate (with the schemas of the Kubernetes release it bundles), from a virtual
     * environment of its own, installed on first use; fails or skips as {@link #venv()} does.
     */
    public static Path kubernetesValidate() {
        return venv(KUBERNETES, "kubernetes-validate").resolve("bin").resolve("kubernetes-validate");
    }

    private static synchronized Path venv(String kit, String tools) {
        if (!VENVS.containsKey(kit) && !FAILURES.containsKey(kit)) {
            install(kit, tools);
            if (FAILURES.containsKey(kit)) {
                // Once per test JVM and kit, whatever the number of tests it fails or skips.
                System.err.println("[test-tools] " + (Ec2Emulators.required() ? "failing" : "skipping")
                        + " the tests that need " + tools + ": " + FAILURES.get(kit));
            }
        }
        Path venv = VENVS.get(kit);
        if (venv == null) {
            if (Ec2Emulators.required()) {
                throw new AssertionError(FAILURES.get(kit));
            }
            Assumptions.abort(FAILURES.get(kit));
        }
        return venv;
    }

    private static void install(String kit, String tools) {
        Optional<Path> script = Ec2Emulators.findUpwards(SCRIPT);
        if (script.isEmpty()) {
            FAILURES.put(kit, SCRIPT + " was not found above " + Path.of("").toAbsolutePath());
            return;
        }
        List<String> command = new ArrayList<>(List.of("bash", script.get().toString(), "venv"));
        if (!kit.isEmpty()) {
            command.add(kit);
        }
        Result result = run(command, Map.of(), Duration.ofMinutes(15));
        String last = lastLine(result.out());
        if (result.exitCode() != 0 || !Files.isDirectory(Path.of(last))) {
            FAILURES.put(kit, "the export tests need " + tools + ", which " + SCRIPT
                    + " installs with Python 3.10 to 3.13 (venv and pip); it failed: " + lastLine(result.err()));
            return;
        }
        VENVS.put(kit, Path.of(last));
    }

    /**
     * Runs a command to its end, without input, in this JVM's environment changed by {@code env}: a
     * variable mapped to {@code null} is removed, any other set.
     *
     * @throws AssertionError when it cannot be started or does not end in time
     */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path out = Files.createTempFile("test-tool-out", ".txt");
            Path err = Files.createTempFile("test-tool-err", ".txt");
            try {
                ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command))
                        .redirectOutput(out.toFile())
                        .redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
                env.forEach((name, value) -> {
                    if (value == null) {
                        builder.environment().remove(name);
                    } else {
                        builder.environment().put(name, value);
                    }
                });
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError(String.join(" ", command) + " did not end within " + timeout);
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("could not run " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String lastLine(String text) {
        String trimmed = text.strip();
        int newline = trimmed.lastIndexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(newline + 1);
    }

    /**
     * How a command ended.
     *
     * @param exitCode its exit code
     * @param out      what it printed on stdout
     * @param err      what it printed on stderr
     */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
