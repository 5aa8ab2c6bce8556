package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The README's generated tables are the code's: regenerate them when a profile changes. */
class ReadmeTablesTest {

    private static String generated(String name) throws IOException {
        Path readme = Path.of("").toAbsolutePath();
        while (readme != null && !Files.isRegularFile(readme.resolve("README.md").resolveSibling("mvnw"))) {
            readme = readme.getParent();
        }
        assertThat(readme).as("project root above " + Path.of("").toAbsolutePath()).isNotNull();
        String text = Files.readString(readme.resolve("README.md"));
        Matcher m = Pattern.compile("<!-- BEGIN GENERATED " + name + " -->\n(.*?)<!-- END GENERATED " + name + " -->",
                Pattern.DOTALL).matcher(text);
        assertThat(m.find()).as("README block " + name).isTrue();
        return m.group(1);
    }

    @Test
    void readmeShowsTheRancherNodesTableOfTheCode() throws IOException {
        String table = Markdown.table(Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults()));

        assertThat(generated("rancher-nodes")).isEqualTo(table.endsWith("\n") ? table : table + "\n");
    }

    @Test
    void readmeListsEveryKindOfFindingWithItsControls() throws IOException {
        String table = Markdown.findings();

        assertThat(generated("findings")).isEqualTo(table.endsWith("\n") ? table : table + "\n");
    }

    @Test
    void readmeListsEveryProfile() throws IOException {
        String catalogue = Markdown.catalogue();

        assertThat(generated("profiles")).isEqualTo(catalogue.endsWith("\n") ? catalogue : catalogue + "\n");
    }

    @Test
    void readmeShowsEveryStackLayoutOfTheCode() throws IOException {
        for (Layout layout : Layout.values()) {
            assertThat(generated("stack-" + layout.jsonName())).as("layout %s", layout.jsonName())
                    .isEqualTo(ReadmeStacks.block(layout));
        }
    }
}
