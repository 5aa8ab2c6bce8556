package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code bin/rancher-sg} run as a user runs it, against the EC2 emulator: exit codes, output, and
 * the group's real state read back through the raw SDK client. Every test uses its own group name.
 */
@EndToEnd
class RancherSgIT {

    @Test
    void ensureCreatesTheGroupWithTheProfilesRules(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");

        CliRun run = RancherSg.against(emulator).run("ensure", "--group-name", name);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as(run.toString()).contains("Created security group '" + name + "'")
                .contains("+ ingress tcp 22 from 0.0.0.0/0");
        assertThat(run.err()).as("quiet by default").isEmpty();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.group(ec2, name).orElseThrow(() -> new AssertionError("no group " + name));
            assertThat(Ec2Groups.rulesOf(group)).as("the group's rules, read back from EC2")
                    .isEqualTo(Ec2Groups.expectedRules(name, group.groupId()));
            assertThat(group.tags()).as("tags").extracting(Tag::key, Tag::value)
                    .contains(org.assertj.core.groups.Tuple.tuple("managed-by", "rancher-sg"));
        }
    }

    @Test
    void secondEnsureChangesNothing(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name).exitCode()).isZero();
        Set<String> before;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            before = Ec2Groups.rulesOf(Ec2Groups.group(ec2, name).orElseThrow());
        }

        CliRun second = cli.run("ensure", "--group-name", name, "--output", "json");

        assertThat(second.exitCode()).as(second.toString()).isZero();
        JsonNode doc = Json.read(second.out());
        assertThat(doc.get("changes").asBoolean()).as("changes").isFalse();
        JsonNode entry = doc.get("groups").get(0);
        assertThat(entry.get("created").asBoolean()).isFalse();
        assertThat(entry.get("authorized")).as("authorized").isEmpty();
        assertThat(entry.get("revoked")).as("revoked").isEmpty();
        assertThat(entry.get("updated")).as("updated").isEmpty();
        doc.get("api_calls").fieldNames().forEachRemaining(operation ->
                assertThat(operation).as("only reads on the second run").startsWith("Describe"));
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.rulesOf(Ec2Groups.group(ec2, name).orElseThrow())).as("rules unchanged").isEqualTo(before);
        }
        assertThat(cli.run("ensure", "--group-name", name).out()).contains("nothing changed");
    }

    @Test
    void ruleRevokedByHandIsMissingInCheckAndEnsureRestoresIt(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name).exitCode()).isZero();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String groupId = Ec2Groups.group(ec2, name).orElseThrow().groupId();
            ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(22).toPort(22)
                    .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        }

        CliRun check = cli.run("check", "--group-name", name, "--output", "json");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.DRIFT);
        JsonNode doc = Json.read(check.out());
        assertThat(doc.get("in_sync").asBoolean()).isFalse();
        JsonNode missing = doc.get("groups").get(0).get("missing");
        assertThat(missing).as("missing rules").hasSize(1);
        assertThat(Json.write(missing.get(0))).isEqualTo("{\"direction\":\"ingress\",\"protocol\":\"tcp\","
                + "\"from_port\":22,\"to_port\":22,\"source\":{\"kind\":\"cidr\",\"value\":\"0.0.0.0/0\"},"
                + "\"description\":\"Node driver SSH provisioning\"}");
        assertThat(doc.get("api_calls").get("DescribeSecurityGroups").asInt()).isPositive();

        CliRun plan = cli.run("plan", "--group-name", name);
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("1 rule to authorize").contains("  + ingress tcp 22 from 0.0.0.0/0");

        CliRun ensure = cli.run("ensure", "--group-name", name);
        assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
        assertThat(ensure.out()).contains("Repaired").contains("+ ingress tcp 22 from 0.0.0.0/0");

        CliRun again = cli.run("check", "--group-name", name);
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("in sync");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.group(ec2, name).orElseThrow();
            assertThat(Ec2Groups.rulesOf(group)).as("restored").isEqualTo(Ec2Groups.expectedRules(name, group.groupId()));
        }
    }

    @Test
    void extraRuleIsKeptWithoutPruneAndRevokedWithPrune(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name).exitCode()).isZero();
        String groupId;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            groupId = Ec2Groups.group(ec2, name).orElseThrow().groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(9999).toPort(9999)
                    .ipRanges(IpRange.builder().cidrIp("10.9.0.0/16").description("by hand").build()).build()));
        }

        CliRun kept = cli.run("ensure", "--group-name", name);
        assertThat(kept.exitCode()).as(kept.toString()).isZero();
        assertThat(kept.out()).contains("= ingress tcp 9999 from 10.9.0.0/16");
        CliRun check = cli.run("check", "--group-name", name);
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(check.out()).containsPattern("- +extra +ingress tcp 9999 from 10\\.9\\.0\\.0/16");

        CliRun pruned = cli.run("ensure", "--group-name", name, "--prune");

        assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
        assertThat(pruned.out()).contains("- ingress tcp 9999 from 10.9.0.0/16");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.rulesOf(Ec2Groups.group(ec2, name).orElseThrow())).isEqualTo(Ec2Groups.expectedRules(name, groupId));
        }
    }

    @Test
    void checkWritesTheReportAndPrometheusFiles(Ec2Emulator emulator, @TempDir Path dir) throws Exception {
        String name = Ec2Groups.uniqueName("cli-it");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name).exitCode()).isZero();
        Path report = dir.resolve("report.json");
        Path prom = dir.resolve("rancher-sg.prom");

        CliRun check = cli.run("check", "--group-name", name, "--report-file", report.toString(),
                "--prometheus-textfile", prom.toString());

        assertThat(check.exitCode()).as(check.toString()).isZero();
        JsonNode doc = Json.read(Files.readString(report));
        assertThat(doc.get("format_version").asInt()).isEqualTo(1);
        assertThat(doc.get("in_sync").asBoolean()).isTrue();
        assertThat(doc.get("groups").get(0).get("group_name").asText()).isEqualTo(name);
        assertThat(Files.readString(prom))
                .containsPattern("rancher_sg_group_in_sync\\{[^}]*group_name=\"" + name + "\"[^}]*} 1\n")
                .containsPattern("rancher_sg_group_missing_rules\\{[^}]*} 0\n")
                .containsPattern("rancher_sg_group_extra_rules\\{[^}]*} 0\n")
                .contains("rancher_sg_check_success 1\n");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).as("no temporary files left").containsExactlyInAnyOrder(report, prom);
        }
    }

    @Test
    void checkOfAnAbsentGroupIsDrift(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");

        CliRun check = RancherSg.against(emulator).run("check", "--group-name", name, "--output", "json");

        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.DRIFT);
        JsonNode entry = Json.read(check.out()).get("groups").get(0);
        assertThat(entry.get("exists").asBoolean()).isFalse();
        assertThat(entry.get("group_id").isNull()).isTrue();
        // EC2 gives every new group the outbound allow-all rule, so only the inbound rules count as missing.
        assertThat(entry.get("missing").size()).as("missing rules").isEqualTo(expectedIngressCount(name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--open-to 0.0.0.0/0,banana                    | banana",
        "--profile rancher-nodez                       | rancher-nodez",
        "--endpoint-url http://127.0.0.1:70000         | 70000",
        "--peer etcd=self --profile custom-etcd        | --peer controlplane=PEER",
    })
    void badInputExits64WithOneLineAndCreatesNothing(String options, String named, Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        List<String> args = new java.util.ArrayList<>(List.of("ensure", "--group-name", name));
        args.addAll(List.of(options.trim().split(" +")));

        CliRun run = RancherSg.against(emulator).run(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("names the value, no stack trace").contains(named).doesNotContain("\tat ")
                .doesNotContain("Exception");
        assertThat(run.out()).isEmpty();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.group(ec2, name)).as("no group was created").isEmpty();
        }
    }

    @Test
    void groupNameStartingWithSgIsRefusedBeforeAnyCall(Ec2Emulator emulator) {
        CliRun run = RancherSg.against(emulator).run("-v", "ensure", "--group-name", "sg-web");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines().get(0)).contains("'sg-web'");
        assertThat(run.err()).as("-v shows the trace but no EC2 call was made").contains("\tat ")
                .doesNotContain("EC2 Describe");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.group(ec2, "sg-web")).isEmpty();
        }
    }

    @Test
    void dryRunChangesNothing(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");

        CliRun run = RancherSg.against(emulator).run("ensure", "--group-name", name, "--dry-run");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("will be created").contains("+ ingress tcp 22").endsWith("dry run: nothing changed\n");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.group(ec2, name)).as("no group was created").isEmpty();
        }
    }

    @Test
    void ensureLeavesAGroupItDidNotCreateAloneUnlessAdopting(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        String groupId = Ec2Groups.madeByHand(emulator, name);
        RancherSg cli = RancherSg.against(emulator);

        CliRun refused = cli.run("ensure", "--group-name", name);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.errLines()).hasSize(1);
        assertThat(refused.err()).contains(groupId).contains("adopt");

        CliRun adopted = cli.run("ensure", "--group-name", name, "--adopt");
        assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.group(ec2, name).orElseThrow();
            assertThat(group.groupId()).isEqualTo(groupId);
            assertThat(Ec2Groups.rulesOf(group)).isEqualTo(Ec2Groups.expectedRules(name, groupId));
        }
    }

    @Test
    void scanFindsTheManagedGroup(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name, "--ipv6").exitCode()).isZero();

        CliRun scan = cli.run("scan", "--regions", emulator.region(), "--output", "json");

        JsonNode doc = Json.read(scan.out());
        assertThat(scan.exitCode()).as(scan.toString())
                .isEqualTo(doc.get("in_sync").asBoolean() ? ExitCodes.OK : ExitCodes.DRIFT);
        assertThat(doc.get("regions").toString()).isEqualTo("[\"" + emulator.region() + "\"]");
        assertThat(doc.get("errors")).isEmpty();
        JsonNode entry = null;
        for (JsonNode group : doc.get("groups")) {
            if (group.get("group_name").asText().equals(name)) {
                entry = group;
            }
        }
        assertThat(entry).as("our group in " + doc).isNotNull();
        assertThat(entry.get("in_sync").asBoolean()).as("checked against the options in its tags (--ipv6)").isTrue();
        assertThat(entry.get("region").asText()).isEqualTo(emulator.region());
    }

    @Test
    void verboseLogsTheEc2CallsButNeverCredentials(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-it");
        String secret = "never-print-this-" + UUID.randomUUID();
        RancherSg cli = RancherSg.against(emulator).with("AWS_SECRET_ACCESS_KEY", secret);

        CliRun quiet = cli.run("check", "--group-name", name);
        CliRun verbose = cli.run("-v", "check", "--group-name", name);
        CliRun debug = cli.run("check", "-vv", "--group-name", name);

        assertThat(quiet.err()).as("quiet by default").isEmpty();
        assertThat(verbose.err()).contains("EC2 DescribeVpcs").contains("EC2 DescribeSecurityGroups");
        assertThat(debug.err()).contains("EC2 DescribeSecurityGroups").contains("Sending Request");
        for (CliRun run : List.of(verbose, debug)) {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DRIFT);
            assertThat(run.err()).as("no credentials or signatures in the logs")
                    .doesNotContain(secret)
                    .doesNotContain(emulator.accessKeyId() + "/")
                    .doesNotContainIgnoringCase("Authorization:")
                    .doesNotContain("Signature=")
                    .doesNotContain("Credential=")
                    .doesNotContain("X-Amz-Security-Token");
        }
    }

    @Test
    void anAwsErrorIsOneLineAndJsonStaysValid(Ec2Emulator emulator) {
        CliRun run = RancherSg.against(emulator).run("check", "--group-name", Ec2Groups.uniqueName("cli-it"),
                "--vpc-id", "vpc-0000000000000000f", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("vpc-0000000000000000f");
        JsonNode doc = Json.read(run.out());
        assertThat(doc.get("error").get("exit_code").asInt()).isEqualTo(1);
    }

    @Test
    void rulesAsJsonHasTheDocumentedShape(Ec2Emulator emulator) {
        CliRun run = RancherSg.against(emulator).run("rules", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode doc = Json.read(run.out());
        assertThat(doc.get("format_version").asInt()).isEqualTo(1);
        assertThat(doc.get("profile").asText()).isEqualTo("rancher-nodes");
        JsonNode first = doc.get("rules").get(0);
        assertThat(first.fieldNames()).toIterable()
                .containsExactly("direction", "protocol", "from_port", "to_port", "source", "description");
        assertThat(RancherSg.against(emulator).run("rules", "--list").out().split("\n"))
                .containsExactlyElementsOf(Profiles.names());
    }

    @Test
    void theScriptSaysHowToBuildAMissingJar(Ec2Emulator emulator) {
        CliRun run = RancherSg.against(emulator).with("RANCHER_SG_JAR", "/nonexistent/rancher-sg.jar")
                .run("rules");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.err()).contains("./mvnw -q package -DskipTests");
    }

    // ------------------------------------------------------------------ helpers

    private static int expectedIngressCount(String name) {
        return Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults().withGroupName(name)).ingress().size();
    }
}
