package io.ranchersg.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The rules of {@link Reconcile#decide}, one at a time, on hand-made observations. */
class ReconcileTest {

    private static final String VPC = "vpc-0123456789abcdef0";
    private static final ObservedVpc DESCRIBED = ObservedVpc.described(VPC, false);

    private static GroupSpec nodes() {
        ProfileOptions options = ProfileOptions.defaults();
        return Profiles.get(Profiles.RANCHER_NODES).spec(options).withTags(GroupTags.of(Profiles.RANCHER_NODES,
                options));
    }

    private static Rule tcp(int port, Peer peer) {
        return Rule.ingress(Protocol.TCP, PortRange.of(port), peer, "");
    }

    private static ObservedGroup existing(GroupSpec spec, List<Rule> rules, Map<String, String> tags) {
        return ObservedGroup.read(Simulated.idOf(spec.name()), spec.name(), VPC, tags, rules);
    }

    /** The group as ensure leaves it: the spec's rules, with EC2's ids for self. */
    private static ObservedGroup inSync(GroupSpec spec) {
        String id = Simulated.idOf(spec.name());
        return existing(spec, spec.resolvePeers(id, name -> null).rules(), spec.tags());
    }

    private static Decision decide(GroupSpec spec, RunOptions options, ObservedGroup... groups) {
        return Reconcile.decide(List.of(spec), options, Observation.of(DESCRIBED, List.of(groups)));
    }

    @Test
    void aMissingGroupIsCreatedAndItsPlanRevokesOnlyWhatEc2GaveIt() {
        Decision decision = decide(nodes(), RunOptions.DEFAULTS);

        assertThat(decision.groups()).singleElement().isInstanceOf(GroupDecision.Create.class);
        GroupDecision create = decision.groups().get(0);
        assertThat(create.plan()).as("the plan a new group needs").isEqualTo(NewGroup.plan(create.desired(), false));
        assertThat(decision.refusals()).as("refusals").isEmpty();
        assertThat(decision.writes()).isTrue();
    }

    @Test
    void aReportOnlyRunCallsAMissingGroupAbsentAndPlansNoCreate() {
        Decision decision = decide(nodes(), RunOptions.DEFAULTS.reportOnly());

        assertThat(decision.groups()).singleElement().isInstanceOf(GroupDecision.Absent.class);
        assertThat(decision.groups().get(0).plan().drift().missing()).as("everything is missing")
                .hasSameSizeAs(nodes().rules().stream().filter(r -> r.direction() == Direction.INGRESS).toList());
        assertThat(decision.writes()).isFalse();
    }

    @Test
    void aGroupHoldingItsSpecIsInSyncAndWritesNothing() {
        Decision decision = decide(nodes(), RunOptions.DEFAULTS, inSync(nodes()));

        assertThat(decision.groups()).singleElement().isInstanceOf(GroupDecision.InSync.class);
        assertThat(decision.writes()).isFalse();
    }

    @Test
    void aMissingRuleIsAuthorizedAndAnExtraOneKeptWithoutPrune() {
        List<Rule> rules = new ArrayList<>(inSync(nodes()).rules());
        Rule removed = rules.stream().filter(r -> r.ports() != null && r.ports().from() == 6443).findFirst().orElseThrow();
        rules.remove(removed);
        Rule byHand = tcp(9999, Peer.cidr("10.0.0.0/8"));
        rules.add(byHand);

        GroupDecision update = decide(nodes(), RunOptions.DEFAULTS, existing(nodes(), rules, nodes().tags()))
                .groups().get(0);

        assertThat(update).isInstanceOf(GroupDecision.Update.class);
        assertThat(update.plan().toAuthorize()).as("authorized").containsExactly(removed);
        assertThat(update.plan().toRevoke()).as("revoked without prune").isEmpty();
        assertThat(update.plan().extra()).as("kept, and reported").containsExactly(byHand);
    }

    @Test
    void pruneRevokesTheExtraRuleAndWarnsWhenItIsTheAllowAllEgress() {
        List<Rule> rules = new ArrayList<>(inSync(nodes()).rules());
        rules.add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
        GroupSpec narrow = nodes().withRules(nodes().rules().stream()
                .filter(r -> r.direction() == Direction.INGRESS).toList());

        GroupDecision update = decide(narrow, RunOptions.DEFAULTS.withPrune(true),
                existing(narrow, rules, narrow.tags())).groups().get(0);

        assertThat(update.plan().toRevoke()).as("both allow-all egress rules").hasSize(2);
        assertThat(update.warnings()).extracting(Warning::code)
                .containsExactly(Warning.REVOKES_ALLOW_ALL_EGRESS, Warning.REVOKES_ALLOW_ALL_EGRESS);
    }

    @Test
    void aGroupRancherSgDidNotMakeIsRefusedUnlessAdopted() {
        ObservedGroup byHand = existing(nodes(), List.of(), Map.of("team", "web"));

        Decision refused = decide(nodes(), RunOptions.DEFAULTS, byHand);
        Decision adopted = decide(nodes(), RunOptions.DEFAULTS.withAdopt(true), byHand);

        assertThat(refused.refusals()).extracting(Refusal::code).containsExactly(Refusal.Code.NOT_MANAGED);
        assertThat(refused.refusals().get(0).message()).contains(byHand.id()).contains("adopt");
        assertThat(adopted.refusals()).as("adopt accepts it").isEmpty();
        assertThat(adopted.groups().get(0)).isInstanceOfSatisfying(GroupDecision.Update.class,
                u -> assertThat(u.retag()).as("tagged as rancher-sg's").isTrue());
    }

    @Test
    void aGroupMadeWithOtherOptionsIsRefusedUnlessReconfiguredAndThenWarned() {
        ProfileOptions other = ProfileOptions.defaults().withOpenTo("10.0.0.0/8");
        ObservedGroup made = existing(nodes(), inSync(nodes()).rules(), GroupTags.of(Profiles.RANCHER_NODES, other));

        Decision refused = decide(nodes(), RunOptions.DEFAULTS, made);
        Decision reconfigured = decide(nodes(), RunOptions.DEFAULTS.withReconfigure(true), made);

        assertThat(refused.refusals()).extracting(Refusal::code).containsExactly(Refusal.Code.RECONFIGURE);
        assertThat(refused.refusals().get(0).message()).contains("open-to=10.0.0.0/8").contains("default options");
        assertThat(reconfigured.refusals()).isEmpty();
        assertThat(reconfigured.groups().get(0).warnings()).extracting(Warning::code)
                .containsExactly(Warning.RECONFIGURES);
    }

    @Test
    void aReportRefusesNothingThatOnlyAWriteWouldDo() {
        ObservedGroup byHand = existing(nodes(), List.of(), Map.of());
        GroupSpec open = nodes().plusRules(List.of(tcp(2379, Peer.Cidr.ANY_IPV4)));

        assertThat(decide(open, RunOptions.DEFAULTS.reportOnly(), byHand).refusals()).isEmpty();
    }

    @Test
    void criticalFindingsAreRefusedUntilAcceptedByCodeOrSeverity() {
        GroupSpec open = nodes().plusRules(List.of(tcp(2379, Peer.Cidr.ANY_IPV4)));

        Decision refused = decide(open, RunOptions.DEFAULTS);
        Decision byCode = decide(open, RunOptions.DEFAULTS.withAcceptedRisks(AcceptedRisks.of(
                Set.of(Findings.WORLD_OPEN_ETCD))));
        Decision bySeverity = decide(open, RunOptions.DEFAULTS.withAcceptedRisks(AcceptedRisks.of(Set.of("critical"))));

        assertThat(refused.refusals()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Refusal.Code.CRITICAL_EXPOSURE);
            assertThat(r.risks()).containsExactly(Findings.WORLD_OPEN_ETCD);
            assertThat(r.asWarning().code()).isEqualTo(Warning.NEEDS_ACCEPTED_RISK);
        });
        assertThat(byCode.refusals()).isEmpty();
        assertThat(bySeverity.refusals()).isEmpty();
        assertThat(byCode.groups().get(0).findings()).extracting(f -> f.code()).contains(Findings.WORLD_OPEN_ETCD);
    }

    @Test
    void aSpecOverTheQuotaIsRefusedWhateverTheGroupHolds() {
        Decision decision = decide(nodes(), RunOptions.DEFAULTS.withQuota(new RuleQuota(3, 60)).reportOnly(),
                inSync(nodes()));

        assertThat(decision.refusals()).extracting(Refusal::code).containsExactly(Refusal.Code.QUOTA);
        assertThat(decision.unacceptable()).as("no option accepts it: a check fails too").hasSize(1);
    }

    @Test
    void theQuotaMustHoldAtThePeakWhenRulesAreAddedBeforeExtrasAreRevoked() {
        List<Rule> extras = new ArrayList<>();
        for (int port = 1; port <= 6; port++) {
            extras.add(tcp(port, Peer.cidr("10.0.0.0/8")));
        }
        GroupSpec six = nodes().withRules(nodes().rules().stream().filter(r -> r.direction() == Direction.INGRESS)
                .limit(6).toList());
        ObservedGroup holding = existing(six, extras, six.tags());

        Decision decision = decide(six, RunOptions.DEFAULTS.withPrune(true).withQuota(new RuleQuota(10, 60)), holding);

        assertThat(decision.refusals()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Refusal.Code.QUOTA);
            assertThat(r.message()).contains("revoke the extra rules first").contains("(2 over)");
        });
    }

    @Test
    void aPlanThatAddsNothingPassesAQuotaTheGroupIsAlreadyOver() {
        List<Rule> many = new ArrayList<>(inSync(nodes()).rules());
        for (int port = 1; port <= 10; port++) {
            many.add(tcp(port, Peer.cidr("10.0.0.0/8")));
        }
        Decision decision = decide(nodes(), RunOptions.DEFAULTS.withQuota(new RuleQuota(12, 60)),
                existing(nodes(), many, nodes().tags()));

        assertThat(decision.refusals()).as("AWS raised the quota: the group proves it").isEmpty();
    }

    @Test
    void peersThatDoNotExistAreRefusedByNameAndById() {
        GroupSpec spec = nodes().plusRules(List.of(tcp(7000, Peer.groupNamed("elsewhere")),
                tcp(7001, Peer.group("sg-0123456789abcdef0"))));
        Observation observed = new Observation(DESCRIBED, Map.of(), Set.of("sg-0123456789abcdef0"));

        Decision decision = Reconcile.decide(List.of(spec), RunOptions.DEFAULTS.reportOnly(), observed);

        assertThat(decision.unacceptable()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo(Refusal.Code.PEER_NOT_FOUND);
            assertThat(r.message()).contains("refers to groups 'elsewhere', sg-0123456789abcdef0, which do not exist");
        });
    }

    @Test
    void groupsOfTheSameRunNameEachOtherBeforeTheyExist() {
        GroupSpec a = GroupSpec.of("a", "a", List.of(tcp(1, Peer.groupNamed("b"))));
        GroupSpec b = GroupSpec.of("b", "b", List.of(tcp(2, Peer.groupNamed("a"))));

        Decision decision = Reconcile.decide(List.of(a, b), RunOptions.DEFAULTS, Observation.of(DESCRIBED, List.of()));

        assertThat(decision.refusals()).as("a name of the run is no missing peer").isEmpty();
        assertThat(decision.creates()).hasSize(2);
        assertThat(decision.creates().get(0).plan().toAuthorize()).extracting(Rule::peer)
                .containsExactly(Peer.groupNamed("b"));
    }

    @Test
    void aGroupThisRunCreatedLosesEc2sDefaultsWithoutPrune() {
        GroupSpec ingressOnly = nodes().withRules(nodes().rules().stream()
                .filter(r -> r.direction() == Direction.INGRESS).toList());
        Observation created = Observation.of(DESCRIBED, List.of()).withCreated(ingressOnly.name(),
                Simulated.idOf(ingressOnly.name()), ingressOnly.tags(), NewGroup.defaultRules(false));

        GroupDecision decision = Reconcile.decide(List.of(ingressOnly), RunOptions.DEFAULTS, created).groups().get(0);

        assertThat(decision.plan().toRevoke()).as("EC2's allow-all egress, nobody's choice").hasSize(1);
        assertThat(decision.warnings()).as("no warning for what nobody chose").isEmpty();
    }

    @Test
    void aMissingGroupNeedsTheVpcDescribed() {
        Observation unread = Observation.of(ObservedVpc.known(VPC), List.of());

        assertThatIllegalArgumentException()
                .isThrownBy(() -> Reconcile.decide(List.of(nodes()), RunOptions.DEFAULTS, unread))
                .withMessageContaining(VPC);
    }

    @Test
    void aMissingStackTagIsWrittenOnAGroupOtherwiseInSync() {
        GroupSpec tagged = nodes().withTag(GroupTags.CLUSTER, "prod");
        GroupDecision decision = decide(tagged, RunOptions.DEFAULTS, existing(tagged, inSync(tagged).rules(),
                nodes().tags())).groups().get(0);

        assertThat(decision).isInstanceOfSatisfying(GroupDecision.Update.class, u -> {
            assertThat(u.retag()).isTrue();
            assertThat(u.plan().isEmpty()).isTrue();
        });
    }

    @Test
    void planAndCheckAgreeOnAMissingStackTagWhichOnlyThePlanWrites() {
        GroupSpec tagged = nodes().withTag(GroupTags.CLUSTER, "prod");
        ObservedGroup lacking = existing(tagged, inSync(tagged).rules(), nodes().tags());

        GroupDecision plan = decide(tagged, RunOptions.DEFAULTS, lacking).groups().get(0);
        Decision check = decide(tagged, RunOptions.DEFAULTS.reportOnly(), lacking);

        assertThat(plan.tagRepairs()).as("plan").isEqualTo(Map.of(GroupTags.CLUSTER, "prod"));
        assertThat(check.groups().get(0).tagRepairs()).as("check").isEqualTo(plan.tagRepairs());
        assertThat(check.groups().get(0).drift().inSync()).as("check: in sync").isFalse();
        assertThat(check.writes()).as("check writes").isFalse();
    }

    @Test
    void aProfileOrOptionsTagMissingRecordsTheDefaultsAndIsNoRepairButAnotherVersionIsNone() {
        Map<String, String> legacy = Map.of(GroupTags.MANAGED_BY, GroupTags.MANAGER, GroupTags.VERSION, "0.1");
        ObservedGroup old = existing(nodes(), inSync(nodes()).rules(), legacy);

        assertThat(decide(nodes(), RunOptions.DEFAULTS, old).groups().get(0)).as("plan")
                .isInstanceOf(GroupDecision.InSync.class);
        assertThat(decide(nodes(), RunOptions.DEFAULTS.reportOnly(), old).groups().get(0)).as("check")
                .isInstanceOf(GroupDecision.InSync.class);
    }
}
