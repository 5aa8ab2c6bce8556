package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** That ensure did what the plan before it showed: for one group, and for a stack, on any gateway. */
final class PlanAssertions {

    private PlanAssertions() {
    }

    /** Every action and the review of the plan, as ensure reports them. */
    static void assertEnsureDidWhatPlanShowed(Outcome plan, Outcome ensure) {
        assertThat(plan.created()).as("created").isEqualTo(ensure.created());
        assertThat(Rules.sorted(plan.authorized())).as("authorized").isEqualTo(Rules.sorted(ensure.authorized()));
        assertThat(Rules.sorted(plan.revoked())).as("revoked").isEqualTo(Rules.sorted(ensure.revoked()));
        assertThat(plan.updated()).as("updated").isEqualTo(ensure.updated());
        assertThat(plan.warnings()).as("warnings").isEqualTo(ensure.warnings());
        assertThat(plan.findings()).as("findings of the rules left in place").isEqualTo(ensure.findings());
    }

    /**
     * Every group's creates and rules, the plan naming the stack's new groups by name where ensure
     * names them by the ids EC2 gave them.
     */
    static void assertEnsureDidWhatPlanShowed(StackOutcome plan, StackOutcome ensure) {
        Map<String, String> names = new HashMap<>();
        ensure.groups().forEach(m -> names.put(m.outcome().groupId(), m.outcome().groupName()));
        for (StackOutcome.Member member : plan.groups()) {
            Outcome done = ensure.of(member.role());
            assertThat(member.outcome().created()).as("%s created", member.role()).isEqualTo(done.created());
            assertThat(byName(done.authorized(), names)).as("authorized on %s", member.role())
                    .containsExactlyInAnyOrderElementsOf(member.outcome().authorized());
            assertThat(byName(done.revoked(), names)).as("revoked on %s", member.role())
                    .containsExactlyInAnyOrderElementsOf(member.outcome().revoked());
        }
    }

    private static List<Rule> byName(List<Rule> rules, Map<String, String> names) {
        return rules.stream().map(r -> r.peer() instanceof Peer.Group g && names.containsKey(g.groupId())
                ? r.withPeer(Peer.groupNamed(names.get(g.groupId()))) : r).toList();
    }
}
