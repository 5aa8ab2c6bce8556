package io.ranchersg.core;

import static io.ranchersg.core.Direction.INGRESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;

class RuleTest {

    private static final Peer WORLD = Peer.Cidr.ANY_IPV4;

    @Test
    void tcpAndUdpNeedPorts() {
        assertThatIllegalArgumentException().isThrownBy(() -> Rule.ingress(Protocol.TCP, null, WORLD, ""))
                .withMessageContaining("tcp").withMessageContaining("port range");
        assertThatIllegalArgumentException().isThrownBy(() -> Rule.ingress(Protocol.UDP, null, WORLD, ""))
                .withMessageContaining("udp");
    }

    @Test
    void protocolAllRefusesPortsNamingThem() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.ALL, PortRange.of(22), WORLD, ""))
                .withMessageContaining("all").withMessageContaining("22");
        assertThat(Rule.allTraffic(INGRESS, WORLD, "").ports()).as("ports of all traffic").isNull();
    }

    @Test
    void tcpRefusesIcmpStyleOrReversedRanges() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.TCP, new PortRange(2380, 2379), WORLD, ""))
                .withMessageContaining("2380-2379");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.TCP, PortRange.ICMP_ANY, WORLD, ""))
                .withMessageContaining("-1");
    }

    @Test
    void icmpTakesTypeAndCodeAndDefaultsToAny() {
        Rule echo = Rule.ingress(Protocol.ICMP, PortRange.icmp(8, 0), WORLD, "ping");
        assertThat(echo.ports()).as("echo request").isEqualTo(new PortRange(8, 0));
        assertThat(Rule.ingress(Protocol.ICMPV6, null, Peer.Cidr.ANY_IPV6, "").ports())
                .as("ICMP without type/code means any").isEqualTo(PortRange.ICMP_ANY);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.ICMP, PortRange.of(22, 300), WORLD, ""))
                .withMessageContaining("300");
    }

    @Test
    void refusesNullPeerAndDirection() {
        assertThatNullPointerException().isThrownBy(() -> Rule.ingress(Protocol.TCP, PortRange.of(22), null, ""))
                .withMessageContaining("peer");
        assertThatNullPointerException()
                .isThrownBy(() -> new Rule(null, Protocol.TCP, PortRange.of(22), WORLD, ""))
                .withMessageContaining("direction");
        assertThatNullPointerException()
                .isThrownBy(() -> new Rule(INGRESS, null, PortRange.of(22), WORLD, ""))
                .withMessageContaining("protocol");
    }

    @Test
    void descriptionFollowsEc2Rules() {
        assertThat(Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, null).description())
                .as("null description").isEmpty();
        String allowed = "a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*";
        assertThat(Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, allowed).description())
                .as("every allowed character").isEqualTo(allowed);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, "don't"))
                .withMessageContaining("'don't'").withMessageContaining("'''");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, "é"))
                .withMessageContaining("é");
        assertThat(Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, "x".repeat(255)).description())
                .as("255 characters").hasSize(255);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, "x".repeat(256)))
                .withMessageContaining("256");
    }

    @Test
    void keyIsEverythingButTheDescription() {
        Rule ssh = Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, "SSH");
        assertThat(ssh.withDescription("other").key()).as("key ignores description").isEqualTo(ssh.key());
        assertThat(ssh.withDescription("other")).as("rule equality includes description").isNotEqualTo(ssh);
        assertThat(Rule.egress(Protocol.TCP, PortRange.of(22), WORLD, "SSH").key()).as("direction is in the key")
                .isNotEqualTo(ssh.key());
        assertThat(Rule.ingress(Protocol.TCP, PortRange.of(22), new Peer.Cidr("0.0.0.7/0"), "").key())
                .as("peer compares canonically").isEqualTo(ssh.key());
    }

    @Test
    void readsWellAsText() {
        assertThat(Rule.ingress(Protocol.TCP, PortRange.of(22), WORLD, "SSH"))
                .hasToString("ingress tcp 22 from 0.0.0.0/0 \"SSH\"");
        assertThat(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, "").key()).hasToString("egress all to ::/0");
        assertThat(Rule.ingress(Protocol.ICMP, PortRange.icmp(8, 0), Peer.self(), "").key())
                .hasToString("ingress icmp type 8 code 0 from self");
    }

    @Test
    void coversPortsInRangeAndEverythingForAll() {
        Rule wide = Rule.ingress(Protocol.TCP, PortRange.ALL_PORTS, WORLD, "");
        assertThat(wide.covers(Protocol.TCP, 2379)).as("tcp 0-65535 covers 2379").isTrue();
        assertThat(wide.covers(Protocol.UDP, 8472)).as("tcp does not cover udp").isFalse();
        assertThat(Rule.allTraffic(INGRESS, WORLD, "").covers(Protocol.UDP, 8472)).as("all covers udp").isTrue();
    }
}
