package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class JsonTest {

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

        assertThat(Json.write(Json.rule(all))).isEqualTo("{\"direction\":\"egress\",\"protocol\":\"all\","
                + "\"from_port\":null,\"to_port\":null,\"source\":{\"kind\":\"cidr\",\"value\":\"0.0.0.0/0\"},"
                + "\"description\":\"\"}");
    }

    @Test
    void icmpPortsAreTypeAndCode() {
        Rule ping = Rule.ingress(Protocol.ICMP, PortRange.icmp(8, 0), Peer.self(), "ping");

        assertThat(Json.write(Json.rule(ping))).contains("\"protocol\":\"icmp\",\"from_port\":8,\"to_port\":0");
    }

    @Test
    void errorDocumentCarriesTheExitCodeAndMessage() {
        assertThat(Json.write(Json.errorDocument(64, "--open-to: bad")))
                .isEqualTo("{\"format_version\":1,\"error\":{\"exit_code\":64,\"message\":\"--open-to: bad\"}}");
    }

    @Test
    void writesWhatJacksonsMapperWrites() throws Exception {
        ObjectNode doc = Json.document();
        doc.put("text", "quote \" backslash \\ tab \t newline \n control \u0001 non-ASCII \u00e9\u4e2d");
        doc.put("int", -7).put("long", 1L << 40).put("double", 0.25).put("true", true).putNull("null");
        doc.put("big", new BigInteger("123456789012345678901234567890")).put("decimal", new BigDecimal("1.50"));
        doc.putArray("array").add(1).add("two").addNull().addObject().put("nested", false);
        doc.putObject("empty");
        doc.putArray("none");

        assertThat(Json.write(doc)).isEqualTo(new ObjectMapper().writeValueAsString(doc));
    }

    private static String source(Peer peer) {
        return Json.write(Json.rule(Rule.ingress(Protocol.TCP, PortRange.of(443), peer, "")).get("source"));
    }
}
