package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void theFileIsReadableByOtherUsers(@TempDir Path dir) throws Exception {
        Path target = dir.resolve("report.json");

        AtomicFiles.write(target, "{}\n");

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-r--r--");
    }

    @Test
    void aDirectoryIsNoFilePath(@TempDir Path dir) {
        assertThatThrownBy(() -> AtomicFiles.checkWritable("--report-file", dir))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("is a directory");
    }
}
