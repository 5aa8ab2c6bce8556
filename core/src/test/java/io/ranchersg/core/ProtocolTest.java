package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ProtocolTest {

    @ParameterizedTest
    @CsvSource({"tcp,TCP", "TCP,TCP", "6,TCP", "udp,UDP", "17,UDP", "icmp,ICMP", "1,ICMP", "icmpv6,ICMPV6",
        "ICMPv6,ICMPV6", "58,ICMPV6", "all,ALL", "All,ALL", "-1,ALL"})
    void parsesNamesAndIanaNumbersAsEc2ReturnsThem(String text, Protocol expected) {
        assertThat(Protocol.parse(text)).as("Protocol.parse(%s)", text).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sctp", "132", "", " tcp", "2"})
    void refusesUnknownProtocolNamingIt(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Protocol.parse(text)).withMessageContaining("'" + text + "'");
    }

    @Test
    void refusesNullProtocol() {
        assertThatIllegalArgumentException().isThrownBy(() -> Protocol.parse(null)).withMessageContaining("null");
    }

    @Test
    void namesForEc2AndJson() {
        assertThat(Protocol.ALL.ec2Name()).as("EC2 name of all").isEqualTo("-1");
        assertThat(Protocol.ALL.jsonName()).as("JSON name of all").isEqualTo("all");
        assertThat(Protocol.ICMPV6.ec2Name()).as("EC2 name of icmpv6").isEqualTo("icmpv6");
        for (Protocol p : Protocol.values()) {
            assertThat(Protocol.parse(p.ec2Name())).as("ec2Name round trip of %s", p).isEqualTo(p);
            assertThat(Protocol.parse(p.jsonName())).as("jsonName round trip of %s", p).isEqualTo(p);
        }
    }

    @Test
    void directionNamesForJsonAndPage() {
        assertThat(Direction.INGRESS.jsonName()).as("ingress JSON").isEqualTo("ingress");
        assertThat(Direction.EGRESS.jsonName()).as("egress JSON").isEqualTo("egress");
        assertThat(Direction.parse("Inbound")).as("page's Inbound").isEqualTo(Direction.INGRESS);
        assertThat(Direction.parse("outbound")).as("outbound").isEqualTo(Direction.EGRESS);
        assertThatIllegalArgumentException().isThrownBy(() -> Direction.parse("sideways"))
                .withMessageContaining("'sideways'");
    }
}
