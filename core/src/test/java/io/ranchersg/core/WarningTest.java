package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarningTest {

    private static final Rule ALL_OUT = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "");
    private static final Rule ALL_OUT_V6 = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, "");
    private static final Rule HTTPS_OUT = Rule.egress(Protocol.TCP, PortRange.of(443), Peer.Cidr.ANY_IPV4, "HTTPS");
    private static final Rule ALL_TO_VPC = Rule.allTraffic(Direction.EGRESS, Peer.cidr("10.0.0.0/8"), "");

    @Test
    void pruningAnAllowAllOutboundRuleIsAWarningPerRule() {
        GroupSpec spec = GroupSpec.of("rke", "d", List.of(HTTPS_OUT));

        List<Warning> warnings = Warning.ofPlan(Diff.plan(spec, List.of(ALL_OUT, ALL_OUT_V6, HTTPS_OUT), true));

        assertThat(warnings).extracting(Warning::code).containsOnly(Warning.REVOKES_ALLOW_ALL_EGRESS).hasSize(2);
        assertThat(warnings.get(0).toString()).startsWith("warning: --prune revokes egress all to 0.0.0.0/0");
    }

    @Test
    void noWarningWithoutPruneOrForNarrowerRules() {
        GroupSpec spec = GroupSpec.of("rke", "d", List.of(HTTPS_OUT));

        assertThat(Warning.ofPlan(Diff.plan(spec, List.of(ALL_OUT, HTTPS_OUT), false))).as("kept").isEmpty();
        assertThat(Warning.ofPlan(Diff.plan(spec, List.of(ALL_TO_VPC, HTTPS_OUT), true))).as("not the world")
                .isEmpty();
    }
}
