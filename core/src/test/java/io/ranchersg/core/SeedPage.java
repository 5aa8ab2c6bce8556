package io.ranchersg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The Rancher port-requirements page (the specification), read from the shared seed directory, or
 * from the copy in test resources when the shared one is not there (say, a clone of the repo alone).
 */
final class SeedPage {

    static final String SHARED_RELATIVE = "shared/seed/port-requirements.md";
    static final String RESOURCE = "/seed/port-requirements.md";
    static final String SPEC_SHARED_RELATIVE = "shared/spec/port-tables.md";
    static final String SPEC_RESOURCE = "/seed/port-tables.md";

    private SeedPage() {
    }

    /** The shared seed: walks up from the working directory to the first {@code shared/seed/...}. */
    static Optional<Path> sharedSeed() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHARED_RELATIVE);
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static byte[] sharedBytes() {
        try {
            return Files.readAllBytes(sharedSeed().orElseThrow());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resourceBytes() {
        try (InputStream in = SeedPage.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The page text: the shared seed if present, else the committed copy. */
    static String text() {
        byte[] bytes = sharedSeed().isPresent() ? sharedBytes() : resourceBytes();
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * The tables the page refers to but does not print (port-tables.md): the shared copy if present,
     * else the committed one ({@code Rke2RolesSeedTest} checks that the two are equal).
     */
    static String specText() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SPEC_SHARED_RELATIVE);
            if (Files.isRegularFile(candidate)) {
                try {
                    return Files.readString(candidate);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try (InputStream in = SeedPage.class.getResourceAsStream(SPEC_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + SPEC_RESOURCE + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The cells of the first markdown table after the heading, header row first, separator row
     * dropped, each cell trimmed.
     */
    static List<List<String>> tableAfterHeading(String markdown, String heading) {
        List<String> lines = markdown.lines().toList();
        int at = lines.indexOf(heading);
        if (at < 0) {
            throw new IllegalStateException("heading '" + heading + "' not found in the seed");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (int i = at + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("|")) {
                inTable = true;
                List<String> cells = cells(line);
                if (!cells.stream().allMatch(c -> c.matches(":?-+:?"))) {
                    rows.add(cells);
                }
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    private static List<String> cells(String line) {
        String inner = line.substring(1, line.endsWith("|") ? line.length() - 1 : line.length());
        return Arrays.stream(inner.split("\\|", -1)).map(String::strip).toList();
    }
}
