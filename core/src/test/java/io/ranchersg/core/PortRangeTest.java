package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PortRangeTest {

    @Test
    void parsesSinglePortAndRange() {
        assertThat(PortRange.parse("22")).as("22").isEqualTo(PortRange.of(22));
        assertThat(PortRange.parse("2379-2380")).as("2379-2380").isEqualTo(PortRange.of(2379, 2380));
        assertThat(PortRange.parse("0-65535")).as("all ports").isEqualTo(PortRange.ALL_PORTS);
    }

    @Test
    void printsTheFormParseReads() {
        assertThat(PortRange.of(22)).as("single port").hasToString("22");
        assertThat(PortRange.of(2379, 2380)).as("range").hasToString("2379-2380");
        assertThat(PortRange.parse(PortRange.of(30000, 32767).toString())).as("round trip")
                .isEqualTo(PortRange.of(30000, 32767));
    }

    @Test
    void refusesPortAbove65535NamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(70000)).withMessageContaining("70000");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.parse("70000")).withMessageContaining("70000");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(1, 70000)).withMessageContaining("70000");
    }

    @Test
    void refusesNegativePort() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(-1)).withMessageContaining("-1");
    }

    @Test
    void refusesReversedRangeNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.of(2380, 2379))
                .withMessageContaining("2380-2379");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.parse("2380-2379"))
                .withMessageContaining("2380-2379");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ssh", "22-", "-22", "1-2-3", " 22", "+22", "22 - 23", "99999999999", "2a"})
    void refusesTextThatIsNotARangeNamingIt(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.parse(text)).withMessageContaining("'" + text + "'");
    }

    @Test
    void icmpTypeAndCode() {
        assertThat(PortRange.icmp(8, 0)).as("echo request").isEqualTo(new PortRange(8, 0));
        assertThat(PortRange.icmp(-1, -1)).as("any").isEqualTo(PortRange.ICMP_ANY);
        assertThat(PortRange.icmp(8, 0).icmpText()).as("text").isEqualTo("type 8 code 0");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.icmp(256, 0)).withMessageContaining("256");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.icmp(3, 300)).withMessageContaining("300");
        assertThatIllegalArgumentException().isThrownBy(() -> PortRange.icmp(-1, 4))
                .withMessageContaining("code 4");
    }

    @Test
    void overlapAndContainment() {
        assertThat(PortRange.ALL_PORTS.contains(2379)).as("0-65535 contains 2379").isTrue();
        assertThat(PortRange.of(2000, 2379).overlaps(PortRange.of(2379, 2380))).as("touching ranges overlap").isTrue();
        assertThat(PortRange.of(22).overlaps(PortRange.of(23, 80))).as("disjoint ranges").isFalse();
    }
}
