package io.ranchersg.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The export of the {@code rancher-nodes} group in each format, kept as a file reviewed by eye
 * ({@code src/test/resources/golden}). A change to a generator shows up here as a diff to review;
 * {@code -Dgolden.update=true} rewrites the files after such a review. The rancher-sg version in the
 * tags is written as {@value #VERSION}, so that a release changes no golden file.
 */
class GoldenFilesTest {

    static final String VERSION = "VERSION";
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

    static Path file(ExportFormat format) {
        String extension = format == ExportFormat.TERRAFORM ? "tf" : format == ExportFormat.CLOUDFORMATION
                ? "yaml" : "sh";
        return GOLDEN.resolve("rancher-nodes." + extension);
    }

    /**
     * The export the golden files hold: {@code rancher-nodes} with its defaults, and no VPC given, so
     * that the VPC is an input without a default.
     */
    static String export(ExportFormat format) {
        ExportSet set = ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults(), null);
        return format.exporter().render(set).replace(GroupTags.version(), VERSION);
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void exportMatchesItsGoldenFile(ExportFormat format) throws IOException {
        String actual = export(format);
        Path file = file(format);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        assertThat(actual).as("export as %s; after reviewing the change, rerun with -Dgolden.update=true to"
                + " rewrite %s", format.jsonName(), file).isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * The README's excerpt of each format: its lines, {@code ...} aside, appear in the golden file in
     * the same order.
     */
    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void readmeExcerptIsPartOfTheGoldenFile(ExportFormat format) throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String begin = "<!-- BEGIN export " + format.jsonName() + " -->";
        String end = "<!-- END export " + format.jsonName() + " -->";
        assertThat(text).as(readme.toString()).contains(begin, end);
        List<String> excerpt = text.substring(text.indexOf(begin) + begin.length(), text.indexOf(end)).lines()
                .filter(line -> !line.startsWith("```") && !line.isBlank())
                .filter(line -> !line.strip().equals("...") && !line.strip().equals("# ..."))
                .toList();
        List<String> golden = Files.readAllLines(file(format), StandardCharsets.UTF_8);

        int at = 0;
        for (String line : excerpt) {
            int found = golden.subList(at, golden.size()).indexOf(line);
            assertThat(found).as("README line, in order, in %s: %s", file(format), line).isNotNegative();
            at += found + 1;
        }
        assertThat(excerpt).as("the README's excerpt").hasSizeGreaterThan(10);
    }
}
