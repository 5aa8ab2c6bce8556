package io.ranchersg.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

/**
 * Writes a file so that readers (node_exporter, a monitoring job) see the old content or the new,
 * never a part: the content goes to a hidden temporary file in the same directory, is forced to
 * disk, then renamed over the target.
 */
final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

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
     * Replaces the file's content atomically. The file keeps the mode it had; a new file gets the
     * mode the umask gives (0644 under the usual 022, so that node_exporter, which usually runs as
     * another user, can read it; 0600 under 077).
     *
     * @throws IOException when the directory is not writable or the disk is full; the target is then untouched
     */
    static void write(Path target, String content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        boolean posix = Files.getFileAttributeView(dir, PosixFileAttributeView.class) != null;
        Set<PosixFilePermission> existingMode = posix && Files.isRegularFile(absolute)
                ? Files.getPosixFilePermissions(absolute) : null;
        Path temp = createTemp(dir, absolute.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            if (existingMode != null) {
                Files.setPosixFilePermissions(temp, existingMode);
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

    /**
     * A new empty file beside the target. Unlike {@code Files.createTempFile}, which asks for 0600,
     * it is created without a mode of its own, so the umask decides, as for any file a program creates.
     * A leading dot and a suffix other than .prom keep node_exporter from reading the partial file.
     */
    private static Path createTemp(Path dir, String name) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = dir.resolve("." + name + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException e) {
                if (attempt >= 100) {
                    throw e;
                }
            }
        }
    }
}
