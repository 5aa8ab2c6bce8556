package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.Findings;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code verify} and {@code stack verify} against groups made by hand, as Terraform modules and
 * consoles make them: broad rules from the VPC's block, NodePorts split across rules, all traffic
 * from the world. Every run goes through a proxy that counts the calls: reads only, one
 * DescribeSecurityGroups per group.
 */
@EndToEnd
class VerifyIT {

    private static final Set<String> READS = Set.of("DescribeSecurityGroups", "DescribeVpcs");

    /** A group as a Terraform module writes it for Rancher's nodes; with {@code udpNodePorts} false, without UDP NodePorts. */
    private static String terraformGroup(Ec2Client ec2, String name, boolean udpNodePorts) {
        String vpcBlock = ec2.describeVpcs(r -> r.vpcIds(Ec2Groups.defaultVpcId(ec2))).vpcs().get(0).cidrBlock();
        String id = ec2.createSecurityGroup(r -> r.groupName(name).description("made by terraform")
                .tagSpecifications(t -> t.resourceType("security-group").tags(Tag.builder().key("Name").value(name)
                        .build()))).groupId();
        List<IpPermission> permissions = new ArrayList<>();
        for (int port : new int[] {22, 80, 443, 2376, 6443}) {
            permissions.add(range("tcp", port, port, "0.0.0.0/0"));
        }
        permissions.add(range("tcp", 0, 65535, vpcBlock));
        permissions.add(range("udp", 0, 65535, vpcBlock));
        permissions.add(range("tcp", 30000, 31000, "0.0.0.0/0"));
        permissions.add(range("tcp", 31001, 32767, "0.0.0.0/0"));
        if (udpNodePorts) {
            permissions.add(range("udp", 30000, 32767, "0.0.0.0/0"));
        }
        ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(permissions));
        return id;
    }

    private static IpPermission range(String protocol, int from, int to, String cidr) {
        return IpPermission.builder().ipProtocol(protocol).fromPort(from).toPort(to)
                .ipRanges(IpRange.builder().cidrIp(cidr).build()).build();
    }

    private static List<JsonNode> coverage(JsonNode group) {
        return StreamSupport.stream(group.get("coverage").spliterator(), false).toList();
    }

    @Test
    void aTerraformGroupWithBroadVpcRulesAndSplitNodePortsIsCoveredInOneRead(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("tf-nodes");
        String vpc;
        String before;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            vpc = Ec2Groups.defaultVpcId(ec2);
            terraformGroup(ec2, name, true);
            before = Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name)).toString();
        }
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            RancherSg cli = RancherSg.against(emulator).with("AWS_ENDPOINT_URL", proxy.endpoint().toString());

            CliRun run = cli.run("verify", "--group-name", name, "--vpc-id", vpc, "--output", "json");

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
            JsonNode group = Json.read(run.out()).get("groups").get(0);
            assertThat(group.get("covered").asBoolean()).isTrue();
            assertThat(group.get("managed_by").isNull()).as("nobody claims it").isTrue();
            assertThat(group.get("assumes_nodes_in_vpc").asBoolean()).as("self met by the VPC block").isTrue();
            assertThat(coverage(group)).allSatisfy(c -> assertThat(c.get("verdict").asText()).isEqualTo("covered"));
            JsonNode nodePorts = coverage(group).stream().filter(c -> c.get("requirement").get("protocol").asText()
                    .equals("tcp") && c.get("requirement").get("from_port").asInt() == 30000).findFirst().orElseThrow();
            assertThat(nodePorts.get("by")).as("both halves of the NodePort range").hasSize(2);
            assertThat(group.get("excess").toString()).as("the VPC-wide rules allow more than rancher-nodes needs")
                    .contains("\"from_port\":0,\"to_port\":65535");
            assertThat(proxy.requests("DescribeSecurityGroups")).as("one read of the group").isEqualTo(1);
            assertThat(proxy.requests("DescribeVpcs")).as("one read of the VPC's blocks").isEqualTo(1);
            assertThat(proxy.actionsSeen()).as("reads only").isSubsetOf(READS);
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name)).toString()).as("nothing changed")
                    .isEqualTo(before);
        }
    }

    @Test
    void aMissingUdpRangeIsNamedExitTwoAndTheGaugesCountIt(Ec2Emulator emulator, @TempDir Path dir)
            throws IOException {
        String name = Ec2Groups.uniqueName("tf-no-udp");
        String id;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            id = terraformGroup(ec2, name, false);
        }
        Path report = dir.resolve("verify.json");
        Path gauges = dir.resolve("verify.prom");
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            RancherSg cli = RancherSg.against(emulator).with("AWS_ENDPOINT_URL", proxy.endpoint().toString());

            CliRun run = cli.run("verify", "--group-id", id, "--report-file", report.toString(),
                    "--prometheus-textfile", gauges.toString());

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.DRIFT);
            assertThat(run.out()).as(run.toString()).contains("1 of 13 requirements of rancher-nodes not covered")
                    .containsPattern("NOT COVERED +ingress udp 30000-32767 from 0\\.0\\.0\\.0/0")
                    .contains("not made by rancher-sg")
                    .contains("this holds while the nodes live in");
            assertThat(proxy.requests("DescribeSecurityGroups")).as("found by id: one read").isEqualTo(1);
            assertThat(proxy.actionsSeen()).as("reads only").isSubsetOf(READS);
        }
        JsonNode document = Json.read(Files.readString(report));
        assertThat(document.get("command").asText()).isEqualTo("verify");
        assertThat(document.get("covered").asBoolean()).isFalse();
        JsonNode udp = coverage(document.get("groups").get(0)).stream()
                .filter(c -> !c.get("verdict").asText().equals("covered")).findFirst().orElseThrow();
        assertThat(udp.get("verdict").asText()).isEqualTo("not_covered");
        assertThat(udp.get("missing").toString()).isEqualTo("[{\"from_port\":30000,\"to_port\":32767}]");
        assertThat(Files.readString(gauges)).containsPattern(
                "rancher_sg_requirements_uncovered\\{[^}]*group_id=\"" + id + "\"[^}]*profile=\"rancher-nodes\",managed_by=\"unmanaged\"} 1\n");
    }

    @Test
    void worldOpenAllTrafficCoversTheWorkerWithCriticalFindingsAndAStackMapsItsRole(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("vfy");
        String id;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            id = ec2.createSecurityGroup(r -> r.groupName(cluster + "-open").description("wide open")).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("-1")
                    .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        }
        RancherSg cli = RancherSg.against(emulator);

        CliRun one = cli.run("verify", "--group-id", id, "--profile", "node-pool-worker", "--peer",
                "rancher=203.0.113.0/24", "--peer", "workload-clients=0.0.0.0/0", "--peer", "etcd=172.31.0.0/16",
                "--peer", "controlplane=172.31.0.0/16", "--output", "json");
        CliRun stack = cli.run("stack", "verify", "--cluster", cluster, "--layout", "node-pool", "--peer",
                "rancher=203.0.113.0/24", "--peer", "workload-clients=0.0.0.0/0", "--group", "worker=" + id,
                "--output", "json");

        assertThat(one.exitCode()).as(one.toString()).isEqualTo(ExitCodes.OK);
        JsonNode group = Json.read(one.out()).get("groups").get(0);
        assertThat(group.get("covered").asBoolean()).isTrue();
        JsonNode allTraffic = group.get("excess").get(0);
        assertThat(allTraffic.get("rule").get("protocol").asText()).isEqualTo("all");
        assertThat(allTraffic.get("findings").get(0).get("code").asText()).isEqualTo(Findings.WORLD_OPEN_ALL_TRAFFIC);
        assertThat(allTraffic.get("findings").get(0).get("severity").asText()).isEqualTo("critical");
        assertThat(allTraffic.get("findings").get(0).get("controls")).as("the standards it fails").isNotEmpty();

        assertThat(stack.exitCode()).as("etcd and controlplane groups do not exist\n" + stack)
                .isEqualTo(ExitCodes.DRIFT);
        JsonNode groups = Json.read(stack.out()).get("groups");
        assertThat(groups.get(2).get("role").asText()).isEqualTo("worker");
        assertThat(groups.get(2).get("group_id").asText()).isEqualTo(id);
        assertThat(groups.get(2).get("covered").asBoolean()).as(stack.toString()).isTrue();
        assertThat(groups.get(0).get("exists").asBoolean()).isFalse();
    }

    @Test
    void aGroupRancherSgMadeCoversItsProfileExactlyWithNothingInExcess(Ec2Emulator emulator) {
        RancherSg cli = RancherSg.against(emulator);
        String name = cli.ensured("vfy-managed");

        CliRun run = cli.run("verify", "--group-name", name, "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
        JsonNode group = Json.read(run.out()).get("groups").get(0);
        assertThat(group.get("managed_by").asText()).isEqualTo("rancher-sg");
        assertThat(group.get("excess")).as("the profile's own rules, no more").isEmpty();
        assertThat(group.get("assumes_nodes_in_vpc").asBoolean()).as("self met by self").isFalse();
        assertThat(Json.read(run.out()).get("api_calls").toString()).as("no VPC blocks needed")
                .isEqualTo("{\"DescribeSecurityGroups\":1,\"DescribeVpcs\":1}");
    }

    @Test
    void scanVerifyJudgesTheNodeDriversGroupByCoverage(Ec2Emulator emulator) {
        // An account of its own, so that the scan sees this driver group and no other.
        String role = Ec2Emulator.uniqueRoleArn("verify-scan");
        String id;
        try (Ec2Client ec2 = emulator.ec2ClientAs(role)) {
            id = terraformGroup(ec2, "rancher-nodes", false);
            ec2.createTags(r -> r.resources(id).tags(Tag.builder().key("rancher-nodes").value("v2.9.0").build()));
            // What current drivers open besides: the IPv6 twins, and the admission webhook.
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(
                    IpPermission.builder().ipProtocol("tcp").fromPort(0).toPort(65535)
                            .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build(),
                    IpPermission.builder().ipProtocol("udp").fromPort(30000).toPort(32767)
                            .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build(),
                    range("tcp", 8443, 8443, "0.0.0.0/0")));
            ec2.authorizeSecurityGroupEgress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("-1")
                    .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build()));
        }
        RancherSg cli = RancherSg.against(emulator);

        CliRun exact = cli.run("scan", "--role-arn", role, "--include-driver-groups", "--output", "json");
        CliRun verified = cli.run("scan", "--role-arn", role, "--verify", "--output", "json");

        JsonNode compared = Json.read(exact.out()).get("groups").get(0);
        JsonNode judged = Json.read(verified.out()).get("groups").get(0);
        assertThat(compared.get("extra")).as("compared exactly, the broad rules are extra\n" + exact).isNotEmpty();
        assertThat(verified.exitCode()).as(verified.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(judged.get("group_id").asText()).isEqualTo(id);
        assertThat(judged.get("managed_by").asText()).isEqualTo("rancher-node-driver");
        assertThat(judged.get("extra")).as("broader rules are not drift when verified").isEmpty();
        assertThat(judged.get("missing")).as("only what Rancher needs and the group lacks").hasSize(1);
        assertThat(judged.get("missing").get(0).toString()).startsWith("{\"direction\":\"ingress\",\"protocol\":"
                + "\"udp\",\"from_port\":30000,\"to_port\":32767,\"source\":{\"kind\":\"cidr\",\"value\":"
                + "\"0.0.0.0/0\"}");
    }

    @Test
    void scanVerifyGroupsVerifiesTheGroupsItsFileNamesInTheRegionsOneRead(Ec2Emulator emulator, @TempDir Path dir)
            throws IOException {
        // An account of its own, so that the scan sees these groups and no other.
        String role = Ec2Emulator.uniqueRoleArn("verify-file");
        String byId;
        String byName;
        String vpc;
        try (Ec2Client ec2 = emulator.ec2ClientAs(role)) {
            vpc = Ec2Groups.defaultVpcId(ec2);
            byId = terraformGroup(ec2, "tf-platform-nodes", true);
            byName = terraformGroup(ec2, "tf-no-udp", false);
            terraformGroup(ec2, "tf-not-named", true);
        }
        Path file = Files.writeString(dir.resolve("groups.yml"), """
                groups:
                  - group_id: %s
                    profile: rancher-nodes
                  - group_name: tf-no-udp
                    vpc_id: %s
                """.formatted(byId, vpc));
        RancherSg cli = RancherSg.against(emulator);

        CliRun before;
        int readsBefore;
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            before = cli.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .run("scan", "--role-arn", role, "--verify", "--output", "json");
            readsBefore = proxy.requests("DescribeSecurityGroups");
        }
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            CliRun run = cli.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .run("scan", "--role-arn", role, "--verify-groups", file.toString(), "--output", "json");

            assertThat(before.exitCode()).as(before.toString()).isEqualTo(ExitCodes.OK);
            assertThat(Json.read(before.out()).get("groups")).as("hand-made groups are not scanned unless named")
                    .isEmpty();
            assertThat(run.exitCode()).as("the group without UDP NodePorts\n" + run).isEqualTo(ExitCodes.DRIFT);
            List<JsonNode> groups = StreamSupport.stream(Json.read(run.out()).get("groups").spliterator(), false)
                    .toList();
            assertThat(groups).as(run.toString()).extracting(g -> g.get("group_id").asText())
                    .containsExactlyInAnyOrder(byId, byName);
            JsonNode covered = groups.stream().filter(g -> g.get("group_id").asText().equals(byId)).findFirst()
                    .orElseThrow();
            JsonNode lacking = groups.stream().filter(g -> g.get("group_id").asText().equals(byName)).findFirst()
                    .orElseThrow();
            assertThat(covered.get("managed_by").asText()).isEqualTo("named-in-file");
            assertThat(covered.get("extra")).as("broader rules are not drift when verified").isEmpty();
            assertThat(covered.get("missing")).as("every requirement covered").isEmpty();
            assertThat(lacking.get("missing")).as("only the UDP NodePorts are missing").hasSize(1);
            assertThat(lacking.get("missing").get(0).get("protocol").asText()).isEqualTo("udp");
            assertThat(proxy.requests("DescribeSecurityGroups")).as("the region's one read, as without the file")
                    .isEqualTo(readsBefore).isEqualTo(1);
            assertThat(proxy.requests("DescribeVpcs")).as("the VPC's blocks, once for both groups").isLessThanOrEqualTo(1);
            assertThat(proxy.actionsSeen()).as("reads only").isSubsetOf(Set.of("DescribeSecurityGroups", "DescribeVpcs",
                    "AssumeRole", "DescribeManagedPrefixLists"));
        }
    }
}
