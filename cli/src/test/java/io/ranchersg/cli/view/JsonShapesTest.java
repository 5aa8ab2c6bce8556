package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import org.junit.jupiter.api.Test;

class JsonShapesTest {

    @Test
    void everyPeerKindHasItsSource() {
        assertThat(source(Peer.cidr("2001:DB8::/32"))).isEqualTo("{\"kind\":\"cidr\",\"value\":\"2001:db8::/32\"}");
        assertThat(source(Peer.self())).isEqualTo("{\"kind\":\"self\"}");
        assertThat(source(Peer.group("sg-0123abcd"))).isEqualTo("{\"kind\":\"group\",\"value\":\"sg-0123abcd\"}");
        assertThat(source(Peer.prefixList("pl-0123abcd")))
                .isEqualTo("{\"kind\":\"prefix_list\",\"value\":\"pl-0123abcd\"}");
        assertThat(source(Peer.groupNamed("rancher-etcd")))
                .isEqualTo("{\"kind\":\"group_name\",\"value\":\"rancher-etcd\"}");
    }

    @Test
    void allTrafficHasNullPorts() {
        Rule all = Rule.allTraffic(Direction.EGRESS, Peer.cidr("0.0.0.0/0"), "");

        assertThat(JsonShapes.rule(all).toString()).isEqualTo("{\"direction\":\"egress\",\"protocol\":\"all\","
                + "\"from_port\":null,\"to_port\":null,\"source\":{\"kind\":\"cidr\",\"value\":\"0.0.0.0/0\"},"
                + "\"description\":\"\"}");
    }

    @Test
    void icmpPortsAreTypeAndCode() {
        Rule ping = Rule.ingress(Protocol.ICMP, PortRange.icmp(8, 0), Peer.self(), "ping");

        assertThat(JsonShapes.rule(ping).toString()).contains("\"protocol\":\"icmp\",\"from_port\":8,\"to_port\":0");
    }

    @Test
    void everyDocumentStartsWithItsFormatVersion() {
        assertThat(JsonShapes.document().toString()).isEqualTo("{\"format_version\":1}");
    }

    private static String source(Peer peer) {
        return JsonShapes.rule(Rule.ingress(Protocol.TCP, PortRange.of(443), peer, "")).get("source").toString();
    }
}
