package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.Severity;
import io.ranchersg.core.Warning;
import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What ensure refuses before its first write, what a plan shows of it, and what the user says to go
 * ahead all the same; on the in-memory EC2, whose state is the oracle for "nothing was written".
 */
class RefusalsTest extends OnTheTwin {

    private GroupRequest etcdWithController(Peer controlplane) {
        ProfileOptions options = ProfileOptions.defaults().withGroupName(name)
                .withPeer("controlplane", controlplane).withPeer("worker", Peer.cidr("10.2.0.0/16"))
                .withPeer("rancher", Peer.cidr("10.1.0.0/16"));
        return GroupRequest.forProfile("node-pool-etcd", options).withVpcId(vpc);
    }

    /** A group of {@link #name} that someone made by hand, holding one rule of its own. */
    private String madeByHand() {
        String id = twin.addGroup(name, vpc, Map.of("team", "network"));
        twin.addRule(id, byHand(5432));
        return id;
    }

    @Test
    void refusesAGroupItDidNotMakeAndWritesNothing() {
        madeByHand();
        Map<String, String> before = twin.snapshot();

        assertThatThrownBy(() -> reconciler.ensure(request())).as("ensure of a group made by hand")
                .is(refused(Refusal.Code.NOT_MANAGED))
                .hasMessageContaining(idOf(name));
        assertThat(twin.snapshot()).as("nothing written").isEqualTo(before);
        assertThat(reconciler.plan(request()).warnings()).as("a plan shows what ensure will refuse")
                .extracting(Warning::code).containsExactly(Warning.NEEDS_ADOPT);
    }

    @Test
    void adoptsAGroupWhenToldTaggingItOnceItsRulesAreIn() {
        String id = madeByHand();

        Outcome adopted = reconciler.ensure(request().withAdopt(true));

        assertThat(adopted.managed()).as("managed").isTrue();
        assertThat(GroupTags.isManaged(twin.tags(id))).as("tagged in EC2").isTrue();
        assertThat(twin.tags(id)).as("its own tags kept").containsEntry("team", "network");
        assertThat(held()).as("the profile and the user's own rule, kept without prune")
                .containsAll(expected(request())).contains(byHand(5432));
        assertThat(twin.journal()).as("tags written after the rules")
                .endsWith("AuthorizeSecurityGroupIngress", "CreateTags");
        assertThat(reconciler.ensure(request()).writeCalls()).as("writes once adopted").isZero();
    }

    @Test
    void anAdoptedGroupThatEc2RefusesToExtendIsNotLeftMarkedAsOurs() {
        String id = madeByHand();
        twin.quota(new RuleQuota(5, 60));

        assertThatThrownBy(() -> reconciler.ensure(request().withAdopt(true))).as("EC2's quota is lower than asked")
                .is(refused(Refusal.Code.QUOTA));
        assertThat(GroupTags.isManaged(twin.tags(id))).as("not tagged as rancher-sg's").isFalse();
        assertThatThrownBy(() -> reconciler.ensure(request())).as("still not ours without adopt")
                .is(refused(Refusal.Code.NOT_MANAGED));
    }

    @Test
    void refusesToChangeWhatAGroupWasMadeForUnlessToldToReconfigure() {
        GroupRequest locked = request().withOptions(request().options().withOpenTo(List.of("10.0.0.0/8")));
        String id = reconciler.ensure(locked).groupId();
        Map<String, String> before = twin.snapshot();

        assertThatThrownBy(() -> reconciler.ensure(request()))
                .as("ensure with other options than the group was made with")
                .is(refused(Refusal.Code.RECONFIGURE))
                .hasMessageContaining("options 'open-to=10.0.0.0/8'");
        assertThatThrownBy(() -> reconciler.plan(request().withPreflight(true)))
                .as("a preflighted plan refuses what ensure refuses").is(refused(Refusal.Code.RECONFIGURE));
        assertThat(twin.snapshot()).as("nothing written").isEqualTo(before);
        assertThat(reconciler.plan(request()).warnings()).as("a plan warns").extracting(Warning::code)
                .containsExactly(Warning.RECONFIGURES);

        Outcome reconfigured = reconciler.ensure(request().withReconfigure(true));

        assertThat(reconfigured.drift().missing()).as("opened as now asked").isEmpty();
        assertThat(twin.tags(id)).as("the options tag says what it is made for now")
                .containsEntry(GroupTags.OPTIONS, "");
        assertThat(reconciler.ensure(request()).actions().any()).as("no refusal once reconfigured").isFalse();
    }

    @Test
    void refusesCriticalExposureUnlessAcceptedAndAPlanShowsIt() {
        GroupRequest open = etcdWithController(Peer.cidr("0.0.0.0/0"));

        Outcome plan = reconciler.plan(open);
        assertThat(plan.warnings()).as("plan warnings").extracting(Warning::code)
                .containsExactly(Warning.NEEDS_ACCEPTED_RISK);
        assertThatThrownBy(() -> reconciler.ensure(open)).is(refused(Refusal.Code.CRITICAL_EXPOSURE))
                .satisfies(e -> assertThat(((RefusedException) e).risks()).as("the codes to accept")
                        .contains(Findings.WORLD_OPEN_ETCD, Findings.WORLD_OPEN_VXLAN));
        assertThatThrownBy(() -> reconciler.ensure(open.withAcceptedRisks(AcceptedRisks.of(Set.of("world-open-etcd")))))
                .as("accepting one finding leaves the others refused").is(refused(Refusal.Code.CRITICAL_EXPOSURE));
        assertThat(twin.idOf(name, vpc)).as("nothing created").isEmpty();

        Outcome accepted = reconciler.ensure(open.withAcceptedRisks(AcceptedRisks.of(Set.of("critical"))));
        assertThat(accepted.created()).as("created once accepted").isTrue();
        assertThat(accepted.findings()).as("findings").extracting(f -> f.severity()).contains(Severity.CRITICAL);
        assertThat(held()).as("rules in EC2").isEqualTo(expected(open));
    }

    @Test
    void aCriticalRuleAddedByHandIsReportedButNeverBlocksARepair() {
        reconciler.ensure(request());
        twin.addRule(idOf(name), byHand(8472).withPeer(Peer.Cidr.ANY_IPV4));
        twin.removeRule(idOf(name), world(6443));

        Outcome repaired = reconciler.ensure(request());

        assertThat(repaired.authorized()).as("authorized").hasSize(1);
        assertThat(held()).as("rules in EC2").containsAll(expected(request()));
    }

    @Test
    void refusesAGroupOverTheQuotaBeforeCreatingIt() {
        assertThatThrownBy(() -> reconciler.ensure(request().withQuota(new RuleQuota(10, 60))))
                .as("13 inbound rules against a quota of 10")
                .is(refused(Refusal.Code.QUOTA)).hasMessageContaining("(2 over)");
        assertThat(twin.idOf(name, vpc)).as("no group created").isEmpty();
        assertThat(twin.journal()).as("calls").allMatch(op -> op.startsWith("Describe"));
    }

    @Test
    void refusesARepairOverTheQuotaAtTheEnd() {
        Map<String, String> before = drifted(world(22), byHand(5000));

        assertThatThrownBy(() -> reconciler.ensure(request().withQuota(new RuleQuota(12, 60))))
                .as("13 inbound rules at the end against a quota of 12")
                .is(refused(Refusal.Code.QUOTA)).hasMessageContaining("(1 over)");
        assertThat(twin.snapshot()).as("nothing written").isEqualTo(before);
    }

    @Test
    void refusesAPruneWhoseAdditionsWouldBrieflyExceedTheQuota() {
        Map<String, String> before = drifted(world(80), byHand(7000));

        // 12 inbound at the end, but 13 while the missing rule is added before the extra one goes.
        assertThatThrownBy(() -> reconciler.ensure(request().withPrune(true).withQuota(new RuleQuota(12, 60))))
                .as("a prune whose peak exceeds the quota")
                .is(refused(Refusal.Code.QUOTA)).hasMessageContaining("revoke the extra rules first");
        assertThat(twin.snapshot()).as("nothing written").isEqualTo(before);

        Outcome roomy = reconciler.ensure(request().withPrune(true).withQuota(new RuleQuota(13, 60)));
        assertThat(roomy.revoked()).as("with room for the peak").containsExactly(byHand(7000));
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    @Test
    void refusesAPeerIdThatDoesNotExistBeforeCreatingAnything() {
        GroupRequest request = etcdWithController(Peer.group(Ec2GatewayContract.UNKNOWN_GROUP));

        assertThatThrownBy(() -> reconciler.plan(request)).as("plan").is(refused(Refusal.Code.PEER_NOT_FOUND));
        assertThatThrownBy(() -> reconciler.ensure(request)).as("ensure naming a peer id that does not exist")
                .is(refused(Refusal.Code.PEER_NOT_FOUND))
                .hasMessageContaining("refers to group " + Ec2GatewayContract.UNKNOWN_GROUP + ", which does not exist");
        assertThat(twin.idOf(name, vpc)).as("no group left behind").isEmpty();

        String peer = reconciler.ensure(request().withGroupName(name + "-cp")).groupId();
        Outcome created = reconciler.ensure(etcdWithController(Peer.group(peer)));
        assertThat(created.inSync()).as("an existing peer id is fine").isTrue();
        assertThat(held()).as("rules in EC2").isEqualTo(expected(etcdWithController(Peer.group(peer))));
    }

    @Test
    void refusesAPeerNameThatDoesNotExistBeforeCreatingAnything() {
        GroupRequest request = etcdWithController(Peer.groupNamed(name + "-cp"));

        assertThatThrownBy(() -> reconciler.ensure(request)).as("ensure naming a peer group that does not exist")
                .is(refused(Refusal.Code.PEER_NOT_FOUND))
                .hasMessageContaining(name + "-cp");
        assertThat(twin.idOf(name, vpc)).as("nothing created").isEmpty();

        reconciler.ensure(request().withGroupName(name + "-cp"));
        assertThat(reconciler.ensure(request).inSync()).as("created once the peer exists").isTrue();
        assertThat(held()).as("the peer named by its id").isEqualTo(expected(request));
    }

    @Test
    void refusesAVpcThatDoesNotExist() {
        GroupRequest request = request().withVpcId("vpc-0123456789abcdef0");

        assertThatThrownBy(() -> reconciler.ensure(request)).as("ensure in a VPC that does not exist")
                .is(refused(Refusal.Code.VPC_NOT_FOUND))
                .hasMessageContaining("vpc-0123456789abcdef0");
        assertThatThrownBy(() -> reconciler.check(request)).as("check in a VPC that does not exist")
                .is(refused(Refusal.Code.VPC_NOT_FOUND));
        assertThat(twin.journal()).as("calls").doesNotContain("CreateSecurityGroup");
    }

    @Test
    void aPreflightRefusedForTheCreateLeavesNothingBehind() {
        twin.deny("CreateSecurityGroup");

        assertThatThrownBy(() -> reconciler.ensure(request().withPreflight(true))).as("the DryRun create is denied")
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("ec2:CreateSecurityGroup");
        assertThat(twin.idOf(name, vpc)).as("no group made").isEmpty();
        assertThat(twin.calls().calls()).as("only the DryRun create was sent").containsEntry("CreateSecurityGroup", 1);
    }

    @Test
    void aPreflightRefusedOnAnExistingGroupWritesNothing() {
        Map<String, String> before = drifted(world(6443), byHand(3306));
        twin.deny("RevokeSecurityGroupIngress");

        assertThatThrownBy(() -> reconciler.ensure(request().withPrune(true).withPreflight(true)))
                .as("the DryRun revoke is denied")
                .isInstanceOf(AccessDeniedException.class).hasMessageContaining("ec2:RevokeSecurityGroupIngress");
        assertThat(twin.snapshot()).as("the authorize, allowed, was not sent either").isEqualTo(before);

        twin.allow("RevokeSecurityGroupIngress");
        Outcome repaired = reconciler.ensure(request().withPrune(true).withPreflight(true));
        assertThat(repaired.apiCalls()).as("DryRuns, then the real writes").containsEntry(
                "AuthorizeSecurityGroupIngress", 2).containsEntry("RevokeSecurityGroupIngress", 2);
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }

    /**
     * A new group's rules can only be proven once it exists: a preflight that the authorize's DryRun
     * refuses leaves the group made, tagged and empty, and the next run finishes it.
     */
    @Test
    void aPreflightRefusedForANewGroupsRulesLeavesItEmptyForTheNextRun() {
        twin.deny("AuthorizeSecurityGroupIngress");

        assertThatThrownBy(() -> reconciler.ensure(request().withPreflight(true)))
                .as("the new group's DryRun authorize is denied")
                .isInstanceOf(AccessDeniedException.class);
        assertThat(held()).as("only EC2's outbound rule").containsExactly(ruleOf(request(),
                Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "")));
        assertThat(GroupTags.isManaged(twin.tags(idOf(name)))).as("tagged in the create call").isTrue();

        twin.allow("AuthorizeSecurityGroupIngress");
        assertThat(reconciler.ensure(request()).inSync()).as("finished by the next run").isTrue();
        assertThat(held()).as("rules in EC2").isEqualTo(expected(request()));
    }
}
