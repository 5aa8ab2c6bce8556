package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProfilesTest {

    /** A distinct peer for every role, none of them the world. */
    static Map<String, Peer> allPeers() {
        Map<String, Peer> peers = new LinkedHashMap<>();
        peers.put(Roles.RANCHER, Peer.group("sg-0000000a"));
        peers.put(Roles.ETCD, Peer.groupNamed("rancher-etcd"));
        peers.put(Roles.CONTROLPLANE, Peer.groupNamed("rancher-controlplane"));
        peers.put(Roles.WORKER, Peer.groupNamed("rancher-worker"));
        peers.put(Roles.LOAD_BALANCER, Peer.group("sg-0000000b"));
        peers.put(Roles.API_CLIENTS, Peer.cidr("10.0.0.0/8"));
        peers.put(Roles.NODES, Peer.cidr("10.1.0.0/16"));
        peers.put(Roles.WORKLOAD_CLIENTS, Peer.cidr("192.168.0.0/16"));
        peers.put(Roles.KUBERNETES_API, Peer.cidr("10.2.0.0/24"));
        peers.put(Roles.SERVERS, Peer.groupNamed("rancher-server"));
        peers.put(Roles.AGENTS, Peer.groupNamed("rancher-agent"));
        return peers;
    }

    private static final ProfileOptions ALL_PEERS = ProfileOptions.defaults().withPeers(allPeers());

    private static GroupSpec spec(String profile, ProfileOptions options) {
        return Profiles.get(profile).spec(options);
    }

    private static Set<Integer> tcpPorts(GroupSpec spec) {
        return spec.ingress().stream().filter(r -> r.protocol() == Protocol.TCP)
                .map(r -> r.ports().from()).collect(Collectors.toSet());
    }

    @Test
    void catalogueHasEveryTableOnceWithRancherNodesFirst() {
        assertThat(Profiles.names()).as("profile names").containsExactly(
                "rancher-nodes", "rancher-server-k3s", "rancher-server-rke", "rancher-server-docker",
                "node-pool-etcd", "node-pool-controlplane", "node-pool-worker",
                "custom-etcd", "custom-controlplane", "custom-worker",
                "hosted-imported", "commonly-used-ports", "rke2-nodes", "rke2-server", "rke2-agent");
        for (Profile profile : Profiles.all()) {
            assertThat(Profiles.get(profile.name())).as("get(%s)", profile.name()).isSameAs(profile);
            assertThat(profile.summary()).as("summary of %s", profile.name()).isNotBlank().doesNotContain("\n");
            assertThat(profile.notes()).as("notes of %s", profile.name()).isNotBlank();
        }
    }

    @Test
    void unknownProfileNamesItAndListsKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> Profiles.get("rancher-nodez"))
                .withMessageContaining("'rancher-nodez'").withMessageContaining("rancher-nodes, rancher-server-k3s");
    }

    @Test
    void everyProfileBuildsAValidSpecWithAllPeersAndAllOptions() {
        ProfileOptions everything = ALL_PEERS.withIpv6(true).withCurrent(true).withWindowsOverlay(true);
        for (Profile profile : Profiles.all()) {
            for (ProfileOptions options : List.of(ALL_PEERS, everything)) {
                GroupSpec spec = profile.spec(options);
                assertThat(spec.rules()).as("rules of %s", profile.name()).isNotEmpty();
                assertThat(spec.name()).as("group name of %s", profile.name()).isEqualTo("rancher-nodes");
                // EC2's own default outbound rule has no description, and profiles keep it as it is.
                assertThat(spec.rules()).as("descriptions of %s", profile.name())
                        .filteredOn(r -> !isDefaultOutbound(r))
                        .allSatisfy(r -> assertThat(r.description()).isNotBlank());
            }
        }
    }

    @Test
    void onlyRancherNodesOpensInboundToTheWorld() {
        for (Profile profile : Profiles.all()) {
            if (profile.name().equals(Profiles.RANCHER_NODES)) {
                continue;
            }
            assertThat(profile.spec(ALL_PEERS.withIpv6(true)).ingress())
                    .as("world-open inbound rules of %s", profile.name())
                    .noneMatch(r -> r.peer() instanceof Peer.Cidr c && c.isAnywhere());
        }
    }

    @Test
    void missingRequiredPeersAreNamedNeverDefaultedToTheWorld() {
        for (Profile profile : Profiles.all()) {
            List<String> required = profile.roles().stream()
                    .filter(r -> r.requirement() == ProfileRole.Requirement.REQUIRED).map(ProfileRole::name).toList();
            if (required.isEmpty()) {
                assertThat(profile.spec(ProfileOptions.defaults()).rules()).as("%s without peers", profile.name())
                        .isNotEmpty();
                continue;
            }
            var thrown = assertThatIllegalArgumentException().as("%s without peers", profile.name())
                    .isThrownBy(() -> profile.spec(ProfileOptions.defaults()))
                    .withMessageContaining("'" + profile.name() + "'")
                    .as("speaks of roles, not of one caller's API (a CLI scan shows it too)")
                    .withMessageNotContaining("ProfileOptions").withMessageNotContaining("withPeer");
            required.forEach(role -> thrown.withMessageContaining("'" + role + "'"));
        }
    }

    @Test
    void ownRoleDefaultsToTheGroupItself() {
        GroupSpec k3s = spec(Profiles.RANCHER_SERVER_K3S, ProfileOptions.defaults());
        assertThat(k3s.ingress()).as("K3s nodes are the group itself").allSatisfy(r ->
                assertThat(r.peer()).isEqualTo(Peer.self()));
        assertThat(k3s.ingress()).extracting(Rule::key).as("K3s inbound").containsExactly(
                new RuleKey(Direction.INGRESS, Protocol.TCP, PortRange.of(6443), Peer.self()),
                new RuleKey(Direction.INGRESS, Protocol.UDP, PortRange.of(8472), Peer.self()),
                new RuleKey(Direction.INGRESS, Protocol.TCP, PortRange.of(10250), Peer.self()));
        GroupSpec etcd = spec(Profiles.NODE_POOL_ETCD, ALL_PEERS.withPeer(Roles.ETCD, Peer.self()));
        assertThat(etcd.ingress()).as("etcd from itself").anyMatch(r -> r.ports().from() == 2379 && r.peer() instanceof Peer.Self);
    }

    @Test
    void rolesOnTheSameNodesCollapseIntoOneRule() {
        ProfileOptions allInOne = ProfileOptions.defaults().withPeer(Roles.RANCHER, "sg-0000000a")
                .withPeer(Roles.CONTROLPLANE, Peer.self()).withPeer(Roles.WORKER, Peer.self());
        GroupSpec etcd = spec(Profiles.NODE_POOL_ETCD, allInOne);
        assertThat(etcd.ingress().stream().filter(r -> r.protocol() == Protocol.UDP)).as("one VXLAN rule")
                .hasSize(1);
    }

    @Test
    void nodePoolRolesFollowTheNodePoolTable() {
        GroupSpec etcd = spec(Profiles.NODE_POOL_ETCD, ALL_PEERS);
        assertThat(tcpPorts(etcd)).as("etcd TCP ports").containsExactlyInAnyOrder(22, 2376, 2379, 2380, 10250);
        GroupSpec cp = spec(Profiles.NODE_POOL_CONTROLPLANE, ALL_PEERS);
        assertThat(tcpPorts(cp)).as("controlplane TCP ports").containsExactlyInAnyOrder(22, 2376, 6443, 10250);
        assertThat(cp.ingress()).as("ACE from api-clients")
                .anyMatch(r -> r.ports().from() == 6443 && r.peer().equals(Peer.cidr("10.0.0.0/8")));
        GroupSpec worker = spec(Profiles.NODE_POOL_WORKER, ALL_PEERS);
        assertThat(tcpPorts(worker)).as("worker TCP ports").containsExactlyInAnyOrder(22, 2376, 10250, 30000, 80, 443);
        for (GroupSpec s : List.of(etcd, cp, worker)) {
            assertThat(s.ingress()).as("VXLAN from every role")
                    .filteredOn(r -> r.protocol() == Protocol.UDP && r.ports().from() == 8472).hasSize(3);
            assertThat(s.ingress()).as("kubelet only from controlplane")
                    .filteredOn(r -> r.ports().from() == 10250)
                    .extracting(Rule::peer).containsExactly(Peer.groupNamed("rancher-controlplane"));
        }
    }

    @Test
    void customNodesHaveNoNodeDriverPortsAndOptionalWindowsOverlay() {
        ProfileOptions noRancher = ProfileOptions.defaults().withPeers(allPeers());
        GroupSpec worker = spec(Profiles.CUSTOM_WORKER, noRancher);
        assertThat(tcpPorts(worker)).as("custom worker TCP ports").doesNotContain(22, 2376);
        assertThat(worker.ingress()).as("no 4789 without windowsOverlay").noneMatch(r -> r.ports().from() == 4789);
        GroupSpec windows = spec(Profiles.CUSTOM_WORKER, noRancher.withWindowsOverlay(true));
        assertThat(windows.ingress()).as("4789 from every role with windowsOverlay")
                .filteredOn(r -> r.protocol() == Protocol.UDP && r.ports().from() == 4789).hasSize(3);
        assertThat(Profiles.get(Profiles.CUSTOM_ETCD).roles()).as("custom needs no rancher peer")
                .extracting(ProfileRole::name).doesNotContain(Roles.RANCHER);
    }

    @Test
    void localTrafficPortsGetNoRuleButANote() {
        for (Profile profile : Profiles.all()) {
            if (profile.name().startsWith("rke2-")) {
                continue; // RKE2's own table lists 9099 between all nodes
            }
            GroupSpec spec = profile.spec(ALL_PEERS.withCurrent(true).withWindowsOverlay(true));
            assertThat(spec.rules()).as("9099/10254 rules in %s", profile.name())
                    .noneMatch(r -> r.ports() != null && (r.ports().contains(9099) || r.ports().contains(10254)));
        }
        for (String name : List.of(Profiles.RANCHER_NODES, Profiles.NODE_POOL_WORKER, Profiles.CUSTOM_CONTROLPLANE,
                Profiles.COMMONLY_USED_PORTS)) {
            assertThat(Profiles.get(name).notes()).as("notes of %s", name).contains("9099").contains("10254");
        }
    }

    @Test
    void rancherServerRkeAndDockerListOutboundRules() {
        GroupSpec rke = spec(Profiles.RANCHER_SERVER_RKE, ALL_PEERS);
        assertThat(rke.egress()).extracting(Rule::key).as("RKE outbound").containsExactly(
                new RuleKey(Direction.EGRESS, Protocol.TCP, PortRange.of(443), Peer.cidr("35.160.43.145/32")),
                new RuleKey(Direction.EGRESS, Protocol.TCP, PortRange.of(443), Peer.cidr("35.167.242.46/32")),
                new RuleKey(Direction.EGRESS, Protocol.TCP, PortRange.of(443), Peer.cidr("52.33.59.17/32")),
                new RuleKey(Direction.EGRESS, Protocol.TCP, PortRange.of(22), Peer.cidr("10.1.0.0/16")),
                new RuleKey(Direction.EGRESS, Protocol.TCP, PortRange.of(2376), Peer.cidr("10.1.0.0/16")));
        GroupSpec docker = spec(Profiles.RANCHER_SERVER_DOCKER, ALL_PEERS);
        assertThat(docker.egress()).as("Docker outbound").hasSize(6);
        GroupSpec dockerNoLb = spec(Profiles.RANCHER_SERVER_DOCKER,
                ProfileOptions.defaults().withPeer(Roles.NODES, "10.1.0.0/16").withPeer(Roles.API_CLIENTS, "10.0.0.0/8")
                        .withPeer(Roles.KUBERNETES_API, "10.2.0.0/24"));
        assertThat(tcpPorts(dockerNoLb)).as("no TCP 80 without external SSL termination").doesNotContain(80);
    }

    @Test
    void rke2NodesHaveEveryRowIncludingIcmpEcho() {
        GroupSpec rke2 = spec(Profiles.RKE2_NODES, ProfileOptions.defaults());
        assertThat(rke2.ingress()).as("RKE2 rows").hasSize(18).allSatisfy(r -> assertThat(r.peer()).isEqualTo(Peer.self()));
        assertThat(rke2.ingress()).as("Cilium ICMP echo").anyMatch(r ->
                r.protocol() == Protocol.ICMP && r.ports().equals(PortRange.icmp(8, 0)));
    }

    @Test
    void profileRolesAreDocumentedRoles() {
        for (Profile profile : Profiles.all()) {
            assertThat(profile.roles()).as("roles of %s", profile.name())
                    .allSatisfy(r -> assertThat(Roles.all()).contains(r.name()));
        }
    }

    private static boolean isDefaultOutbound(Rule rule) {
        return rule.direction() == Direction.EGRESS && rule.protocol() == Protocol.ALL
                && rule.peer() instanceof Peer.Cidr cidr && cidr.isAnywhere();
    }
}
