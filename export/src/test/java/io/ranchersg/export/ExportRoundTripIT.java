package io.ranchersg.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every export read back by other people's tools, never by rancher-sg's: the Terraform through
 * python-hcl2 and the CloudFormation through PyYAML, each compared with the profile rule by rule
 * and peer by peer (descriptions and tags included); every template through cfn-lint, which must
 * report nothing, not even a warning.
 */
class ExportRoundTripIT {

    @TempDir
    Path dir;

    static List<Cases.Case> cases() {
        return Cases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void terraformDeclaresExactlyTheProfilesRules(Cases.Case c) throws IOException {
        Path file = write("main.tf", ExportFormat.TERRAFORM.exporter().render(c.set()));

        TestTools.Result read = python("terraform_rules.py", file);

        assertThat(read.exitCode()).as("python-hcl2 reads %s: %s", file, read).isZero();
        assertThat(lines(read.out())).as("what the Terraform declares, read back by python-hcl2")
                .containsExactlyElementsOf(Cases.expected(c.set()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cloudFormationDeclaresExactlyTheProfilesRules(Cases.Case c) throws IOException {
        Path file = write("template.yaml", ExportFormat.CLOUDFORMATION.exporter().render(c.set()));

        TestTools.Result read = python("cloudformation_rules.py", file);

        assertThat(read.exitCode()).as("PyYAML reads %s: %s", file, read).isZero();
        assertThat(lines(read.out())).as("what the template declares, read back by PyYAML")
                .containsExactlyElementsOf(Cases.expected(c.set()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void cfnLintFindsNothingInTheTemplate(Cases.Case c) throws IOException {
        Path file = write("template.yaml", ExportFormat.CLOUDFORMATION.exporter().render(c.set()));

        TestTools.Result lint = TestTools.run(List.of(TestTools.bin("cfn-lint").toString(), file.toString()),
                Map.of(), Duration.ofMinutes(2));

        assertThat(lint.exitCode()).as("cfn-lint %s:\n%s\n%s", file, lint, Files.readString(file)).isZero();
        assertThat(lint.out() + lint.err()).as("cfn-lint's findings").isBlank();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private TestTools.Result python(String script, Path file) throws IOException {
        Path copy = dir.resolve(script);
        try (InputStream in = ExportRoundTripIT.class.getResourceAsStream(script)) {
            Files.copy(in, copy);
        }
        return TestTools.run(List.of(TestTools.bin("python").toString(), copy.toString(), file.toString()), Map.of(),
                Duration.ofMinutes(2));
    }

    private static TreeSet<String> lines(String text) {
        TreeSet<String> lines = new TreeSet<>(Arrays.asList(text.strip().split("\n")));
        lines.remove("");
        return lines;
    }
}
