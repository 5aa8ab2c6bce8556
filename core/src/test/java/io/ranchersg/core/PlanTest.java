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
    void listsEveryActionWithItsRule() {
        GroupSpec spec = GroupSpec.of("rancher-nodes", "d", List.of(SSH, OUT));
        Plan plan = Diff.plan(spec, List.of(OUT.withDescription("default"), STRAY), true);

        assertThat(plan.groupName()).isEqualTo("rancher-nodes");
        assertThat(plan.prune()).as("prune on").isTrue();
        assertThat(plan.toAuthorize()).as("to authorize").containsExactly(SSH);
        assertThat(plan.toUpdate()).as("to update").singleElement().satisfies(change -> {
            assertThat(change.before().description()).isEqualTo("default");
            assertThat(change.after().description()).isEqualTo("All outbound traffic");
        });
        assertThat(plan.toRevoke()).as("to revoke").containsExactly(STRAY);
    }

    @Test
    void keepsExtrasWithoutPruneAndThenHasNoChanges() {
        GroupSpec spec = GroupSpec.of("g", "d", List.of(SSH));
        assertThat(Diff.plan(spec, List.of(SSH), false).isEmpty()).as("empty plan").isTrue();

        Plan kept = Diff.plan(spec, List.of(SSH, STRAY), false);
        assertThat(kept.isEmpty()).as("no changes").isTrue();
        assertThat(kept.extra()).as("extra kept").containsExactly(STRAY);
        assertThat(kept.toRevoke()).as("nothing revoked without prune").isEmpty();
    }
}
