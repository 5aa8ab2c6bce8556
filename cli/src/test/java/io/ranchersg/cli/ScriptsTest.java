package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shell scripts users run: {@code bin/rancher-sg}, {@code scripts/localstack.sh},
 * {@code scripts/test-tools.sh} and {@code scripts/benchmark.sh}, run by bash in a temporary directory, with stand-ins for java and
 * for the system's tools where the real ones would do real work.
 */
class ScriptsTest {

    private static Path project;

    @BeforeAll
    static void findProject() {
        assumeTrue(Files.isExecutable(Path.of("/bin/bash")) || Files.isExecutable(Path.of("/usr/bin/bash")), "bash");
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve("bin/rancher-sg"))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("project root above %s", Path.of("").toAbsolutePath()).isNotNull();
        project = dir;
    }

    private record Run(int exitCode, String out, String err) {
        List<String> errLines() {
            return err.isEmpty() ? List.of() : err.lines().toList();
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    private static Run bash(Path cwd, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().putAll(env);
        Path err = Files.createTempFile(cwd, "stderr", ".txt");
        Process process = builder.redirectError(err.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("%s ends", command).isTrue();
        String errText = Files.readString(err);
        Files.delete(err);
        return new Run(process.exitValue(), out, errText);
    }

    private static Path executable(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        return file;
    }

    /** A java that prints its arguments, one a line. */
    private static Path fakeJavaHome(Path dir) throws IOException {
        executable(dir.resolve("jdk/bin/java"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done\n");
        return dir.resolve("jdk");
    }

    @Test
    void javaOptionsReachTheJvmAsWrittenNotMatchedAgainstFileNames(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("rancher-sg.jar"), "");
        Files.writeString(dir.resolve("-Dpattern=from-a-file-name"), "");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome(dir).toString(), "RANCHER_SG_JAR", jar.toString(),
                "RANCHER_SG_CDS", "0", "RANCHER_SG_JAVA_OPTS", "-Dpattern=*  -Xmx64m");

        Run run = bash(dir, env, project.resolve("bin/rancher-sg").toString(), "rules", "--profile", "a b");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out().lines()).as("the JVM's arguments")
                .containsExactly("-Dpattern=*", "-Xmx64m", "-jar", jar.toString(), "rules", "--profile", "a b");
    }

    @Test
    void theDefaultJavaOptionsStillApply(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("rancher-sg.jar"), "");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome(dir).toString(), "RANCHER_SG_JAR", jar.toString(),
                "RANCHER_SG_CDS", "0");

        Run run = bash(dir, env, project.resolve("bin/rancher-sg").toString(), "check");

        assertThat(run.out().lines()).as(run.toString())
                .containsExactly("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:+UseSerialGC", "-Xms16m",
                        "-XX:-UsePerfData", "-jar", jar.toString(), "check");
    }

    @Test
    void serveGetsAHeapThatFollowsWhatItHoldsAndNoClassDataSharingArchive(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("rancher-sg.jar"), "");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        Files.writeString(dir.resolve("rancher-sg.jsa"), "");
        Files.writeString(dir.resolve("rancher-sg-base.jsa"), "");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome(dir).toString(), "RANCHER_SG_JAR", jar.toString());

        Run serve = bash(dir, env, project.resolve("bin/rancher-sg").toString(), "-v", "serve", "--interval", "1m");
        Run scan = bash(dir, env, project.resolve("bin/rancher-sg").toString(), "scan", "serve");

        assertThat(serve.out().lines()).as(serve.toString())
                .containsSubsequence("-XX:+UseSerialGC", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30",
                        "-XX:+ExitOnOutOfMemoryError", "-jar", jar.toString(), "-v", "serve");
        assertThat(serve.out()).as(serve.toString()).doesNotContain("SharedArchiveFile");
        assertThat(scan.out()).as("only serve: the first word that is not an option names the command")
                .doesNotContain("HeapFreeRatio").doesNotContain("ExitOnOutOfMemoryError").contains("SharedArchiveFile");
    }

    @Test
    void bothClassDataSharingArchivesAreUsedTogetherOrNotAtAll(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("rancher-sg.jar"), "");
        Path top = dir.resolve("rancher-sg.jsa");
        Path base = dir.resolve("rancher-sg-base.jsa");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome(dir).toString(), "RANCHER_SG_JAR", jar.toString());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));

        Files.writeString(top, "");
        Run onlyTop = bash(dir, env, project.resolve("bin/rancher-sg").toString(), "check");
        Files.writeString(base, "");
        Run both = bash(dir, env, project.resolve("bin/rancher-sg").toString(), "check");

        assertThat(onlyTop.out()).as(onlyTop.toString()).doesNotContain("SharedArchiveFile");
        assertThat(both.out().lines()).as(both.toString())
                .contains("-XX:SharedArchiveFile=" + base + ":" + top, "-Xshare:auto");
    }

    @Test
    void aScanMapsTheScansArchiveAndACheckTheChecks(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("rancher-sg.jar"), "");
        Path top = Files.writeString(dir.resolve("rancher-sg.jsa"), "");
        Path base = Files.writeString(dir.resolve("rancher-sg-base.jsa"), "");
        Path scanTop = dir.resolve("rancher-sg-scan.jsa");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome(dir).toString(), "RANCHER_SG_JAR", jar.toString());
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        String launcher = project.resolve("bin/rancher-sg").toString();

        Run scanWithoutItsOwn = bash(dir, env, launcher, "-v", "scan");
        Files.writeString(scanTop, "");
        Run scan = bash(dir, env, launcher, "-v", "scan", "--accounts", "accounts.yml");
        Run check = bash(dir, env, launcher, "check", "--group-name", "scan");
        Files.setLastModifiedTime(scanTop, FileTime.fromMillis(System.currentTimeMillis() - 120_000));
        Run scanWithAStaleOne = bash(dir, env, launcher, "scan");

        assertThat(scanWithoutItsOwn.out().lines()).as(scanWithoutItsOwn.toString())
                .contains("-XX:SharedArchiveFile=" + base + ":" + top);
        assertThat(scan.out().lines()).as(scan.toString())
                .contains("-XX:SharedArchiveFile=" + base + ":" + scanTop);
        assertThat(check.out().lines()).as(check.toString())
                .contains("-XX:SharedArchiveFile=" + base + ":" + top);
        assertThat(scanWithAStaleOne.out().lines()).as(scanWithAStaleOne.toString())
                .contains("-XX:SharedArchiveFile=" + base + ":" + top);
    }

    @ParameterizedTest
    @ValueSource(strings = {"--state-dir", "--owner-pid", "--port"})
    void anOptionOfLocalstackShWithoutItsValueIsAUsageError(String option, @TempDir Path dir) throws Exception {
        Run run = bash(dir, Map.of(), project.resolve("scripts/localstack.sh").toString(), "status", option);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(64);
        assertThat(run.errLines()).as("one line").hasSize(1);
        assertThat(run.err()).as(run.toString()).contains(option + " needs a value").doesNotContain("unbound");
    }

    @ParameterizedTest
    @ValueSource(strings = {"scripts/localstack.sh", "scripts/benchmark.sh", "scripts/test-tools.sh"})
    void helpPrintsTheUsageCommentAndNothingElse(String script, @TempDir Path dir) throws Exception {
        Run run = bash(dir, Map.of(), project.resolve(script).toString(), "--help");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as("usage").contains("Environment:").contains("RANCHER_SG_LOCALSTACK_HOME")
                .doesNotContain("set -euo pipefail").doesNotContain("#");
        assertThat(run.out().lines().toList()).as("last line").last().asString().isNotBlank();
    }

    @Test
    void benchmarkShSaysWhatIsMissingAndInstallsNothing(@TempDir Path dir) throws Exception {
        // A copy whose GNU time is missing, run as 'root' with an apt-get that records being called.
        String script = Files.readString(project.resolve("scripts/benchmark.sh"))
                .replace("/usr/bin/time", dir.resolve("no-gnu-time").toString());
        Path copy = executable(dir.resolve("project/scripts/benchmark.sh"), script);
        Path marker = dir.resolve("apt-get-was-called");
        Path bin = dir.resolve("bin");
        executable(bin.resolve("id"), "#!/bin/sh\necho 0\n");
        executable(bin.resolve("apt-get"), "#!/bin/sh\ntouch '" + marker + "'\n");
        Map<String, String> env = Map.of("JAVA_HOME", fakeJavaHome(dir).toString(),
                "PATH", bin + ":" + System.getenv("PATH"));

        Run run = bash(dir, env, copy.toString(), "--quick");

        assertThat(Files.exists(marker)).as("apt-get called, %s", run).isFalse();
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err()).as("says what is missing").contains("GNU time").contains("missing")
                .doesNotContain("building");
    }
}
