package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Deleting what rancher-sg made, on the in-memory EC2, which refuses a group still in use as EC2
 * does: a plan first, checks before any write, the references between the groups revoked before
 * any group is deleted, only this stack's groups, and an interrupted delete finished by the next.
 */
class GroupDeleterTest extends OnTheTwin {

    private final StackSpec stack = StackTest.nodePool();

    @BeforeEach
    void madeAStack() {
        reconciler.ensureStack(StackRequest.of(stack).withVpcId(vpc));
    }

    private long stackGroupsLeft() {
        return stack.groupNames().stream().filter(n -> twin.idOf(n, vpc).isPresent()).count();
    }

    @Test
    void withoutConfirmationItOnlyPlansTheRevokesAndTheDeletesInOneRead() {
        Map<String, String> before = twin.snapshot();

        DeleteOutcome plan = deleter().deleteStack(StackTest.CLUSTER, vpc, false);

        assertThat(plan.deleted()).as("deleted").isFalse();
        assertThat(plan.groups()).as("groups").extracting(DeleteOutcome.Doomed::role)
                .containsExactlyInAnyOrder(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER);
        assertThat(plan.groups()).allSatisfy(g -> assertThat(g.revokes()).as("references of %s", g.groupName())
                .isNotEmpty().allMatch(r -> r.peer() instanceof Peer.Group));
        assertThat(plan.apiCalls()).as("one read").isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(twin.snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void revokesTheReferencesToEachGroupRightBeforeDeletingIt() {
        Map<String, String> ids = new java.util.HashMap<>();
        stack.groupNames().forEach(n -> ids.put(idOf(n), n));

        DeleteOutcome deleted = deleter().deleteStack(StackTest.CLUSTER, vpc, true);

        assertThat(deleted.deleted()).as("deleted").isTrue();
        assertThat(stackGroupsLeft()).as("groups left").isZero();
        assertThat(deleted.apiCalls()).as("calls to delete a 3-group stack").isEqualTo(Map.of(
                "DescribeSecurityGroups", 3, "DescribeNetworkInterfaces", 1, "RevokeSecurityGroupIngress", 3,
                "DeleteSecurityGroup", 3));
        List<String> writes = twin.journal().stream().filter(op -> !op.startsWith("Describe")).toList();
        assertThat(writes.subList(writes.size() - 6, writes.size())).as("each group's references, then the group")
                .containsExactly("RevokeSecurityGroupIngress", "RevokeSecurityGroupIngress", "DeleteSecurityGroup",
                        "RevokeSecurityGroupIngress", "DeleteSecurityGroup", "DeleteSecurityGroup");
    }

    @Test
    void deletesOnlyMembersAndListsAGroupTaggedWithTheClusterAsNotAMember() {
        Map<String, String> twoTags = Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER,
                GroupTags.CLUSTER, StackTest.CLUSTER);
        String payments = twin.addGroup("payments-db", vpc, twoTags);
        String misnamed = twin.addGroup(StackTest.CLUSTER + "-db", vpc, GroupTags.ofStackGroup(
                Profiles.NODE_POOL_WORKER, ProfileOptions.defaults(), StackTest.CLUSTER, Layout.NODE_POOL, "db"));
        String otherRole = twin.addGroup(StackTest.CLUSTER + "-agent", vpc, GroupTags.ofStackGroup(
                Profiles.RKE2_AGENT, ProfileOptions.defaults(), StackTest.CLUSTER, Layout.NODE_POOL, "agent"));

        DeleteOutcome plan = deleter().deleteStack(StackTest.CLUSTER, vpc, false);
        assertThat(plan.groups()).as("members").extracting(DeleteOutcome.Doomed::groupName)
                .containsExactlyInAnyOrderElementsOf(stack.groupNames());
        assertThat(plan.spared()).as("not members").extracting(DeleteOutcome.Spared::groupId)
                .containsExactlyInAnyOrder(payments, misnamed, otherRole);

        DeleteOutcome deleted = deleter().deleteStack(StackTest.CLUSTER, vpc, true);

        assertThat(deleted.spared()).as("not members").hasSize(3);
        assertThat(stackGroupsLeft()).as("members left").isZero();
        assertThat(List.of(payments, misnamed, otherRole)).as("groups that are not members")
                .allMatch(twin::exists);
    }

    @Test
    void aMemberWhoseClusterTagIsGoneIsStillAMemberAndTwoMissingTagsLeaveItUnproven() {
        String worker = idOf(stack.group(Roles.WORKER).orElseThrow().name());
        String etcd = idOf(stack.group(Roles.ETCD).orElseThrow().name());
        twin.removeTag(worker, GroupTags.CLUSTER);
        twin.removeTag(etcd, GroupTags.CLUSTER);
        twin.removeTag(etcd, GroupTags.ROLE);

        DeleteOutcome plan = deleter().deleteStack(StackTest.CLUSTER, vpc, false);

        assertThat(plan.groups()).as("members").extracting(DeleteOutcome.Doomed::groupId).contains(worker)
                .doesNotContain(etcd);
        assertThat(plan.groups()).filteredOn(g -> g.groupId().equals(worker)).extracting(DeleteOutcome.Doomed::role)
                .containsExactly(Roles.WORKER);
        assertThat(plan.spared()).as("not provably a member").extracting(DeleteOutcome.Spared::groupId)
                .containsExactly(etcd);
        Map<String, String> before = twin.snapshot();
        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true))
                .as("etcd, not a member, refers to the members").is(refused(Refusal.Code.GROUP_IN_USE));
        assertThat(twin.snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aDeleteEc2RefusesOnTheFirstGroupLeavesTheStackAsItWas() {
        Map<String, String> before = twin.snapshot();
        String first = deleter().deleteStack(StackTest.CLUSTER, vpc, false).groups().get(0).groupId();
        twin.hasHiddenDependent(first, true);

        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true))
                .as("EC2 refuses the first delete")
                .isInstanceOfSatisfying(DeleteRefusedException.class, e -> {
                    assertThat(e.groupId()).isEqualTo(first);
                    assertThat(e.deleted()).as("deleted before").isEmpty();
                })
                .hasMessageContaining("DependencyViolation").hasMessageContaining("the stack is intact");
        assertThat(twin.snapshot()).as("every group and reference as before").isEqualTo(before);

        twin.hasHiddenDependent(first, false);
        deleter().deleteStack(StackTest.CLUSTER, vpc, true);
        assertThat(stackGroupsLeft()).as("groups left").isZero();
    }

    @Test
    void aDeleteEc2RefusesLaterKeepsTheRulesOfTheGroupsLeftAndSaysWhatWasDeleted() {
        List<DeleteOutcome.Doomed> order = deleter().deleteStack(StackTest.CLUSTER, vpc, false).groups();
        String second = order.get(1).groupId();
        String third = order.get(2).groupId();
        List<Rule> thirdBefore = twin.rules(third).stream()
                .filter(r -> !(r.peer() instanceof Peer.Group g && g.groupId().equals(order.get(0).groupId())))
                .toList();
        twin.hasHiddenDependent(second, true);

        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true))
                .isInstanceOfSatisfying(DeleteRefusedException.class,
                        e -> assertThat(e.deleted()).as("deleted before").hasSize(1))
                .hasMessageContaining(order.get(0).groupName()).hasMessageContaining("keep their rules");
        assertThat(twin.exists(second)).as("refused group").isTrue();
        assertThat(twin.rules(third)).as("the third group's rules but those to the deleted one")
                .containsExactlyElementsOf(thirdBefore);
    }

    @Test
    void aGroupOrReferenceAnotherDeleteRemovedFirstCountsAsDone() {
        DeleteOutcome plan = deleter().deleteStack(StackTest.CLUSTER, vpc, false);
        String first = plan.groups().get(0).groupId();
        // The other run deletes the whole stack between this run's checks and its first revoke.
        twin.onCall("RevokeSecurityGroupIngress", 1, t -> new GroupDeleter(t)
                .deleteStack(StackTest.CLUSTER, vpc, true));

        DeleteOutcome deleted = deleter().deleteStack(StackTest.CLUSTER, vpc, true);

        assertThat(deleted.deleted()).as("deleted").isTrue();
        assertThat(twin.exists(first)).as("first group").isFalse();
        assertThat(stackGroupsLeft()).as("groups left").isZero();
    }

    @Test
    void refusesWhileANetworkInterfaceUsesAGroupThenDeletesOnceItIsGone() {
        String eni = twin.addNetworkInterface(true, idOf(stack.group(Roles.WORKER).orElseThrow().name()));
        Map<String, String> before = twin.snapshot();

        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true))
                .as("delete while a network interface uses the worker group")
                .is(refused(Refusal.Code.GROUP_IN_USE)).hasMessageContaining(eni).hasMessageContaining("instance i-");
        assertThat(twin.snapshot()).as("nothing changed").isEqualTo(before);

        twin.removeNetworkInterface(eni);
        assertThat(deleter().deleteStack(StackTest.CLUSTER, vpc, true).deleted()).as("deleted").isTrue();
        assertThat(stackGroupsLeft()).as("groups left").isZero();
    }

    @Test
    void refusesWhileAnOutsideGroupRefersToAGroupNamingTheRule() {
        String worker = idOf(stack.group(Roles.WORKER).orElseThrow().name());
        String outside = twin.addGroup("unit-lb", vpc, Map.of());
        twin.addRule(outside, Rule.ingress(Protocol.TCP, PortRange.of(8080), Peer.group(worker), ""));
        Map<String, String> before = twin.snapshot();

        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true))
                .as("delete while an outside group refers to the worker group")
                .is(refused(Refusal.Code.GROUP_IN_USE))
                .hasMessageContaining("unit-lb").hasMessageContaining("ingress tcp 8080 from " + worker);
        assertThat(twin.snapshot()).as("nothing changed").isEqualTo(before);

        twin.removeRule(outside, Rule.ingress(Protocol.TCP, PortRange.of(8080), Peer.group(worker), ""));
        deleter().deleteStack(StackTest.CLUSTER, vpc, true);
        assertThat(stackGroupsLeft()).as("groups left").isZero();
        assertThat(twin.exists(outside)).as("an untagged group is never deleted").isTrue();
    }

    @Test
    void deletesOnlyThisStacksGroupsAndAnInterruptedDeleteIsFinishedByTheNext() {
        StackSpec other = StackSpec.of("other", Layout.RKE2, StackOptions.defaults());
        reconciler.ensureStack(StackRequest.of(other).withVpcId(vpc));
        twin.onCall("DeleteSecurityGroup", 2, t -> t.deny("DeleteSecurityGroup"));

        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true)).as("the second delete is denied")
                .isInstanceOf(AccessDeniedException.class);
        assertThat(stackGroupsLeft()).as("one group deleted, two left").isEqualTo(2);

        twin.allow("DeleteSecurityGroup");
        DeleteOutcome finished = deleter().deleteStack(StackTest.CLUSTER, vpc, true);
        assertThat(finished.groups()).as("groups the next run deletes").hasSize(2);
        assertThat(stackGroupsLeft()).as("groups left").isZero();
        assertThat(other.groupNames()).as("the other stack is untouched")
                .allSatisfy(n -> assertThat(twin.idOf(n, vpc)).isPresent());
    }

    @Test
    void aLostAnswerToADeleteIsFinishedByTheNext() {
        twin.loseAnswer("DeleteSecurityGroup", 1);

        assertThatThrownBy(() -> deleter().deleteStack(StackTest.CLUSTER, vpc, true))
                .as("the first delete's answer is lost")
                .isInstanceOf(EndpointUnreachableException.class);

        deleter().deleteStack(StackTest.CLUSTER, vpc, true);
        assertThat(stackGroupsLeft()).as("groups left").isZero();
    }

    @Test
    void deletesOneManagedGroupAndRefusesOneItDidNotMake() {
        reconciler.ensure(request());
        String byHand = twin.addGroup("by-hand", vpc, Map.of());

        assertThatThrownBy(() -> deleter().deleteGroup("by-hand", vpc, true)).as("delete of a group made by hand")
                .is(refused(Refusal.Code.NOT_MANAGED));
        assertThat(twin.exists(byHand)).as("not deleted").isTrue();

        assertThat(deleter().deleteGroup(name, vpc, false).deleted()).as("a plan deletes nothing").isFalse();
        assertThat(twin.idOf(name, vpc)).as("still there").isPresent();
        assertThat(deleter().deleteGroup(name, vpc, true).groups()).as("deleted").hasSize(1);
        assertThat(twin.idOf(name, vpc)).as("gone").isEmpty();
        assertThat(deleter().deleteGroup(name, vpc, true).groups()).as("deleting what is gone").isEmpty();
    }

    @Test
    void withoutAVpcIdDeletesInTheDefaultVpc() {
        DeleteOutcome deleted = deleter().deleteStack(StackTest.CLUSTER, null, true);

        assertThat(deleted.vpcId()).as("VPC").isEqualTo(vpc);
        assertThat(deleted.apiCalls()).as("calls").containsEntry("DescribeVpcs", 1);
        assertThat(stackGroupsLeft()).as("groups left").isZero();
    }
}
