package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"check", "scan"})
    void driftCommandsListEveryExitCode(String command) {
        CliRun run = CliRun.of(command, "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Exit codes:")
                .containsPattern("\\n  0 +every group is in sync")
                .containsPattern("\\n  1 +error")
                .containsPattern("\\n  2 +drift found")
                .containsPattern("\\n  64 +bad usage");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rules", "plan", "ensure", "check", "scan", "export"})
    void everyCommandHasHelpAndVersion(String command) {
        assertThat(CliRun.of(command, "--help").out()).contains("--help").contains("--version").contains("-v");
        assertThat(CliRun.of(command, "--version").out()).startsWith("rancher-sg ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "ensure", "check"})
    void profileCommandsTakeTheCommonOptions(String command) {
        assertThat(CliRun.of(command, "--help").out()).contains("--profile", "--ipv6", "--open-to", "--group-name",
                "--vpc-id", "--region", "--aws-profile", "--endpoint-url", "--output", "AWS_ENDPOINT_URL");
    }

    @Test
    void versionIsTheProjectVersion() {
        CliRun run = CliRun.of("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("rancher-sg \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void topLevelHelpListsTheCommandsAndExitCodes() {
        CliRun run = CliRun.of("--help");

        assertThat(run.out()).contains("rules", "plan", "ensure", "check", "scan", "export", "generate-completion")
                .contains("Exit codes:").contains("64");
    }

    @Test
    void generatesABashCompletionScript() {
        CliRun run = CliRun.of("generate-completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("rancher-sg").contains("--open-to");
    }

    @ParameterizedTest
    @ValueSource(strings = {"plan", "ensure", "check", "scan"})
    void awsCommandsSayWhereCredentialsComeFromAndPrintTheVersion(String command) {
        assertThat(CliRun.of(command, "--help").out()).as(command + " --help")
                .contains("AWS access:").contains("AWS_ENDPOINT_URL_EC2");
        CliRun version = CliRun.of(command, "--version");
        assertThat(version.exitCode()).as(version.toString()).isZero();
        assertThat(version.out()).as(command + " --version").isEqualTo(CliRun.of("--version").out());
    }

    @Test
    void rulesNeedsNoAwsAndSaysNothingAboutIt() {
        assertThat(CliRun.of("rules", "--help").out()).doesNotContain("AWS access:");
    }
}
