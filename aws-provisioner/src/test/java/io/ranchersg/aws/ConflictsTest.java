package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Rule;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * Ensure meeting other writers and lost answers on the in-memory EC2: a conflict means reading
 * again and deciding again, never writing what was not planned; an interrupted run is finished by
 * the next.
 */
class ConflictsTest extends OnTheTwin {

    @Test
    void anotherRunCreatesTheGroupBetweenOurReadAndOurCreate() {
        twin.onCall("CreateSecurityGroup", 1, t -> t.addGroup(name, vpc, request().spec().tags()));

        Outcome outcome = reconciler.ensure(request());

        assertThat(outcome.created()).as("created by this run").isFalse();
        assertThat(outcome.groupId()).as("the other run's group").isEqualTo(idOf(name));
        assertThat(outcome.apiCalls()).as("create answered Duplicate: read again, then authorize").isEqualTo(Map.of(
                "DescribeSecurityGroups", 2, "DescribeVpcs", 1, "CreateSecurityGroup", 1,
                "AuthorizeSecurityGroupIngress", 1));
        assertThat(twin.groupCount(vpc)).as("the default group and one of that name").isEqualTo(2);
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void aGroupMadeByHandBetweenOurReadAndOurCreateIsRefusedAndLeftAlone() {
        twin.onCall("CreateSecurityGroup", 1, t -> t.addGroup(name, vpc, Map.of("team", "network")));

        assertThatThrownBy(() -> reconciler.ensure(request())).as("the group made by hand is read again and refused")
                .is(refused(Refusal.Code.NOT_MANAGED));
        assertThat(held()).as("only EC2's outbound rule").hasSize(1);
        assertThat(twin.tags(idOf(name))).as("tags").doesNotContainKey(GroupTags.MANAGED_BY);
    }

    @Test
    void anotherWriterAddsARuleBeforeOurAuthorize() {
        String id = reconciler.ensure(request()).groupId();
        twin.removeRule(id, world(22));
        twin.removeRule(id, world(443));
        twin.onCall("AuthorizeSecurityGroupIngress", 1, t -> t.addRule(id, ruleOf(request(), world(22))));

        Outcome outcome = reconciler.ensure(request());

        assertThat(outcome.apiCalls()).as("Duplicate: read again, then authorize what is still missing")
                .isEqualTo(Map.of("DescribeSecurityGroups", 2, "AuthorizeSecurityGroupIngress", 2));
        assertThat(outcome.authorized()).as("authorized by this run").extracting(Rule::key)
                .containsExactly(world(443).key());
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void aRuleToPruneThatAnotherWriterRevokedFirstIsNotRevokedAgain() {
        String id = reconciler.ensure(request()).groupId();
        twin.addRule(id, byHand(9999));
        twin.onCall("RevokeSecurityGroupIngress", 1, t -> t.removeRule(id, byHand(9999)));

        Outcome outcome = reconciler.ensure(request().withPrune(true));

        assertThat(outcome.apiCalls()).as("the rule was gone: read again, nothing left to do")
                .isEqualTo(Map.of("DescribeSecurityGroups", 2, "RevokeSecurityGroupIngress", 1));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void aRuleWhoseDescriptionIsRestoredDisappearsAndIsAuthorizedInstead() {
        String id = reconciler.ensure(request()).groupId();
        twin.addRule(id, ruleOf(request(), world(443)).withDescription("edited"));
        twin.onCall("UpdateSecurityGroupRuleDescriptionsIngress", 1, t -> t.removeRule(id, world(443)));

        Outcome outcome = reconciler.ensure(request());

        assertThat(outcome.apiCalls()).as("read again after the update found no rule").isEqualTo(Map.of(
                "DescribeSecurityGroups", 2, "UpdateSecurityGroupRuleDescriptionsIngress", 1,
                "AuthorizeSecurityGroupIngress", 1));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void anotherWriterThatNeverStopsEndsTheRunAfterEightRoundsWithNothingUnplannedWritten() {
        String id = reconciler.ensure(request()).groupId();
        List<Rule> inbound = request().spec().ingress();
        inbound.forEach(r -> twin.removeRule(id, r));
        for (int call = 1; call <= Executor.MAX_ROUNDS; call++) {
            Rule rule = inbound.get(call - 1);
            twin.onCall("AuthorizeSecurityGroupIngress", call, t -> t.addRule(id, rule));
        }

        assertThatThrownBy(() -> reconciler.ensure(request())).as("a writer conflicting in every round")
                .isInstanceOf(Ec2CallException.class)
                .hasMessageContaining("did not converge in " + Executor.MAX_ROUNDS + " rounds");
        assertThat(held()).as("only the profile's rules").isSubsetOf(expected(request()));
        assertThat(reconciler.ensure(request()).inSync()).as("finished by the next run").isTrue();
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void aLostAnswerToTheAuthorizeIsFinishedByARerunThatOnlyReads() {
        twin.loseAnswer("AuthorizeSecurityGroupIngress", 1);

        assertThatThrownBy(() -> reconciler.ensure(request())).as("the authorize's answer is lost")
                .isInstanceOf(EndpointUnreachableException.class);
        assertThat(held()).as("written all the same").isEqualTo(expected(request()));

        Outcome rerun = reconciler.ensure(request());
        assertThat(rerun.apiCalls()).as("calls of the re-run").isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(rerun.inSync()).as("in sync").isTrue();
    }

    @Test
    void aLostAnswerToTheCreateIsFinishedByARerunOnTheSameGroup() {
        twin.loseAnswer("CreateSecurityGroup", 1);

        assertThatThrownBy(() -> reconciler.ensure(request())).as("the create's answer is lost")
                .isInstanceOf(EndpointUnreachableException.class);
        String id = idOf(name);

        Outcome rerun = reconciler.ensure(request());
        assertThat(rerun.groupId()).as("the group made before, never made again").isEqualTo(id);
        assertThat(rerun.apiCalls()).as("calls of the re-run")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "AuthorizeSecurityGroupIngress", 1));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void aLostAnswerToAPruneIsFinishedByARerunThatOnlyReads() {
        String id = reconciler.ensure(request()).groupId();
        twin.addRule(id, byHand(9999));
        twin.loseAnswer("RevokeSecurityGroupIngress", 1);

        assertThatThrownBy(() -> reconciler.ensure(request().withPrune(true))).as("the revoke's answer is lost")
                .isInstanceOf(EndpointUnreachableException.class);

        Outcome rerun = reconciler.ensure(request().withPrune(true));
        assertThat(rerun.writeCalls()).as("writes of the re-run").isZero();
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void aRunStoppedBetweenAuthorizeAndRevokeHasAddedWhatWasMissingAndKeptTheExtra() {
        String id = reconciler.ensure(request()).groupId();
        twin.removeRule(id, world(22));
        twin.addRule(id, byHand(9999));
        twin.deny("RevokeSecurityGroupIngress");

        assertThatThrownBy(() -> reconciler.ensure(request().withPrune(true)))
                .as("the revoke is denied after the authorize")
                .isInstanceOf(AccessDeniedException.class);
        assertThat(held()).as("access never lost: the missing rule first").containsAll(expected(request()))
                .contains(byHand(9999));

        twin.allow("RevokeSecurityGroupIngress");
        reconciler.ensure(request().withPrune(true));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void eightConcurrentEnsuresOfOneNewGroupMakeOneGroup() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Outcome> outcomes = new ArrayList<>();
        try {
            List<Callable<Outcome>> runs = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(() -> new Reconciler(twin).ensure(request()));
            }
            for (Future<Outcome> run : pool.invokeAll(runs)) {
                outcomes.add(run.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(outcomes).as("one group id").extracting(Outcome::groupId).containsOnly(idOf(name));
        assertThat(outcomes).as("created once").filteredOn(Outcome::created).hasSize(1);
        assertThat(twin.groupCount(vpc)).as("the default group and one of that name").isEqualTo(2);
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    /**
     * After CreateSecurityGroup answers InvalidGroup.Duplicate, reads that do not show the other
     * run's group yet are waited for ({@link Ec2Gateway#settle}) instead of spending every round on
     * another create: the group the other run made is then repaired.
     */
    @Test
    void aGroupAnotherRunCreatedThatReadsDoNotShowYetIsWaitedFor() {
        twin.onCall("CreateSecurityGroup", 1, t -> t.readsLag(t.addGroup(name, vpc, request().spec().tags()), 1));

        Outcome outcome = reconciler.ensure(request());

        assertThat(outcome.groupId()).as("the other run's group").isEqualTo(idOf(name));
        assertThat(twin.settles()).as("waited for reads to catch up").isPositive();
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    /**
     * A known limitation, kept visible here until it is fixed (Reconcile.existing: only a group this
     * run created prunes EC2's defaults): a group whose create answer was lost (or whose run stopped before its revoke), in a VPC
     * with an IPv6 block, keeps EC2's outbound rule to ::/0 after the re-run: the re-run did not
     * create it, so that rule, which nobody chose, counts as the user's own and stays without prune.
     * The same group finished by an uninterrupted run holds exactly its profile.
     */
    @Disabled("known limitation: an interrupted create in an IPv6 VPC keeps EC2's ::/0 outbound rule until"
            + " ensure --prune; telling it from a rule added by hand needs a marker the create call cannot leave")
    @Test
    void aLostAnswerToTheCreateInAnIpv6VpcIsFinishedExactlyByARerun() {
        String ipv6Vpc = twin.addVpc(true);
        GroupRequest request = request().withVpcId(ipv6Vpc);
        twin.loseAnswer("CreateSecurityGroup", 1);
        assertThatThrownBy(() -> reconciler.ensure(request)).as("the create's answer is lost")
                .isInstanceOf(EndpointUnreachableException.class);

        Outcome rerun = reconciler.ensure(request);

        assertThat(rerun.inSync()).as("in sync after the re-run: " + rerun.drift()).isTrue();
        assertThat(twin.rules(rerun.groupId())).as("rules in EC2").isEqualTo(expected(request))
                .doesNotContain(ipv6Egress());
    }
}
