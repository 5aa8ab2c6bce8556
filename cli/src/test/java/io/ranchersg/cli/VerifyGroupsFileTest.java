package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.aws.GroupToVerify;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file of {@code scan --verify-groups}: what it accepts, and the one line that names what it refuses. */
class VerifyGroupsFileTest {

    @Test
    void readsGroupsByIdAndByNameWithTheirProfilesPeersAndOptions() {
        VerifyGroupsFile file = VerifyGroupsFile.parse("""
                groups:
                  - group_id: sg-0123456789abcdef0
                    profile: rancher-nodes
                    current: true
                    open_to: [10.0.0.0/8]
                  - group_name: k8s-workers
                    vpc_id: vpc-0a1b2c3d
                    profile: node-pool-worker
                    peers:
                      controlplane: sg-0fedcba9876543210
                      etcd: group_name:k8s-etcd
                      rancher: 10.20.0.0/16
                      workload-clients: 10.30.0.0/16
                """);

        assertThat(file.groups()).extracting(GroupToVerify::label)
                .containsExactly("sg-0123456789abcdef0", "k8s-workers in vpc-0a1b2c3d");
        GroupToVerify byId = file.groups().get(0);
        assertThat(byId.profile()).isEqualTo("rancher-nodes");
        assertThat(byId.required().rules()).filteredOn(r -> r.direction() == Direction.INGRESS).extracting(Rule::peer)
                .as("open_to replaced the world inbound")
                .doesNotContain(Peer.cidr("0.0.0.0/0")).contains(Peer.cidr("10.0.0.0/8"));
        GroupToVerify byName = file.groups().get(1);
        assertThat(byName.profile()).isEqualTo("node-pool-worker");
        assertThat(byName.required().name()).isEqualTo("k8s-workers");
        assertThat(byName.required().rules()).extracting(Rule::peer)
                .contains(Peer.group("sg-0fedcba9876543210"), Peer.groupNamed("k8s-etcd"));
    }

    @Test
    void aliasesAreResolvedAsYamlMeansThem() {
        VerifyGroupsFile file = VerifyGroupsFile.parse("""
                groups:
                  - &worker
                    group_name: a
                    vpc_id: vpc-0a1b2c3d
                    profile: rancher-nodes
                    current: true
                  - <<: *worker
                    group_name: b
                """);

        assertThat(file.groups()).extracting(GroupToVerify::label)
                .containsExactly("a in vpc-0a1b2c3d", "b in vpc-0a1b2c3d");
        GroupToVerify written = VerifyGroupsFile.parse("""
                groups:
                  - {group_name: b, vpc_id: vpc-0a1b2c3d, profile: rancher-nodes, current: true}
                """).groups().get(0);
        assertThat(file.groups().get(1).required()).as("the merged entry reads as if written out")
                .isEqualTo(written.required());
    }

    @Test
    void badInputIsRefusedNamingTheEntryAndTheValue() {
        assertRefused("groups: []\nextra: 1", "unknown key 'extra'");
        assertRefused("group:\n  - group_id: sg-01234567", "expected a mapping with the key 'groups'");
        assertRefused("groups:\n  - group_id: sg-xyz", "sg-xyz");
        assertRefused("groups:\n  - group_name: a", "group 1: name the group by group_id, or by group_name and vpc_id");
        assertRefused("groups:\n  - {group_id: sg-01234567, group_name: a, vpc_id: vpc-0a1b2c3d}", "not both ways");
        assertRefused("groups:\n  - {group_name: a, vpc_id: vpc-nothex}", "vpc-nothex");
        assertRefused("groups:\n  - {group_id: sg-01234567, profle: rancher-nodes}",
                "group 1: unknown key 'profle': did you mean profile?");
        assertRefused("groups:\n  - {group_id: sg-01234567, profile: no-such-profile}", "no-such-profile");
        assertRefused("groups:\n  - {group_id: sg-01234567, ipv6: maybe}", "ipv6 must be true or false, not 'maybe'");
        assertRefused("groups:\n  - {group_id: sg-01234567, open_to: [10.0.0.1/8]}", "10.0.0.1/8");
        assertRefused("groups:\n  - {group_id: sg-01234567, profile: node-pool-worker, peers: {etcd: sg-01234567,"
                + " controlplane: sg-01234567, nope: sg-01234567}}", "nope");
        assertRefused("groups:\n  - {group_id: sg-01234567}\n  - {group_id: sg-01234567}",
                "group 2: sg-01234567 is named twice");
        assertRefused("groups:\n  - group_id: sg-01234567\n    group_id: sg-01234568", "given twice");
    }

    @Test
    void theCommandRefusesABadFileWithOneLineAndExit64BeforeAnyCall(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("groups.yml"), "groups:\n  - {group_id: sg-01234567, current: yes-ish}\n");

        CliRun scan = CliRun.of("scan", "--verify-groups", file.toString(), "--output", "json");
        CliRun device = CliRun.of("scan", "--verify-groups", dir.toString());

        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(scan.errLines()).as(scan.toString()).singleElement().asString().contains("--verify-groups")
                .contains("current must be true or false, not 'yes-ish'");
        assertThat(device.exitCode()).as(device.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(device.errLines()).as(device.toString()).singleElement().asString()
                .contains("--verify-groups: '" + dir + "' is not a regular file (a directory)");
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> VerifyGroupsFile.parse(yaml)).as(yaml).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }
}
