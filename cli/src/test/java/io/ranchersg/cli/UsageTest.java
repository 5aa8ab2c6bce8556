package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input: exit 64, one line on stderr naming the bad value, no stack trace, and no call to AWS
 * (the environment points at a port where nothing listens, so a call would end in exit 1).
 */
class UsageTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ensure --open-to banana                                  | banana",
        "ensure --open-to 10.0.0.0/33                             | 10.0.0.0/33",
        "ensure --profile nope                                    | nope",
        "ensure --group-name sg-0123                              | sg-0123",
        "check --group-name sg-foo                                | sg-foo",
        "plan --endpoint-url http://localhost:70000               | 70000",
        "ensure --endpoint-url ftp://localhost                    | ftp://localhost",
        "check --region Mars                                      | Mars",
        "check --vpc-id vpc-xyz                                   | vpc-xyz",
        "check --peer etcd=10.0.0.0/8                             | etcd",
        "ensure --profile node-pool-worker                        | --peer rancher=PEER",
        "check --peer nodes=banana --profile rke2-nodes           | banana",
        "check --rule-quota 0                                     | 0",
        "check --max-attempts 99                                  | 99",
        "scan --regions us-east-1,Narnia                          | Narnia",
        "scan --parallelism 0                                     | 0",
        "scan --regions us-east-1 --all-regions                   | --all-regions",
        "check --output yaml                                      | yaml",
        "rules --output yaml                                      | yaml",
        "check --no-such-option                                   | --no-such-option",
        "frobnicate                                               | frobnicate",
        "check --max-attempts many                                | many",
    })
    void badInputIsOneLineNamingTheValueAndExit64(String commandLine, String named) {
        CliRun run = CliRun.of(commandLine.trim().split(" +"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("names the bad value").contains(named).startsWith("rancher-sg: ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).as("stdout").isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ensure --open-to 10.0.0.1/8                              | --open-to  | 10.0.0.1/8  | 10.0.0.1/32      | 10.0.0.0/8",
        "ensure --open-to 10.0.0.0/8,192.168.7.9/24               | --open-to  | 192.168.7.9/24 | 192.168.7.9/32 | 192.168.7.0/24",
        "ensure --open-to 2001:db8::1/64                          | --open-to  | 2001:db8::1/64 | 2001:db8::1/128 | 2001:db8::/64",
        "check --profile rke2-nodes --peer nodes=10.1.2.3/16      | --peer     | 10.1.2.3/16 | 10.1.2.3/32      | 10.1.0.0/16",
        "check --profile rke2-nodes --peer nodes=cidr:fe80::1/10  | --peer     | fe80::1/10  | fe80::1/128      | fe80::/10",
    })
    void cidrWithHostBitsIsRefusedOfferingBothReadings(String commandLine, String option, String value,
                                                       String single, String block) {
        CliRun run = CliRun.of(commandLine.trim().split(" +"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("names option, value and both readings").contains(option, "'" + value + "'", single,
                block);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ensure --group-name default --adopt",
        "ensure --group-name Default --adopt --prune",
        "plan --group-name default",
        "check --group-name DEFAULT",
    })
    void theDefaultGroupsNameIsRefused(String commandLine) {
        CliRun run = CliRun.of(commandLine.trim().split(" +"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("names the option and why").contains("--group-name", "reserved", "default group");
    }

    @Test
    void aRoleGivenTwiceIsRefusedNamingBothPeers() {
        CliRun run = CliRun.of("check", "--profile", "node-pool-worker", "--peer", "rancher=sg-0123abcd",
                "--peer", "controlplane=self", "--peer", "controlplane=10.0.0.0/8");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("names the role and both values")
                .contains("--peer controlplane", "'self'", "'10.0.0.0/8'", "twice");
    }

    @ParameterizedTest(name = "--peer {0}")
    @CsvSource({"etcd", "etcd=", "=self", "''"})
    void aPeerWithoutRoleOrValueSaysWhatIsExpected(String peer) {
        CliRun run = CliRun.of("check", "--profile", "node-pool-worker", "--peer", peer);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("says the form").contains("expected ROLE=PEER", "'" + peer + "'")
                .doesNotContain("unknown peer");
    }

    @Test
    void controlCharactersInAValueReachTheTerminalEscaped() {
        CliRun run = CliRun.of("check", "--group-name", "a\u001b[31mb");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("no raw ESC").doesNotContain("\u001b").contains("'a\\x1b[31mb'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"--peer, etcd=", "--vpc-id, vpc-", "--aws-profile, 'p '", "--group-name, g", "--open-to, 10.",
        "--region, r", "--endpoint-url, ftp://"})
    void aHugeValueIsEchoedCut(String option, String start) {
        String huge = start + "1".repeat(100_000);
        CliRun run = CliRun.of("check", option, huge);

        assertThat(run.exitCode()).as("exit code").isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("bounded").hasSizeLessThan(ErrorFunnel.MAX_LINE_LENGTH)
                .contains(option, "1".repeat(40));
    }

    @Test
    void anEmptyReportFilePathIsCalledEmpty() {
        CliRun run = CliRun.of("check", "--report-file", "");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--report-file", "empty").doesNotContain("directory");
    }

    @Test
    void aCommandIsRequired() {
        CliRun run = CliRun.of();

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("a command is required: rules, plan, ensure, check, verify, scan, serve, stack,"
                + " delete or export");
    }

    @Test
    void tooManyRulesForTheQuotaIsBadInput() {
        List<String> cidrs = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            cidrs.add("10.0." + i + ".0/24");
        }
        CliRun run = CliRun.of("ensure", "--open-to", String.join(",", cidrs));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("quota of 60");
    }

    @Test
    void anInvalidEndpointInTheEnvironmentIsNamedByItsVariable() {
        CliContext context = CliContext.plain().withEnv(Map.of("AWS_ENDPOINT_URL", "http://localhost:99999",
                "AWS_REGION", "us-east-1"));

        CliRun run = CliRun.in(context, "check");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("AWS_ENDPOINT_URL").contains("99999");
    }

    @Test
    void anInvalidRegionInTheEnvironmentIsNamedByItsVariable() {
        CliRun run = CliRun.in(CliContext.plain().withEnv(Map.of("AWS_REGION", "US_EAST")), "scan");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("AWS_REGION").contains("US_EAST");
    }

    @Test
    void reportFileInAMissingDirectoryIsBadInput(@TempDir Path dir) {
        Path report = dir.resolve("no/such/dir/report.json");

        CliRun run = CliRun.of("check", "--report-file", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("--report-file").contains(report.toString());
    }

    @Test
    void withJsonOutputStdoutHoldsOneErrorDocument() {
        CliRun run = CliRun.of("check", "--output", "json", "--open-to", "banana");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        JsonNode doc = Json.read(run.out());
        assertThat(doc.get("format_version").asInt()).isEqualTo(1);
        assertThat(doc.get("error").get("exit_code").asInt()).isEqualTo(64);
        assertThat(doc.get("error").get("message").asText()).contains("banana");
    }

    @Test
    void withJsonOutputAParseErrorStillLeavesJsonOnStdout() {
        CliRun run = CliRun.of("check", "--output=json", "--bogus");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(Json.read(run.out()).get("error").get("message").asText()).contains("--bogus");
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun run = CliRun.of("-v", "ensure", "--open-to", "banana");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines().get(0)).startsWith("rancher-sg: --open-to: ").contains("banana");
        assertThat(run.err()).contains("\tat ");
    }

    @Test
    void aFailedCheckReplacesAnEarlierReportWithTheError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path report = dir.resolve("report.json");
        java.nio.file.Files.writeString(report, "{\"format_version\":1,\"in_sync\":true}\n");

        CliRun run = CliRun.of("check", "--max-attempts", "1", "--report-file", report.toString());

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(java.nio.file.Files.readString(report)).as("report after a failed check")
                .contains("\"error\"").contains("does not answer").doesNotContain("in_sync");
    }

    @Test
    void anUnreachableEndpointIsAnErrorOnOneLine() {
        CliRun run = CliRun.of("check", "--max-attempts", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).startsWith("rancher-sg: ").contains("does not answer").doesNotContain("\tat ");
    }

    @Test
    void aFailedCheckRecordsTheFailureInThePrometheusFile(@TempDir Path dir) throws Exception {
        Path prom = dir.resolve("rancher-sg.prom");

        CliRun run = CliRun.of("check", "--max-attempts", "1", "--prometheus-textfile", prom.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(java.nio.file.Files.readString(prom)).contains("rancher_sg_check_success 0")
                .doesNotContain("rancher_sg_group_in_sync{");
    }
}
