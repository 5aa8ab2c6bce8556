package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AtomicFilesTest {

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("drift.prom");
        Files.writeString(target, "old\n");

        AtomicFiles.write(target, "new\n");

        assertThat(Files.readString(target)).isEqualTo("new\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("only the target").containsExactly(target);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rw-------", "rw-r-----", "rw-rw-r--"})
    void keepsTheModeOfAnExistingFile(String mode, @TempDir Path dir) throws Exception {
        assumeTrue(posix(dir), "POSIX file modes");
        Path target = Files.writeString(dir.resolve("report.json"), "old\n");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString(mode));

        AtomicFiles.write(target, "{}\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).as("mode").isEqualTo(mode);
    }

    @ParameterizedTest
    @CsvSource({"022, rw-r--r--", "077, rw-------", "027, rw-r-----"})
    void aNewFileGetsTheModeTheUmaskGives(String umask, String mode, @TempDir Path dir) throws Exception {
        assumeTrue(posix(dir), "POSIX file modes");
        Path target = dir.resolve("drift.prom");
        // The umask is per process: write from a JVM started under the umask in question.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder("sh", "-c", "umask " + umask + " && exec \"$0\" -cp \"$1\" \"$2\" \"$3\"",
                java, System.getProperty("java.class.path"), WriteOnce.class.getName(), target.toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());

        assertThat(process.waitFor()).as("writer's exit code, output: %s", output).isZero();
        assertThat(Files.readString(target)).as("content").isEqualTo("written\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).as("mode under umask %s", umask)
                .isEqualTo(mode);
    }

    /** Writes one file with {@link AtomicFiles#write}, in a process of its own. */
    static final class WriteOnce {
        public static void main(String[] args) throws Exception {
            AtomicFiles.write(Path.of(args[0]), "written\n");
        }
    }

    private static boolean posix(Path dir) {
        return Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
    }

    @Test
    void anEmptyPathIsCalledEmpty() {
        assertThatThrownBy(() -> AtomicFiles.checkWritable("--report-file", Path.of("")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is empty");
    }

    @Test
    void aDirectoryIsNoFilePath(@TempDir Path dir) {
        assertThatThrownBy(() -> AtomicFiles.checkWritable("--report-file", dir))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is a directory");
    }
}
