package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class StackSpecTest {

    private static final Peer RANCHER = Peer.cidr("10.1.0.0/16");
    private static final Peer CLIENTS = Peer.cidr("10.2.0.0/16");

    private static StackOptions nodePoolPeers() {
        return StackOptions.defaults().withPeer(Roles.RANCHER, RANCHER).withPeer(Roles.WORKLOAD_CLIENTS, CLIENTS);
    }

    @Test
    void aNodePoolStackHasOneGroupPerRoleReferringToTheOthersByName() {
        StackSpec stack = StackSpec.of("prod", Layout.NODE_POOL, nodePoolPeers());

        assertThat(stack.groupNames()).containsExactly("prod-etcd", "prod-controlplane", "prod-worker");
        GroupSpec etcd = stack.group(Roles.ETCD).orElseThrow().spec();
        GroupSpec cp = stack.group(Roles.CONTROLPLANE).orElseThrow().spec();
        assertThat(etcd.ingress()).as("etcd accepts 2379 from controlplane").anyMatch(r ->
                r.ports().contains(2379) && r.peer().equals(Peer.groupNamed("prod-controlplane")));
        assertThat(cp.ingress()).as("controlplane accepts 6443 from etcd: a cycle").anyMatch(r ->
                r.ports().contains(6443) && r.peer().equals(Peer.groupNamed("prod-etcd")));
        assertThat(etcd.ingress()).as("SSH only from Rancher").filteredOn(r -> r.ports().contains(22))
                .extracting(Rule::peer).containsExactly(RANCHER);
        assertThat(stack.groups()).allSatisfy(g -> assertThat(g.spec().ingress())
                .as("%s never opens anything to the world", g.name())
                .noneMatch(r -> r.peer() instanceof Peer.Cidr c && c.isAnywhere()));
    }

    @Test
    void everyGroupIsTaggedWithItsClusterLayoutRoleAndProfile() {
        StackGroup worker = StackSpec.of("prod", Layout.NODE_POOL, nodePoolPeers()).group(Roles.WORKER).orElseThrow();

        assertThat(worker.spec().tags())
                .containsEntry(GroupTags.MANAGED_BY, GroupTags.MANAGER)
                .containsEntry(GroupTags.CLUSTER, "prod")
                .containsEntry(GroupTags.LAYOUT, "node-pool")
                .containsEntry(GroupTags.ROLE, "worker")
                .containsEntry(GroupTags.PROFILE, Profiles.NODE_POOL_WORKER);
        assertThat(GroupTags.decode(worker.spec().tags().get(GroupTags.OPTIONS), worker.name()))
                .as("the options read back from the tags are the group's").isEqualTo(worker.options());
    }

    @Test
    void onlyTheWorkerGroupTakesTheWorkloadClientsAndOnlyTheControlplaneTheApiClients() {
        StackSpec stack = StackSpec.of("c", Layout.CUSTOM, StackOptions.defaults()
                .withPeer(Roles.WORKLOAD_CLIENTS, CLIENTS).withPeer(Roles.API_CLIENTS, RANCHER));

        assertThat(stack.group(Roles.WORKER).orElseThrow().options().peer(Roles.WORKLOAD_CLIENTS)).contains(CLIENTS);
        assertThat(stack.group(Roles.ETCD).orElseThrow().options().peer(Roles.WORKLOAD_CLIENTS)).isEmpty();
        assertThat(stack.group(Roles.CONTROLPLANE).orElseThrow().spec().ingress()).anyMatch(r ->
                r.ports().contains(6443) && r.peer().equals(RANCHER));
        assertThat(stack.groups()).allSatisfy(g -> assertThat(g.spec().ingress())
                .as("custom nodes have no node driver ports").noneMatch(r -> r.ports().contains(22)));
    }

    @Test
    void anRke2StackOpensOnlyTheChosenCnisPorts() {
        StackSpec canal = StackSpec.of("r", Layout.RKE2, StackOptions.defaults());
        StackSpec calico = StackSpec.of("r", Layout.RKE2, StackOptions.defaults().withCni(Cni.CALICO));

        assertThat(canal.groupNames()).containsExactly("r-server", "r-agent");
        assertThat(canal.group("agent").orElseThrow().spec().ingress()).anyMatch(r -> r.ports().contains(8472))
                .noneMatch(r -> r.ports().contains(179));
        assertThat(calico.group("agent").orElseThrow().spec().ingress()).anyMatch(r -> r.ports().contains(179))
                .noneMatch(r -> r.ports().contains(8472));
        assertThat(canal.group("server").orElseThrow().spec().ingress()).as("servers take 9345 from agents")
                .anyMatch(r -> r.ports().contains(9345) && r.peer().equals(Peer.groupNamed("r-agent")));
    }

    @Test
    void refusesWhatTheLayoutDoesNotTakeNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> StackSpec.of("p", Layout.NODE_POOL,
                StackOptions.defaults().withPeer(Roles.RANCHER, RANCHER)))
                .withMessageContaining("needs a peer for role 'workload-clients'");
        assertThatIllegalArgumentException().isThrownBy(() -> StackSpec.of("p", Layout.CUSTOM,
                StackOptions.defaults().withPeer(Roles.WORKLOAD_CLIENTS, CLIENTS).withPeer(Roles.RANCHER, RANCHER)))
                .withMessageContaining("takes no peer 'rancher'");
        assertThatIllegalArgumentException().isThrownBy(() -> StackSpec.of("p q", Layout.RKE2, StackOptions.defaults()))
                .withMessageContaining("invalid cluster name 'p q'");
        assertThatIllegalArgumentException().isThrownBy(() -> StackSpec.of("p", Layout.NODE_POOL,
                nodePoolPeers().withCni(Cni.CILIUM))).withMessageContaining("rke2 layout");
        assertThatIllegalArgumentException().isThrownBy(() -> Layout.parse("pools"))
                .withMessageContaining("unknown layout 'pools'");
    }
}
