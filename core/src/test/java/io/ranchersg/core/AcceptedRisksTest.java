package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import org.junit.jupiter.api.Test;

class AcceptedRisksTest {

    private static final Rule ETCD = Rule.ingress(Protocol.TCP, PortRange.of(2379, 2380), Peer.Cidr.ANY_IPV4, "");
    private static final Rule VXLAN = Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.Cidr.ANY_IPV4, "");
    private static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.Cidr.ANY_IPV4, "");

    @Test
    void byDefaultEveryCriticalFindingRefusesAndNothingElseDoes() {
        assertThat(AcceptedRisks.NONE.refused(List.of(ETCD, VXLAN, SSH))).extracting(Finding::code)
                .containsExactly(Findings.WORLD_OPEN_ETCD, Findings.WORLD_OPEN_VXLAN);
    }

    @Test
    void acceptsByCodeOrBySeverityInAnyCase() {
        assertThat(AcceptedRisks.of(List.of("World-Open-Etcd")).refused(List.of(ETCD, VXLAN)))
                .extracting(Finding::code).containsExactly(Findings.WORLD_OPEN_VXLAN);
        assertThat(AcceptedRisks.of(List.of("CRITICAL")).refused(List.of(ETCD, VXLAN))).isEmpty();
    }

    @Test
    void refusesAnUnknownValueNamingIt() {
        assertThatIllegalArgumentException().isThrownBy(() -> AcceptedRisks.of(List.of("etcd")))
                .withMessageStartingWith("unknown risk 'etcd'");
    }
}
