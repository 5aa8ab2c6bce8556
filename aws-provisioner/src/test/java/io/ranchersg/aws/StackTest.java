package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cluster stacks on the in-memory EC2: every group made before any rule refers to it, so that the
 * references' cycles need nothing special; call budgets; repair, prune, refusals and interrupted
 * runs. Oracles read the twin's state.
 */
class StackTest extends OnTheTwin {

    static final String CLUSTER = "unit";

    static StackSpec nodePool() {
        return StackSpec.of(CLUSTER, Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.2.0.0/16")));
    }

    StackRequest stack() {
        return StackRequest.of(nodePool()).withVpcId(vpc);
    }

    /** Every group of the stack exists once and holds exactly its profile, peers named by their ids. */
    void assertExact(StackSpec stack) {
        for (StackGroup group : stack.groups()) {
            assertThat(twin.rules(idOf(group.name()))).as("rules of %s in EC2", group.role())
                    .isEqualTo(twin.expected(group.spec(), vpc));
        }
        assertThat(twin.groupCount(vpc)).as("the default group and the stack's").isEqualTo(stack.groups().size() + 1);
    }

    String idOfRole(String role) {
        return idOf(nodePool().group(role).orElseThrow().name());
    }

    @Test
    void aMemberTagRemovedByHandIsShownByPlanAndCheckAndWrittenAndReportedByEnsure() {
        reconciler.ensureStack(stack());
        String worker = idOfRole(Roles.WORKER);
        twin.removeTag(worker, io.ranchersg.core.GroupTags.CLUSTER);
        Map<String, String> before = twin.snapshot();
        Map<String, String> missing = Map.of(io.ranchersg.core.GroupTags.CLUSTER, CLUSTER);

        StackOutcome plan = reconciler.planStack(stack());
        StackOutcome check = reconciler.checkStack(stack());

        assertThat(plan.of(Roles.WORKER).actions().tagged()).as("plan: tags ensure would write").isEqualTo(missing);
        assertThat(plan.of(Roles.WORKER).actions().any()).as("plan: a change").isTrue();
        assertThat(check.of(Roles.WORKER).drift().tags()).as("check: tags missing").isEqualTo(missing);
        assertThat(check.inSync()).as("check: in sync").isFalse();
        assertThat(plan.of(Roles.ETCD).actions().any()).as("plan: the other groups").isFalse();
        assertThat(twin.snapshot()).as("plan and check change nothing").isEqualTo(before);

        StackOutcome ensured = reconciler.ensureStack(stack());

        assertThat(ensured.of(Roles.WORKER).actions().tagged()).as("ensure: tags written").isEqualTo(missing);
        assertThat(twin.tags(worker)).as("tags in EC2").containsEntry(io.ranchersg.core.GroupTags.CLUSTER, CLUSTER);
        assertThat(reconciler.checkStack(stack()).inSync()).as("check after ensure").isTrue();
        assertThat(reconciler.planStack(stack()).groups()).as("plan after ensure")
                .allSatisfy(m -> assertThat(m.outcome().actions().any()).as(m.role()).isFalse());
    }

    @Test
    void createsAThreeGroupStackWithItsCyclesFromNothingInEightCallsSixOfThemWrites() {
        StackOutcome created = reconciler.ensureStack(stack());

        assertThat(created.inSync()).as("in sync after create").isTrue();
        assertThat(created.apiCalls()).as("calls for a stack from nothing").isEqualTo(Map.of(
                "DescribeSecurityGroups", 1, "DescribeVpcs", 1, "CreateSecurityGroup", 3,
                "AuthorizeSecurityGroupIngress", 3));
        assertThat(created.writeCalls()).as("writes").isEqualTo(6);
        assertExact(nodePool());
        String etcd = idOfRole(Roles.ETCD);
        String controlplane = idOfRole(Roles.CONTROLPLANE);
        assertThat(twin.rules(etcd)).as("etcd accepts 2379 from controlplane")
                .anyMatch(r -> r.ports().equals(PortRange.of(2379)) && r.peer().equals(Peer.group(controlplane)));
        assertThat(twin.rules(controlplane)).as("controlplane accepts 6443 from etcd: a cycle")
                .anyMatch(r -> r.ports().equals(PortRange.of(6443)) && r.peer().equals(Peer.group(etcd)));
    }

    @Test
    void aStackInSyncCostsOneReadAndNoWrite() {
        reconciler.ensureStack(stack());
        Map<String, String> before = twin.snapshot();

        StackOutcome again = reconciler.ensureStack(stack());

        assertThat(again.apiCalls()).as("calls").isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(again.groups()).as("actions").allSatisfy(m -> assertThat(m.outcome().actions().any()).isFalse());
        assertThat(twin.snapshot()).as("EC2 after a no-op").isEqualTo(before);
    }

    @Test
    void aCrossReferenceRevokedByHandIsFoundByCheckAndRestoredInOneAuthorize() {
        reconciler.ensureStack(stack());
        String etcd = idOfRole(Roles.ETCD);
        Rule fromControlplane = twin.rules(etcd).stream()
                .filter(r -> r.peer().equals(Peer.group(idOfRole(Roles.CONTROLPLANE))))
                .filter(r -> r.ports().equals(PortRange.of(2379))).findFirst().orElseThrow();
        twin.removeRule(etcd, fromControlplane);

        StackOutcome check = reconciler.checkStack(stack());
        assertThat(check.of(Roles.ETCD).drift().missing()).as("missing on etcd").containsExactly(fromControlplane);
        assertThat(check.of(Roles.WORKER).inSync()).as("worker in sync").isTrue();
        assertThat(readsOnly(check.apiCalls())).as("a check reads only").isTrue();

        StackOutcome repaired = reconciler.ensureStack(stack());
        assertThat(repaired.apiCalls()).as("one read and one authorize")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "AuthorizeSecurityGroupIngress", 1));
        assertExact(nodePool());
    }

    @Test
    void extrasAreKeptUnlessPruned() {
        reconciler.ensureStack(stack());
        String worker = idOfRole(Roles.WORKER);
        twin.addRule(worker, byHand(9999));

        assertThat(reconciler.ensureStack(stack()).of(Roles.WORKER).drift().extra()).as("kept as extra")
                .containsExactly(byHand(9999));
        assertThat(twin.rules(worker)).as("still in EC2").contains(byHand(9999));

        StackOutcome pruned = reconciler.ensureStack(stack().withPrune(true));
        assertThat(pruned.of(Roles.WORKER).revoked()).as("revoked").containsExactly(byHand(9999));
        assertExact(nodePool());
    }

    @Test
    void aGroupOfTheStackNotMadeByRancherSgIsRefusedBeforeAnythingIsCreated() {
        String worker = nodePool().group(Roles.WORKER).orElseThrow().name();
        twin.addGroup(worker, vpc, Map.of("team", "network"));

        assertThatThrownBy(() -> reconciler.ensureStack(stack())).as("a stack group made by hand")
                .is(refused(Refusal.Code.NOT_MANAGED))
                .hasMessageContaining(worker);
        assertThat(twin.groupCount(vpc)).as("no other group created").isEqualTo(2);

        assertThat(reconciler.ensureStack(stack().withAdopt(true)).inSync()).as("adopted").isTrue();
        assertExact(nodePool());
    }

    @Test
    void aRefusalThatAnotherRunBringsAfterTheFirstCreateRemovesTheGroupsThisRunMade() {
        // While our creates run, another run makes the worker group (the layout's last) with other options.
        String worker = nodePool().group(Roles.WORKER).orElseThrow().name();
        twin.onCall("CreateSecurityGroup", 2, t -> t.addGroup(worker, vpc, GroupTags.of("rancher-nodes",
                ProfileOptions.defaults().withGroupName(worker))));

        assertThatThrownBy(() -> reconciler.ensureStack(stack())).as("the other run's group is made otherwise")
                .is(refused(Refusal.Code.RECONFIGURE))
                .hasMessageContaining(worker);
        assertThat(twin.groupCount(vpc)).as("the default group and the other run's; ours removed again")
                .isEqualTo(2);
        assertThat(twin.calls().calls()).as("both creates undone").containsEntry("DeleteSecurityGroup", 2)
                .doesNotContainKey("AuthorizeSecurityGroupIngress");
    }

    @Test
    void planShowsWhatEnsureDoesWithTheNewGroupsByNameAndAPlanAfterIsEmpty() {
        StackOutcome plan = reconciler.planStack(stack());
        assertThat(twin.groupCount(vpc)).as("a plan creates nothing").isEqualTo(1);

        StackOutcome ensure = reconciler.ensureStack(stack());

        PlanAssertions.assertEnsureDidWhatPlanShowed(plan, ensure);
        assertThat(reconciler.planStack(stack()).groups()).as("a plan after ensure")
                .allSatisfy(m -> assertThat(m.outcome().actions().any()).isFalse());
    }

    @Test
    void aRunStoppedBetweenCreatesIsFinishedByTheNext() {
        twin.onCall("CreateSecurityGroup", 2, t -> t.deny("CreateSecurityGroup"));

        assertThatThrownBy(() -> reconciler.ensureStack(stack())).as("the second create is denied")
                .isInstanceOf(AccessDeniedException.class);
        assertThat(twin.groupCount(vpc)).as("one group made").isEqualTo(2);

        twin.allow("CreateSecurityGroup");
        StackOutcome finished = reconciler.ensureStack(stack());
        assertThat(finished.inSync()).as("in sync").isTrue();
        assertExact(nodePool());
    }

    @Test
    void aRunStoppedBetweenAuthorizesIsFinishedByTheNext() {
        twin.onCall("AuthorizeSecurityGroupIngress", 2, t -> t.deny("AuthorizeSecurityGroupIngress"));

        assertThatThrownBy(() -> reconciler.ensureStack(stack())).as("the second authorize is denied")
                .isInstanceOf(AccessDeniedException.class);
        assertThat(reconciler.checkStack(stack()).inSync()).as("half done").isFalse();

        twin.allow("AuthorizeSecurityGroupIngress");
        assertThat(reconciler.ensureStack(stack()).inSync()).as("finished").isTrue();
        assertExact(nodePool());
    }

    @Test
    void aLostAnswerToTheSecondCreateIsFinishedByTheNextRun() {
        twin.loseAnswer("CreateSecurityGroup", 2);

        assertThatThrownBy(() -> reconciler.ensureStack(stack())).as("the second create's answer is lost")
                .isInstanceOf(EndpointUnreachableException.class);

        StackOutcome finished = reconciler.ensureStack(stack());
        assertThat(finished.inSync()).as("in sync").isTrue();
        assertExact(nodePool());
    }

    @Test
    void aScanChecksEveryStackGroupInOneReadFindingTheirPeersInTheSameList() {
        reconciler.ensureStack(stack());
        Map<String, Integer> before = twin.calls().calls();

        List<GroupCheck> checks = reconciler.checkManaged();

        assertThat(twin.calls().calls().get("DescribeSecurityGroups") - before.get("DescribeSecurityGroups"))
                .as("one read for the region").isEqualTo(1);
        assertThat(twin.calls().calls()).as("no other call").hasSameSizeAs(before);
        assertThat(checks).as("checks").hasSize(3).allSatisfy(c -> assertThat(c).isInstanceOfSatisfying(
                GroupCheck.Checked.class, ch -> {
                    assertThat(ch.stack().cluster()).as("cluster").isEqualTo(CLUSTER);
                    assertThat(ch.outcome().inSync()).as("%s in sync", ch.outcome().groupName()).isTrue();
                }));
    }

    @Test
    void theRke2AgentGroupNeverOpensEtcdTheApiOrTheSupervisor() {
        StackSpec rke2 = StackSpec.of(CLUSTER, Layout.RKE2, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16")).withPeer(Roles.WORKLOAD_CLIENTS,
                        Peer.cidr("10.2.0.0/16")));

        assertThat(reconciler.ensureStack(StackRequest.of(rke2).withVpcId(vpc)).inSync()).as("in sync").isTrue();

        assertExact(rke2);
        assertThat(twin.rules(idOf(CLUSTER + "-agent"))).as("agent's inbound rules")
                .filteredOn(r -> r.ports() != null)
                .noneMatch(r -> r.ports().from() <= 2381 && r.ports().to() >= 2379)
                .noneMatch(r -> r.ports().from() <= 6443 && r.ports().to() >= 6443)
                .noneMatch(r -> r.ports().from() <= 9345 && r.ports().to() >= 9345);
    }
}
