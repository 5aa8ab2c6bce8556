package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RancherNodesOptionsTest {

    private static final Profile PROFILE = Profiles.get(Profiles.RANCHER_NODES);
    private static final Peer.Cidr ANY4 = Peer.Cidr.ANY_IPV4;
    private static final Peer.Cidr ANY6 = Peer.Cidr.ANY_IPV6;

    private static GroupSpec spec(ProfileOptions options) {
        return PROFILE.spec(options);
    }

    private static long count(GroupSpec spec, Direction direction, Peer peer) {
        return spec.rules(direction).stream().filter(r -> r.peer().equals(peer)).count();
    }

    @Test
    void defaultsAreTheSeedTable() {
        GroupSpec spec = spec(ProfileOptions.defaults());
        assertThat(spec.name()).as("group name").isEqualTo("rancher-nodes");
        assertThat(spec.ingress()).as("inbound rules").hasSize(12);
        assertThat(spec.egress()).as("outbound rules")
                .containsExactly(Rule.allTraffic(Direction.EGRESS, ANY4, ""));
        assertThat(count(spec, Direction.INGRESS, ANY4)).as("world-open inbound").isEqualTo(7);
        assertThat(count(spec, Direction.INGRESS, Peer.self())).as("from the group itself").isEqualTo(5);
    }

    @Test
    void ipv6AddsATwinToEveryWorldRule() {
        GroupSpec spec = spec(ProfileOptions.defaults().withIpv6(true));
        assertThat(count(spec, Direction.INGRESS, ANY6)).as("::/0 inbound").isEqualTo(7);
        assertThat(count(spec, Direction.EGRESS, ANY6)).as("::/0 outbound").isEqualTo(1);
        assertThat(spec.rules()).as("all rules").hasSize(21);
        assertThat(spec.rules().get(1).key()).as("twin follows its IPv4 rule")
                .isEqualTo(new RuleKey(Direction.INGRESS, Protocol.TCP, PortRange.of(22), ANY6));
    }

    @Test
    void openToReplacesTheWorldInInboundRulesOnly() {
        GroupSpec spec = spec(ProfileOptions.defaults().withIpv6(true)
                .withOpenTo(List.of("10.0.0.0/8", Peer.cidr("2001:db8::/32"))));
        assertThat(count(spec, Direction.INGRESS, ANY4) + count(spec, Direction.INGRESS, ANY6))
                .as("world-open inbound").isZero();
        assertThat(count(spec, Direction.INGRESS, Peer.cidr("10.0.0.0/8"))).as("from 10.0.0.0/8").isEqualTo(7);
        assertThat(count(spec, Direction.INGRESS, Peer.cidr("2001:db8::/32"))).as("from 2001:db8::/32").isEqualTo(7);
        assertThat(spec.egress()).extracting(Rule::peer).as("outbound stays open").containsExactly(ANY4, ANY6);
    }

    @Test
    void currentAddsNewerPortsIpv6AndManagerDescriptions() {
        GroupSpec spec = spec(ProfileOptions.defaults().withCurrent(true));
        assertThat(spec.ingress()).as("8443 from anywhere, both families")
                .filteredOn(r -> r.ports().from() == 8443).extracting(Rule::peer).containsExactly(ANY4, ANY6);
        for (int port : new int[] {9345, 5473, 9796, 179}) {
            assertThat(spec.ingress()).as("TCP %d from the group itself", port).anyMatch(r ->
                    r.protocol() == Protocol.TCP && r.ports().equals(PortRange.of(port)) && r.peer().equals(Peer.self()));
        }
        assertThat(spec.egress()).extracting(Rule::peer).as("outbound to both families").containsExactly(ANY4, ANY6);
        assertThat(spec.rules()).as("descriptions name the manager")
                .allSatisfy(r -> assertThat(r.description()).endsWith("(managed by rancher-sg)"));
        assertThat(spec.rules()).as("current rule count").hasSize(12 + 1 + 4 + 8 + 2);
    }

    @Test
    void groupNameIsAnOption() {
        assertThat(spec(ProfileOptions.defaults().withGroupName("rancher-nodes-eu")).name()).as("group name")
                .isEqualTo("rancher-nodes-eu");
    }
}
