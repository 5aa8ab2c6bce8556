package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NewGroupTest {

    private static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.Cidr.ANY_IPV4, "SSH");
    private static final Rule ALL_OUT = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "All outbound");
    private static final Rule ALL_OUT_V6 = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, "");
    private static final Rule HTTPS_OUT = Rule.egress(Protocol.TCP, PortRange.of(443), Peer.Cidr.ANY_IPV4, "HTTPS");

    @Test
    void ec2OpensAllOutboundAndToIpv6OnlyInAVpcWithAnIpv6Block() {
        assertThat(NewGroup.defaultRules(false)).containsExactly(ALL_OUT.withDescription(""));
        assertThat(NewGroup.defaultRules(true)).containsExactly(ALL_OUT.withDescription(""), ALL_OUT_V6);
    }

    @Test
    void keepsEc2sAllowAllOutboundWhenTheSpecListsItAndRestoresItsDescription() {
        Plan plan = NewGroup.plan(GroupSpec.of("g", "d", List.of(SSH, ALL_OUT)), false);

        assertThat(plan.toAuthorize()).containsExactly(SSH);
        assertThat(plan.toRevoke()).isEmpty();
        assertThat(plan.toUpdate()).extracting(DescriptionChange::after).containsExactly(ALL_OUT);
    }

    @Test
    void revokesWhatEc2GivesThatTheSpecDoesNotListEvenWithoutPrune() {
        Plan plan = NewGroup.plan(GroupSpec.of("g", "d", List.of(SSH, ALL_OUT)), true);

        assertThat(plan.toRevoke()).as("EC2's ::/0 outbound rule was nobody's choice").containsExactly(ALL_OUT_V6);
        assertThat(plan.applyTo(NewGroup.defaultRules(true))).containsExactlyInAnyOrder(SSH, ALL_OUT);
    }

    @Test
    void aSpecWithOnlySpecificOutboundRulesLosesTheAllowAllRulesOfANewGroup() {
        Plan plan = NewGroup.plan(GroupSpec.of("g", "d", List.of(SSH, HTTPS_OUT)), true);

        assertThat(plan.toAuthorize()).containsExactly(SSH, HTTPS_OUT);
        assertThat(plan.toRevoke()).containsExactlyInAnyOrderElementsOf(NewGroup.defaultRules(true));
        assertThat(Diff.plan(GroupSpec.of("g", "d", List.of(SSH, HTTPS_OUT)),
                plan.applyTo(NewGroup.defaultRules(true)), false).isEmpty()).as("a second plan is empty").isTrue();
    }
}
