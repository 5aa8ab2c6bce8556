package io.ranchersg.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a file so that readers (node_exporter, a monitoring job) see the old content or the new,
 * never a part: the content goes to a hidden temporary file in the same directory, is forced to
 * disk, then renamed over the target.
 */
final class AtomicFiles {

    private AtomicFiles() {
    }

    /**
     * Checks, before any AWS call, that the file can be written where asked: its directory exists and
     * is writable, and the path is not a directory.
     *
     * @throws UsageException naming the option and the path
     */
    static Path checkWritable(String option, Path target) {
        if (target.toString().isEmpty()) {
            throw new UsageException(option + ": the path is empty, expected a file path");
        }
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw new UsageException(option + ": '" + target + "' is a directory, expected a file path");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new UsageException(option + ": the directory of '" + target + "' does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw new UsageException(option + ": the directory of '" + target + "' is not writable");
        }
        return absolute;
    }

    /**
     * Replaces the file's content atomically. The file ends up readable by everyone (0644), as
     * node_exporter usually runs as another user; reports hold no secrets.
     *
     * @throws IOException when the directory is not writable or the disk is full; the target is then untouched
     */
    static void write(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        // A leading dot and a suffix other than .prom keep node_exporter from reading the partial file.
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (Files.getFileAttributeView(temp, java.nio.file.attribute.PosixFileAttributeView.class) != null) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
