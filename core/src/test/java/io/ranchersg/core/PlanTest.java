package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanTest {

    private static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.Cidr.ANY_IPV4, "SSH");
    private static final Rule STRAY = Rule.ingress(Protocol.TCP, PortRange.of(8080), Peer.cidr("10.0.0.0/8"), "hand made");
    private static final Rule OUT = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "All outbound traffic");

    @Test
    void isImmutable() {
        List<Rule> authorize = new ArrayList<>(List.of(SSH));
        Plan plan = new Plan("g", authorize, List.of(), List.of(), List.of(), false);
        authorize.add(OUT);
        assertThat(plan.toAuthorize()).as("copied").containsExactly(SSH);
        assertThatThrownBy(() -> plan.toAuthorize().add(OUT)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void refusesRevokingWithoutPruneOrRevokingWhatIsNotExtra() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Plan("g", List.of(), List.of(STRAY), List.of(), List.of(STRAY), false))
                .withMessageContaining("8080");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new Plan("g", List.of(), List.of(STRAY), List.of(), List.of(), true))
                .withMessageContaining("extra");
    }

    @Test
    void refusesDescriptionChangeOfAnotherRule() {
        assertThatIllegalArgumentException().isThrownBy(() -> new DescriptionChange(SSH, STRAY))
                .withMessageContaining("8080");
    }

    @Test
    void rendersEveryActionAsATableRow() {
        GroupSpec spec = GroupSpec.of("rancher-nodes", "d", List.of(SSH, OUT));
        Plan plan = Diff.plan(spec, List.of(OUT.withDescription("default"), STRAY), true);
        assertThat(plan.render()).as("rendered plan").isEqualTo("""
                Plan for security group 'rancher-nodes' (prune on): 1 to authorize, 1 to update, 1 to revoke
                ACTION     DIRECTION  PROTOCOL  PORTS  PEER        DESCRIPTION
                authorize  ingress    tcp       22     0.0.0.0/0   SSH
                update     egress     all       all    0.0.0.0/0   "default" -> "All outbound traffic"
                revoke     ingress    tcp       8080   10.0.0.0/8  hand made
                """);
    }

    @Test
    void rendersKeptExtrasAndNoChanges() {
        GroupSpec spec = GroupSpec.of("g", "d", List.of(SSH));
        assertThat(Diff.plan(spec, List.of(SSH), false).render()).as("empty plan")
                .isEqualTo("Plan for security group 'g' (prune off): no changes\n");
        assertThat(Diff.plan(spec, List.of(SSH, STRAY), false).render()).as("kept extra").isEqualTo("""
                Plan for security group 'g' (prune off): no changes, 1 extra kept
                ACTION  DIRECTION  PROTOCOL  PORTS  PEER        DESCRIPTION
                keep    ingress    tcp       8080   10.0.0.0/8  hand made (extra; kept because prune is off)
                """);
    }
}
