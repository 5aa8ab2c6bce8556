package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Rule;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A guard's repair from what a group's own tags record, on the in-memory EC2. */
class RecordedRepairTest extends OnTheTwin {

    @Test
    void reAddsWhatTheRecordedProfileListsAndKeepsExtraRulesWithoutPrune() {
        drifted(world(6443), byHand(3306));

        Outcome repaired = new RecordedRepair(false, AcceptedRisks.NONE).repair(twin, name, vpc).orElseThrow();

        assertThat(repaired.authorized()).extracting(Rule::ports).containsExactly(PortRange.of(6443));
        assertThat(repaired.revoked()).as("nothing revoked without prune").isEmpty();
        assertThat(held()).as("rules in EC2").contains(byHand(3306)).containsAll(expected(request()));
    }

    @Test
    void withPruneAlsoRevokesWhatTheProfileDoesNotList() {
        drifted(world(6443), byHand(3306));

        new RecordedRepair(true, AcceptedRisks.NONE).repair(twin, name, vpc).orElseThrow();

        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void neverWritesAGroupWithoutRancherSgsTagsNorAStackMember() {
        String handMade = twin.addGroup("by-hand", vpc, Map.of("rancher-nodes", "1"));
        twin.addRule(handMade, byHand(22));
        String member = reconciler.ensure(request()).groupId();
        Map<String, String> tags = new java.util.HashMap<>(twin.tags(member));
        tags.put(GroupTags.CLUSTER, "prod");
        twin.putTags(member, tags);
        twin.removeRule(member, world(6443));
        Map<String, String> before = twin.snapshot();

        RecordedRepair repair = new RecordedRepair(true, AcceptedRisks.NONE);

        assertThat(repair.repair(twin, "by-hand", vpc)).as("a group made by hand (" + handMade + ")").isEmpty();
        assertThat(repair.repair(twin, name, vpc)).as("a member of a stack").isEmpty();
        assertThat(repair.repair(twin, "no-such-group", vpc)).as("a group that is gone").isEmpty();
        assertThat(twin.snapshot()).as("nothing written").isEqualTo(before);
    }
}
