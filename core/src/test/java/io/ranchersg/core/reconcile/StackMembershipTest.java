package io.ranchersg.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Layout;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which groups a stack delete may take as members: only those the name and the tags prove. */
class StackMembershipTest {

    private static final String VPC = "vpc-0123456789abcdef0";
    private int ids;

    private ObservedGroup group(String name, Map<String, String> tags) {
        return ObservedGroup.read("sg-" + (++ids), name, VPC, tags, List.of());
    }

    private static Map<String, String> member(String cluster, Layout layout, String role) {
        return GroupTags.ofStackGroup(Profiles.NODE_POOL_WORKER, ProfileOptions.defaults(), cluster, layout, role);
    }

    private static Map<String, String> without(Map<String, String> tags, String... keys) {
        Map<String, String> less = new HashMap<>(tags);
        List.of(keys).forEach(less::remove);
        return less;
    }

    private static List<String> names(StackMembership.Verdict verdict) {
        return verdict.members().stream().map(m -> m.group().name()).toList();
    }

    @Test
    void membersAreNamedForARoleOfTheLayoutAndCarryTheTags() {
        StackMembership.Verdict verdict = StackMembership.judge("sx", List.of(
                group("sx-etcd", member("sx", Layout.NODE_POOL, "etcd")),
                group("sx-worker", member("sx", Layout.NODE_POOL, "worker")),
                group("payments-db", Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER, GroupTags.CLUSTER, "sx")),
                group("sx-agent", member("sx", Layout.NODE_POOL, "agent")),
                group("sx-controlplane", without(member("sx", Layout.NODE_POOL, "controlplane"),
                        GroupTags.MANAGED_BY))));

        assertThat(verdict.layout()).isEqualTo(Layout.NODE_POOL);
        assertThat(names(verdict)).containsExactly("sx-etcd", "sx-worker");
        assertThat(verdict.outsiders()).extracting(o -> o.group().name())
                .containsExactly("payments-db", "sx-agent", "sx-controlplane");
        assertThat(verdict.outsiders()).extracting(StackMembership.Outsider::reason)
                .allSatisfy(r -> assertThat(r).isNotBlank());
    }

    @Test
    void oneMissingStackTagIsRepairedByNameTwoLeaveTheGroupUnproven() {
        StackMembership.Verdict verdict = StackMembership.judge("sx", List.of(
                group("sx-etcd", member("sx", Layout.NODE_POOL, "etcd")),
                group("sx-worker", without(member("sx", Layout.NODE_POOL, "worker"), GroupTags.CLUSTER)),
                group("sx-controlplane", without(member("sx", Layout.NODE_POOL, "controlplane"), GroupTags.LAYOUT)),
                group("sx-server", without(member("sx", Layout.RKE2, "server"), GroupTags.CLUSTER,
                        GroupTags.ROLE))));

        assertThat(names(verdict)).containsExactly("sx-etcd", "sx-worker", "sx-controlplane");
        assertThat(verdict.members().get(1).missing()).isEqualTo(Map.of(GroupTags.CLUSTER, "sx"));
        assertThat(verdict.members().get(2).missing()).isEqualTo(Map.of(GroupTags.LAYOUT, "node-pool"));
        assertThat(verdict.outsiders()).extracting(o -> o.group().name()).containsExactly("sx-server");
    }

    @Test
    void aTagThatDisagreesWithTheNameOrAnotherClusterIsNoMember() {
        StackMembership.Verdict verdict = StackMembership.judge("sx", List.of(
                group("sx-etcd", member("sx", Layout.NODE_POOL, "worker")),
                group("sx-worker", member("other", Layout.NODE_POOL, "worker"))));

        assertThat(verdict.members()).isEmpty();
        assertThat(verdict.layout()).isNull();
        assertThat(verdict.outsiders()).hasSize(2);
    }

    @Test
    void groupsRecordingTwoLayoutsAreAllLeftAlone() {
        StackMembership.Verdict verdict = StackMembership.judge("sx", List.of(
                group("sx-etcd", member("sx", Layout.NODE_POOL, "etcd")),
                group("sx-server", member("sx", Layout.RKE2, "server"))));

        assertThat(verdict.members()).isEmpty();
        assertThat(verdict.outsiders()).extracting(StackMembership.Outsider::reason)
                .allSatisfy(r -> assertThat(r).contains("different layouts"));
    }

    @Test
    void possibleNamesCoverEveryRoleOfEveryLayout() {
        assertThat(StackMembership.possibleNames("sx")).containsExactlyInAnyOrder("sx-etcd", "sx-controlplane",
                "sx-worker", "sx-server", "sx-agent");
    }
}
