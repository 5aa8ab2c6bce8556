package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Roles;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import io.ranchersg.testsupport.FaultProxy;
import io.ranchersg.testsupport.FaultProxy.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * The stack commands' own wiring, run as a user runs them: exit codes, JSON and text, report files.
 * What a stack reconcile does is tested at the provisioner.
 */
@EndToEnd
class StackCliIT {

    private static String[] args(String command, String cluster, String... more) {
        List<String> all = new ArrayList<>(List.of("stack", command, "--cluster", cluster, "--layout", "node-pool",
                "--peer", "rancher=10.1.0.0/16", "--peer", "workload-clients=10.2.0.0/16"));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    @Test
    void ensureThenCheckInSyncThenDriftThenRepair(Ec2Emulator emulator, @TempDir Path dir) throws Exception {
        String cluster = Ec2Groups.uniqueName("cli-st");
        RancherSg cli = RancherSg.against(emulator);

        CliRun ensure = cli.run(args("ensure", cluster, "--output", "json"));
        assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
        JsonNode doc = Json.read(ensure.out());
        assertThat(doc.get("stack").get("cluster").asText()).isEqualTo(cluster);
        assertThat(doc.get("stack").get("layout").asText()).isEqualTo("node-pool");
        assertThat(doc.get("groups").findValuesAsText("role")).containsExactly("etcd", "controlplane", "worker");
        assertThat(doc.get("groups").findValuesAsText("group_name"))
                .containsExactly(cluster + "-etcd", cluster + "-controlplane", cluster + "-worker");
        assertThat(doc.get("in_sync").asBoolean()).isTrue();
        assertThat(doc.get("api_calls").get("CreateSecurityGroup").asInt()).isEqualTo(3);
        StackSpec stack = StackSpec.of(cluster, Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16")).withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.2.0.0/16")));
        assertEveryGroupInEc2(emulator, stack, "after ensure");

        Path report = dir.resolve("report.json");
        CliRun check = cli.run(args("check", cluster, "--report-file", report.toString()));
        assertThat(check.exitCode()).as(check.toString()).isZero();
        assertThat(check.out()).contains("[etcd] Security group '" + cluster + "-etcd'").contains("in sync");
        assertThat(Json.read(Files.readString(report)).get("in_sync").asBoolean()).isTrue();

        try (Ec2Client ec2 = emulator.ec2Client()) {
            String etcd = Ec2Groups.existing(ec2, cluster + "-etcd").groupId();
            String worker = Ec2Groups.existing(ec2, cluster + "-worker").groupId();
            ec2.revokeSecurityGroupIngress(r -> r.groupId(etcd).ipPermissions(IpPermission.builder()
                    .ipProtocol("udp").fromPort(8472).toPort(8472)
                    .userIdGroupPairs(UserIdGroupPair.builder().groupId(worker)
                            .description("Canal/Flannel VXLAN overlay networking").build()).build()));
        }
        CliRun drift = cli.run(args("check", cluster, "--output", "json"));
        assertThat(drift.exitCode()).as(drift.toString()).isEqualTo(ExitCodes.DRIFT);
        JsonNode etcdEntry = Json.read(drift.out()).get("groups").get(0);
        assertThat(etcdEntry.get("role").asText()).isEqualTo("etcd");
        assertThat(etcdEntry.get("missing")).hasSize(1);

        CliRun repair = cli.run(args("ensure", cluster));
        assertThat(repair.exitCode()).as(repair.toString()).isZero();
        assertThat(repair.out()).contains("[etcd] Repaired security group").contains("+ ingress udp 8472");
        assertEveryGroupInEc2(emulator, stack, "after the repair");
        assertThat(cli.run(args("check", cluster)).exitCode()).isZero();
    }

    /** Each group of the stack, read through the raw SDK, holds exactly its spec's rules. */
    private static void assertEveryGroupInEc2(Ec2Emulator emulator, StackSpec stack, String when) {
        try (Ec2Client ec2 = emulator.ec2Client()) {
            for (StackGroup group : stack.groups()) {
                String id = Ec2Groups.existing(ec2, group.name()).groupId();
                GroupSpec resolved = group.spec().resolvePeers(id, other -> Ec2Groups.existing(ec2, other).groupId());
                assertThat(Ec2Groups.rulesOf(ec2, id)).as("%s %s, rule by rule", group.name(), when)
                        .isEqualTo(Ec2Groups.expectedRules(resolved, id));
            }
        }
    }

    @Test
    void deleteWithoutYesChangesNothingAndWithYesDeletesEveryGroup(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-del");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run(args("ensure", cluster)).exitCode()).isZero();

        CliRun plan = cli.run("stack", "delete", "--cluster", cluster);
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).contains("Would delete 3 groups").contains("Nothing was changed");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.named(ec2, cluster + "-worker")).hasSize(1);
        }

        CliRun deleted = cli.run("stack", "delete", "--cluster", cluster, "--yes", "--output", "json");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(Json.read(deleted.out()).get("deleted").asBoolean()).isTrue();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            for (String role : List.of("etcd", "controlplane", "worker")) {
                assertThat(Ec2Groups.named(ec2, cluster + "-" + role)).as(role).isEmpty();
            }
        }
    }

    /** Every group of the VPC that carries this cluster's tag or one of its names, with its tags and rules: the raw SDK's view. */
    private static Map<String, String> snapshot(Ec2Client ec2, String cluster, String... more) {
        Map<String, String> all = new TreeMap<>();
        List<String> names = new ArrayList<>(List.of(cluster + "-etcd", cluster + "-controlplane", cluster + "-worker"));
        names.addAll(List.of(more));
        for (String name : names) {
            Ec2Groups.group(ec2, name).ifPresent(g -> all.put(name, g.groupId() + " " + new TreeMap<>(Ec2Groups.tags(g))
                    + " " + new TreeSet<>(Ec2Groups.rulesOf(g))));
        }
        return all;
    }

    @Test
    void deleteLeavesAGroupThatIsOnlyTaggedWithTheClusterAndListsItAsNotAMember(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-mem");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run(args("ensure", cluster)).exitCode()).isZero();
        String payments = Ec2Groups.uniqueName("payments-db");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            ec2.createSecurityGroup(r -> r.groupName(payments).description("by hand")
                    .vpcId(Ec2Groups.defaultVpcId(ec2)).tagSpecifications(TagSpecification.builder()
                            .resourceType(ResourceType.SECURITY_GROUP).tags(
                                    Tag.builder().key("managed-by").value("rancher-sg").build(),
                                    Tag.builder().key("rancher-sg:cluster").value(cluster).build()).build()));
        }

        CliRun plan = cli.run("stack", "delete", "--cluster", cluster);
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).as("plan").contains("Would delete 3 groups")
                .contains(payments + " (").contains("not deleted: not a member");

        CliRun deleted = cli.run("stack", "delete", "--cluster", cluster, "--yes", "--output", "json");
        assertThat(deleted.exitCode()).as(deleted.toString()).isZero();
        assertThat(Json.read(deleted.out()).get("not_deleted").findValuesAsText("group_name")).containsExactly(payments);
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.named(ec2, payments)).as("the group that is not a member").hasSize(1);
            assertThat(snapshot(ec2, cluster)).as("members left").isEmpty();
        }
    }

    @Test
    void aMemberTagRemovedByHandIsShownByPlanAndCheckWrittenByEnsureAndDeleteStillKnowsTheMember(
            Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-tag");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run(args("ensure", cluster)).exitCode()).isZero();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String worker = Ec2Groups.existing(ec2, cluster + "-worker").groupId();
            ec2.deleteTags(r -> r.resources(worker).tags(Tag.builder().key("rancher-sg:cluster").build()));
        }

        CliRun plan = cli.run(args("plan", cluster));
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).as("plan").contains("~ tag rancher-sg:cluster=" + cluster);
        CliRun check = cli.run(args("check", cluster, "--output", "json"));
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(Json.read(check.out()).get("groups").get(2).get("missing_tags").get("rancher-sg:cluster").asText())
                .as("check").isEqualTo(cluster);

        CliRun deletePlan = cli.run("stack", "delete", "--cluster", cluster);
        assertThat(deletePlan.out()).as("delete plan, the member without its cluster tag")
                .contains("Would delete 3 groups").doesNotContain("not a member");

        CliRun ensure = cli.run(args("ensure", cluster));
        assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
        assertThat(ensure.out()).as("ensure").contains("[worker] Repaired").contains("1 tag written")
                .doesNotContain("[worker] Security group '" + cluster + "-worker' (");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.tags(Ec2Groups.existing(ec2, cluster + "-worker")))
                    .as("tag in EC2").containsEntry("rancher-sg:cluster", cluster);
        }
        assertThat(cli.run(args("check", cluster)).exitCode()).as("check after ensure").isZero();
    }

    @Test
    void aDeleteEc2RefusesIsOneLineExit1AndLeavesTheStackAsItWas(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-ref");
        RancherSg direct = RancherSg.against(emulator);
        assertThat(direct.run(args("ensure", cluster)).exitCode()).isZero();
        Map<String, String> before;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            before = snapshot(ec2, cluster);
        }
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            // Every attempt at the first delete, as EC2 answers while an interface still uses the group.
            proxy.failNext("DeleteSecurityGroup", 7, Fault.ec2Error(400, "DependencyViolation"));
            CliRun refused = direct.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .run("stack", "delete", "--cluster", cluster, "--yes");

            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(refused.err().strip().lines()).as("one line").hasSize(1);
            assertThat(refused.err()).contains("EC2 refused to delete security group").contains("DependencyViolation")
                    .contains("the stack is intact");
            assertThat(proxy.requests("DeleteSecurityGroup")).as("deletes sent").isEqualTo(7);
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(snapshot(ec2, cluster)).as("every group, tag and rule as before").isEqualTo(before);
        }
        assertThat(direct.run(args("check", cluster)).exitCode()).as("check after").isZero();
    }

    @Test
    void twoDeletesAtOnceBothSucceed(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-two");
        RancherSg direct = RancherSg.against(emulator);
        assertThat(direct.run(args("ensure", cluster)).exitCode()).isZero();
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            // The slower run is held at its first revoke until the other has deleted the whole stack.
            proxy.failNext("RevokeSecurityGroupIngress", 1, Fault.delay(Duration.ofSeconds(8)));
            RancherSg.Started slower = direct.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .start("stack", "delete", "--cluster", cluster, "--yes");
            assertThat(proxy.awaitRequests("RevokeSecurityGroupIngress", 1, Duration.ofSeconds(60)))
                    .as("the slower run reached its first revoke").isTrue();

            CliRun faster = direct.run("stack", "delete", "--cluster", cluster, "--yes");
            CliRun slow = slower.await(Duration.ofMinutes(2));

            assertThat(faster.exitCode()).as(faster.toString()).isZero();
            assertThat(slow.exitCode()).as(slow.toString()).isZero();
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(snapshot(ec2, cluster)).as("groups left").isEmpty();
        }
    }

    @Test
    void badInputIsOneLineExit64AndNothingIsCreated(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-bad");
        RancherSg cli = RancherSg.against(emulator);

        List<CliRun> runs = List.of(
                cli.run("stack", "ensure", "--cluster", cluster, "--layout", "pools"),
                cli.run("stack", "ensure", "--cluster", cluster, "--layout", "node-pool", "--peer",
                        "rancher=10.1.0.0/16"),
                cli.run("stack", "ensure", "--cluster", "bad name", "--layout", "rke2"),
                cli.run("stack", "ensure", "--cluster", cluster, "--layout", "rke2", "--cni", "weave"),
                cli.run("stack", "ensure", "--cluster", cluster, "--layout", "custom", "--peer",
                        "workload-clients=10.2.0.0/16", "--peer", "rancher=10.1.0.0/16"));

        assertThat(runs).allSatisfy(run -> {
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
            assertThat(run.err().strip()).as(run.toString()).startsWith("rancher-sg: ").doesNotContain("\n");
        });
        assertThat(runs.get(0).err()).contains("'pools'");
        assertThat(runs.get(1).err()).contains("workload-clients");
        assertThat(runs.get(3).err()).contains("'weave'");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.allNames(ec2)).noneMatch(name -> name.startsWith(cluster));
        }
    }

    @Test
    void scanReportsStackGroupsWithTheirClusterAndRole(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("cli-scan");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run(args("ensure", cluster)).exitCode()).isZero();

        CliRun scan = cli.run("scan", "--output", "json");

        JsonNode groups = Json.read(scan.out()).get("groups");
        List<String> roles = new ArrayList<>();
        for (JsonNode group : groups) {
            if (group.get("group_name").asText().startsWith(cluster + "-")) {
                assertThat(group.get("stack").get("cluster").asText()).isEqualTo(cluster);
                assertThat(group.get("stack").get("layout").asText()).isEqualTo("node-pool");
                assertThat(group.get("group_name").asText()).isEqualTo(cluster + "-" + group.get("stack").get("role")
                        .asText());
                assertThat(group.get("in_sync").asBoolean()).as(group.toString()).isTrue();
                roles.add(group.get("stack").get("role").asText());
            }
        }
        assertThat(roles).containsExactlyInAnyOrder("etcd", "controlplane", "worker");
    }
}
