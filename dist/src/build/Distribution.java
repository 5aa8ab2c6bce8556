import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Makes the self-contained archive of the CLI, {@code rancher-sg-VERSION-linux-x86_64.tar.gz}, and its
 * {@code .sha256}: everything a machine with no Java needs to run {@code rancher-sg}. Run by the release
 * build (dist/pom.xml) with the JDK that runs Maven, which must have its {@code jmods}:
 *
 * <pre>java dist/src/build/Distribution.java key=value...</pre>
 *
 * <p>Keys: {@code version}, {@code jar} (the shaded CLI jar), {@code root} (the project: README.md,
 * LICENSE, bin/rancher-sg), {@code sbom} (the CLI's CycloneDX SBOM), {@code cds} (ClassDataSharingArchive.java),
 * {@code timestamp} (the build's output timestamp), {@code out} (the directory to write into).
 *
 * <p>The archive holds one directory, {@code rancher-sg-VERSION/}:
 * <ul>
 *   <li>{@code bin/rancher-sg}, the project's launcher, which finds the runtime beside it;</li>
 *   <li>{@code lib/rancher-sg.jar}, the shaded CLI jar;</li>
 *   <li>{@code runtime/}, made by jlink with the modules jdeps finds in the jar and those the jar needs
 *       only at run time (below), and the runtime's class-data-sharing archive trained on a check;</li>
 *   <li>{@code rancher-sg.cdx.json}, the CLI's SBOM; {@code README.md}; {@code LICENSE}.</li>
 * </ul>
 * Entries are sorted, owned by 0:0, dated with the build's timestamp, and the gzip header carries no
 * time, so that the archive's bytes depend on its content only. The content itself is not quite
 * reproducible: the class-data-sharing archive differs from one dump to the next.
 */
public final class Distribution {

    /**
     * Modules the jar needs that jdeps cannot see, because nothing names them in code: jdk.crypto.ec
     * holds the elliptic-curve algorithms that TLS to AWS endpoints negotiates (ECDHE key exchange,
     * ECDSA certificates); without it the first HTTPS call fails its handshake.
     */
    static final List<String> RUN_TIME_MODULES = List.of("jdk.crypto.ec");

    /** The archive must stay small enough to download in a pipeline step. */
    static final long MAX_BYTES = 80L * 1024 * 1024;

    private Distribution() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("not key=value: " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String version = required(options, "version");
        Path jar = Path.of(required(options, "jar"));
        Path root = Path.of(required(options, "root"));
        Path sbom = Path.of(required(options, "sbom"));
        Path cds = Path.of(required(options, "cds"));
        Instant timestamp = Instant.parse(required(options, "timestamp"));
        Path out = Path.of(required(options, "out"));

        String platform = platform();
        String name = "rancher-sg-" + version;
        Path image = out.resolve(name);
        Path archive = out.resolve(name + "-" + platform + ".tar.gz");
        Path checksum = out.resolve(archive.getFileName() + ".sha256");
        delete(image);
        Files.deleteIfExists(archive);
        Files.deleteIfExists(checksum);
        Files.createDirectories(image.resolve("bin"));
        Files.createDirectories(image.resolve("lib"));

        Set<String> modules = new TreeSet<>(jdeps(jar));
        say("jdeps finds " + String.join(",", modules) + "; at run time also " + String.join(",", RUN_TIME_MODULES));
        modules.addAll(RUN_TIME_MODULES);
        // Uncompressed modules: gzip shrinks them better than jlink's own compression (the archive is
        // 6 MiB smaller), and classes are read without inflating them at start.
        tool("jlink", "--add-modules", String.join(",", modules), "--strip-debug", "--no-header-files",
                "--no-man-pages", "--compress=0", "--output", image.resolve("runtime").toString());

        Path lib = image.resolve("lib").resolve("rancher-sg.jar");
        Files.copy(jar, lib);
        Files.copy(root.resolve("bin").resolve("rancher-sg"), image.resolve("bin").resolve("rancher-sg"));
        Files.copy(root.resolve("README.md"), image.resolve("README.md"));
        Files.copy(root.resolve("LICENSE"), image.resolve("LICENSE"));
        Files.copy(sbom, image.resolve("rancher-sg.cdx.json"));

        // The class-data-sharing archive, made by the runtime it is for, from a training check.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        exec(List.of(java.toString(), cds.toString(), "--runtime", lib.toString(), image.resolve("runtime").toString()));

        normalise(image, FileTime.from(timestamp));
        tar(out, name, archive, timestamp);
        String sha = sha256(archive);
        Files.writeString(checksum, sha + "  " + archive.getFileName() + "\n");

        long size = Files.size(archive);
        say(String.format("%s: %.1f MiB (%s)", archive.getFileName(), size / 1024.0 / 1024.0, sha));
        if (size > MAX_BYTES) {
            throw new IllegalStateException(archive + " is " + size + " bytes, over the limit of " + MAX_BYTES);
        }
    }

    private static String required(Map<String, String> options, String key) {
        String value = options.get(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("missing " + key + "=...");
        }
        return value;
    }

    /** linux-x86_64 or linux-aarch64: the launcher is bash and the runtime is this JDK's. */
    private static String platform() {
        String os = System.getProperty("os.name");
        if (!os.equals("Linux")) {
            throw new IllegalStateException("the archive is built on Linux, not on " + os);
        }
        String arch = System.getProperty("os.arch");
        return "linux-" + switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> arch;
        };
    }

    /** The JDK modules that the jar's classes name, as jdeps prints them. */
    private static List<String> jdeps(Path jar) {
        String printed = tool("jdeps", "--print-module-deps", "--ignore-missing-deps", "--multi-release",
                String.valueOf(Runtime.version().feature()), jar.toString());
        List<String> modules = new ArrayList<>();
        for (String module : printed.strip().split(",")) {
            if (!module.isBlank()) {
                modules.add(module.strip());
            }
        }
        if (!modules.contains("java.base")) {
            throw new IllegalStateException("jdeps printed no module list: " + printed);
        }
        return modules;
    }

    private static String tool(String name, String... args) {
        ToolProvider tool = ToolProvider.findFirst(name)
                .orElseThrow(() -> new IllegalStateException("this JDK has no " + name + " (a full JDK is needed)"));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = tool.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        if (code != 0) {
            throw new IllegalStateException(name + " " + String.join(" ", args) + " failed (" + code + "):\n" + out
                    + err);
        }
        return out.toString();
    }

    private static void exec(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(output);
        }
        if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + output);
        }
    }

    /**
     * One date and one of two modes for every entry (755 for directories and executables, 644 for the
     * rest), whatever the umask and jlink chose.
     */
    private static void normalise(Path image, FileTime time) throws IOException {
        Set<PosixFilePermission> executable = PosixFilePermissions.fromString("rwxr-xr-x");
        Set<PosixFilePermission> plain = PosixFilePermissions.fromString("rw-r--r--");
        List<Path> directories = new ArrayList<>();
        Files.walkFileTree(image, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.setPosixFilePermissions(dir, executable);
                directories.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile()) {
                    boolean exec = Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_EXECUTE)
                            || file.getParent().getFileName().toString().equals("bin");
                    Files.setPosixFilePermissions(file, exec ? executable : plain);
                    Files.setLastModifiedTime(file, time);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // Directories last: setting a file's time changes nothing of its directory, but creating does.
        for (Path dir : directories) {
            Files.setLastModifiedTime(dir, time);
        }
    }

    /** GNU tar for the entries (symbolic links included), gzip without a time in its header. */
    private static void tar(Path out, String name, Path archive, Instant timestamp) throws IOException,
            InterruptedException {
        List<String> command = List.of("tar", "--create", "--format=gnu", "--sort=name", "--owner=0", "--group=0",
                "--numeric-owner", "--mtime=@" + timestamp.getEpochSecond(), "--directory=" + out, name);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (InputStream in = process.getInputStream();
                OutputStream file = Files.newOutputStream(archive);
                OutputStream gzip = new BestGzip(file)) {
            in.transferTo(gzip);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    /** Java's gzip writes no time and no name into its header; this one also compresses hardest. */
    private static final class BestGzip extends GZIPOutputStream {
        BestGzip(OutputStream out) throws IOException {
            super(out, 1 << 16);
            def.setLevel(Deflater.BEST_COMPRESSION);
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void say(String message) {
        System.out.println("distribution: " + message);
    }
}
