package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One group through the public {@link Reconciler} API on the in-memory EC2: create, no-op, repair of
 * each kind of drift, prune, check and plan. Oracles read the twin's state; call budgets are those
 * the end-to-end tests hold against the emulator.
 */
class ReconcilerTest extends OnTheTwin {

    @Test
    void createsTheGroupFromNothingInFourCalls() {
        Outcome created = reconciler.ensure(request());

        assertThat(created.created()).as("created").isTrue();
        assertThat(created.inSync()).as("in sync after create").isTrue();
        assertThat(created.groupId()).as("the id EC2 gave it").isEqualTo(idOf(name));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
        assertThat(twin.tags(created.groupId())).as("tags written in the create call")
                .containsEntry(GroupTags.MANAGED_BY, GroupTags.MANAGER)
                .containsEntry(GroupTags.PROFILE, "rancher-nodes").containsKey(GroupTags.VERSION);
        assertThat(created.apiCalls()).as("calls to create with a VPC id").isEqualTo(Map.of(
                "DescribeSecurityGroups", 1, "DescribeVpcs", 1, "CreateSecurityGroup", 1,
                "AuthorizeSecurityGroupIngress", 1));
    }

    @Test
    void aGroupInSyncCostsOneReadAndNoWrite() {
        String id = reconciler.ensure(request()).groupId();
        Map<String, String> before = twin.snapshot();

        Outcome again = reconciler.ensure(request());

        assertThat(again.apiCalls()).as("calls of a no-op ensure").isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(again.groupId()).as("the same group").isEqualTo(id);
        assertThat(again.actions().any()).as("actions").isFalse();
        assertThat(twin.snapshot()).as("EC2 after a no-op").isEqualTo(before);
    }

    @Test
    void withoutAVpcIdWorksInTheDefaultVpcForOneReadMore() {
        GroupRequest request = GroupRequest.rancherNodes().withGroupName(name);

        Outcome created = reconciler.ensure(request);
        Outcome again = reconciler.ensure(request);

        assertThat(created.vpcId()).as("VPC").isEqualTo(vpc);
        assertThat(created.totalCalls()).as("calls to create without a VPC id").isEqualTo(4);
        assertThat(again.apiCalls()).as("calls of a no-op without a VPC id")
                .isEqualTo(Map.of("DescribeVpcs", 1, "DescribeSecurityGroups", 1));
    }

    @Test
    void reAddsRuleRevokedByHand() {
        reconciler.ensure(request());
        twin.removeRule(idOf(name), world(6443));

        Outcome repaired = reconciler.ensure(request());

        assertThat(repaired.authorized()).as("authorized").extracting(Rule::ports).containsExactly(PortRange.of(6443));
        assertThat(repaired.apiCalls()).as("calls of a repair")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "AuthorizeSecurityGroupIngress", 1));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void reAddsSelfReferenceRevokedByHand() {
        reconciler.ensure(request());
        Rule vxlan = request().spec().rules().stream()
                .filter(r -> r.peer() instanceof Peer.Self && r.ports().equals(PortRange.of(8472))).findFirst()
                .orElseThrow();
        twin.removeRule(idOf(name), vxlan);

        Outcome repaired = reconciler.ensure(request());

        assertThat(repaired.authorized()).as("authorized").containsExactly(vxlan);
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void restoresADescriptionChangedByHand() {
        reconciler.ensure(request());
        Rule ssh = ruleOf(request(), world(22));
        twin.addRule(idOf(name), ssh.withDescription("edited by hand"));

        Outcome repaired = reconciler.ensure(request());

        assertThat(repaired.updated()).as("updated").extracting(DescriptionChange::after).containsExactly(ssh);
        assertThat(repaired.apiCalls()).as("calls").isEqualTo(Map.of("DescribeSecurityGroups", 1,
                "UpdateSecurityGroupRuleDescriptionsIngress", 1));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void keepsARuleAddedByHandAndRevokesItOnlyWithPrune() {
        reconciler.ensure(request());
        twin.addRule(idOf(name), byHand(3306));

        Outcome kept = reconciler.ensure(request());
        assertThat(kept.writeCalls()).as("writes without prune").isZero();
        assertThat(kept.drift().extra()).as("reported as extra").containsExactly(byHand(3306));
        assertThat(held()).as("rules without prune").contains(byHand(3306));

        Outcome pruned = reconciler.ensure(request().withPrune(true));
        assertThat(pruned.revoked()).as("revoked").containsExactly(byHand(3306));
        assertThat(pruned.apiCalls()).as("calls of a prune")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "RevokeSecurityGroupIngress", 1));
        assertThat(held()).as("rules after prune").isEqualTo(expected(request()));
    }

    @Test
    void repairsEveryKindOfDriftInOneCallPerKindAuthorizingBeforeRevoking() {
        reconciler.ensure(request());
        String id = idOf(name);
        twin.removeRule(id, world(80));
        twin.addRule(id, ruleOf(request(), world(443)).withDescription("edited by hand"));
        twin.addRule(id, byHand(9999));
        int before = twin.journal().size();

        Outcome repaired = reconciler.ensure(request().withPrune(true));

        assertThat(repaired.apiCalls()).as("one read and one call per kind of change").isEqualTo(Map.of(
                "DescribeSecurityGroups", 1, "AuthorizeSecurityGroupIngress", 1,
                "UpdateSecurityGroupRuleDescriptionsIngress", 1, "RevokeSecurityGroupIngress", 1));
        assertThat(twin.journal().subList(before, twin.journal().size())).as("order of the writes")
                .containsExactly("DescribeSecurityGroups", "AuthorizeSecurityGroupIngress",
                        "UpdateSecurityGroupRuleDescriptionsIngress", "RevokeSecurityGroupIngress");
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void checkReportsDriftAndOnlyReads() {
        Map<String, String> before = drifted(world(6443), byHand(3306));

        Outcome check = reconciler.check(request().withPrune(true));

        assertThat(check.inSync()).as("in sync").isFalse();
        assertThat(check.drift().missing()).as("missing").extracting(Rule::ports).containsExactly(PortRange.of(6443));
        assertThat(check.drift().extra()).as("extra").containsExactly(byHand(3306));
        assertThat(check.actions().any()).as("a check acts on nothing").isFalse();
        assertThat(readsOnly(check.apiCalls())).as("reads only: " + check.apiCalls()).isTrue();
        assertThat(twin.snapshot()).as("EC2 after a check").isEqualTo(before);
    }

    @Test
    void checkOfAMissingGroupReportsEverythingMissingAndCreatesNothing() {
        Outcome check = reconciler.check(request());

        assertThat(check.exists()).as("exists").isFalse();
        assertThat(check.drift().missing()).as("missing: all but the outbound rule EC2 gives every group")
                .containsExactlyInAnyOrderElementsOf(request().spec().ingress());
        assertThat(readsOnly(check.apiCalls())).as("reads only: " + check.apiCalls()).isTrue();
        assertThat(twin.idOf(name, vpc)).as("no group made").isEmpty();
    }

    @Test
    void planOfANewGroupShowsTheCreateAndItsRulesAndWritesNothing() {
        Outcome plan = reconciler.plan(request());

        assertThat(plan.created()).as("would create").isTrue();
        assertThat(plan.authorized()).as("would authorize").hasSize(12);
        assertThat(readsOnly(plan.apiCalls())).as("reads only: " + plan.apiCalls()).isTrue();
        assertThat(twin.idOf(name, vpc)).as("no group made").isEmpty();
    }

    @Test
    void planWithPreflightSendsItsWritesAsDryRunsOnly() {
        Map<String, String> before = drifted(world(22), byHand(3306));

        Outcome plan = reconciler.plan(request().withPrune(true).withPreflight(true));

        assertThat(plan.apiCalls()).as("calls of a preflighted plan").isEqualTo(Map.of("DescribeSecurityGroups", 1,
                "AuthorizeSecurityGroupIngress", 1, "RevokeSecurityGroupIngress", 1));
        assertThat(twin.snapshot()).as("EC2 after the DryRuns").isEqualTo(before);
    }

    @Test
    void aGroupMadeInAVpcWithAnIpv6BlockLosesEc2sIpv6OutboundRule() {
        String ipv6Vpc = twin.addVpc(true);
        GroupRequest request = request().withVpcId(ipv6Vpc);

        Outcome created = reconciler.ensure(request);

        assertThat(created.revoked()).as("EC2's ::/0 outbound rule, which rancher-nodes lacks")
                .containsExactly(ipv6Egress());
        assertThat(created.apiCalls()).as("calls").containsEntry("RevokeSecurityGroupEgress", 1);
        assertThat(twin.rules(created.groupId())).as("rules in EC2").isEqualTo(expected(request));
        assertThat(reconciler.check(request).inSync()).as("in sync after create").isTrue();
    }

    @Test
    void opensIpv6TwinsInAVpcWithAnIpv6BlockWhenAsked() {
        String ipv6Vpc = twin.addVpc(true);
        GroupRequest request = request().withVpcId(ipv6Vpc).withOptions(request().options().withIpv6(true));

        Outcome created = reconciler.ensure(request);

        assertThat(twin.rules(created.groupId())).as("rules in EC2").isEqualTo(expected(request))
                .filteredOn(r -> r.peer().equals(Peer.Cidr.ANY_IPV6)).hasSize(8);
        assertThat(created.revoked()).as("EC2's ::/0 outbound rule is the profile's own").isEmpty();
    }

    @Test
    void aGroupOfTheSameNameInAnotherVpcIsAnotherGroup() {
        String other = twin.addVpc(false);
        String inDefault = reconciler.ensure(request()).groupId();

        Outcome inOther = reconciler.ensure(request().withVpcId(other));

        assertThat(inOther.created()).as("created in the other VPC").isTrue();
        assertThat(inOther.groupId()).as("another group").isNotEqualTo(inDefault);
        assertThat(twin.groupCount(other)).as("the VPC's default group and the new one").isEqualTo(2);
    }

    @Test
    void neverTakesAnotherGroupForOneWithAWildcardInItsName() {
        String other = reconciler.ensure(request().withGroupName(name + "-a")).groupId();
        List<Rule> otherRules = twin.rules(other);

        Outcome starred = reconciler.ensure(request().withGroupName(name + "*").withPrune(true));

        assertThat(starred.groupId()).as("a group of its own").isNotEqualTo(other);
        assertThat(twin.rules(other)).as("the other group is untouched").isEqualTo(otherRules);
    }

    @Test
    void waitsOutANewGroupThatWritesDoNotSeeYet() {
        twin.writesLagAfterCreate(2);

        Outcome created = reconciler.ensure(request());

        assertThat(created.apiCalls()).as("authorize tried until the group is visible")
                .containsEntry("AuthorizeSecurityGroupIngress", 3);
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }
}
