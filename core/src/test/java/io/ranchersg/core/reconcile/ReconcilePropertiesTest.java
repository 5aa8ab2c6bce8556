package io.ranchersg.core.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link Reconcile#decide} over runs of one to three groups that name each other, each
 * missing or holding random rules and tags: carrying a decision out and deciding again converges;
 * every refusal is known before the first write; the decision is the same whoever asks for it.
 */
class ReconcilePropertiesTest {

    private static final List<String> NAMES = List.of("a", "b", "c");
    private static final ObservedVpc VPC = ObservedVpc.described("vpc-0123456789abcdef0", true);
    /** Enough rounds for creates, then rules: more means the decision does not converge. */
    private static final int ROUNDS = 3;

    /** A run: the specs, and what EC2 holds for each (null: missing). */
    record Run(List<GroupSpec> specs, Observation observed) {
    }

    @Provide
    Arbitrary<Run> runs() {
        Arbitrary<Integer> size = Arbitraries.integers().between(1, 3);
        return size.flatMap(n -> Combinators.combine(rules(n).list().ofSize(n), rules(n).list().ofSize(n),
                Arbitraries.of(State.class).list().ofSize(n)).as((wanted, held, states) -> run(n, wanted, held, states)));
    }

    /** How a group stands before the run. */
    enum State { MISSING, MANAGED, OTHER_OPTIONS, NOT_MANAGED }

    private static Arbitrary<List<Rule>> rules(int groups) {
        Arbitrary<Direction> direction = Arbitraries.of(Direction.class);
        Arbitrary<Protocol> protocol = Arbitraries.of(Protocol.TCP, Protocol.UDP, Protocol.ALL);
        Arbitrary<PortRange> ports = Arbitraries.of(PortRange.of(22), PortRange.of(2379, 2380), PortRange.of(8472));
        Arbitrary<Peer> peer = Arbitraries.of(Peer.Cidr.ANY_IPV4, Peer.Cidr.ANY_IPV6, Peer.cidr("10.0.0.0/8"),
                Peer.self(), Peer.groupNamed(NAMES.get(0)), Peer.groupNamed(NAMES.get(groups - 1)));
        Arbitrary<String> description = Arbitraries.of("", "managed", "edited by hand");
        return Combinators.combine(direction, protocol, ports, peer, description)
                .as((d, p, r, pe, de) -> new Rule(d, p, p == Protocol.ALL ? null : r, pe, de))
                .list().ofMaxSize(12).map(ReconcilePropertiesTest::uniqueKeys);
    }

    private static List<Rule> uniqueKeys(List<Rule> rules) {
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        rules.forEach(r -> byKey.putIfAbsent(r.key(), r));
        return new ArrayList<>(byKey.values());
    }

    private static Run run(int n, List<List<Rule>> wanted, List<List<Rule>> held, List<State> states) {
        List<GroupSpec> specs = new ArrayList<>();
        Observation observed = Observation.of(VPC, List.of());
        for (int i = 0; i < n; i++) {
            String name = NAMES.get(i);
            specs.add(GroupSpec.of(name, name, wanted.get(i))
                    .withTags(GroupTags.of("rancher-nodes", ProfileOptions.defaults().withGroupName(name))));
        }
        for (int i = 0; i < n; i++) {
            if (states.get(i) == State.MISSING) {
                continue;
            }
            String name = NAMES.get(i);
            Map<String, String> tags = switch (states.get(i)) {
                case MANAGED -> specs.get(i).tags();
                case OTHER_OPTIONS -> GroupTags.of("rancher-nodes", ProfileOptions.defaults().withGroupName(name)
                        .withOpenTo("10.0.0.0/8"));
                default -> Map.of("team", "web");
            };
            // What a group holds names its peers by id, as EC2 reports them; a peer that is missing is left out.
            List<Rule> rules = new ArrayList<>();
            for (Rule rule : held.get(i)) {
                if (rule.peer() instanceof Peer.NamedGroup named) {
                    if (states.get(NAMES.indexOf(named.name())) != State.MISSING) {
                        rules.add(rule.withPeer(Peer.group(Simulated.idOf(named.name()))));
                    }
                } else {
                    rules.add(rule);
                }
            }
            observed = observed.withGroup(ObservedGroup.read(Simulated.idOf(name), name, VPC.id(), tags,
                    uniqueKeys(rules)));
        }
        return new Run(specs, observed);
    }

    private static RunOptions permissive(boolean prune) {
        return RunOptions.DEFAULTS.withPrune(prune).withAdopt(true).withReconfigure(true)
                .withAcceptedRisks(AcceptedRisks.of(Set.of("critical")));
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void carryingADecisionOutAndDecidingAgainLeavesNothingToWrite(@ForAll("runs") Run run, @ForAll boolean prune) {
        RunOptions options = permissive(prune);
        Observation observed = run.observed();
        Decision decision = Reconcile.decide(run.specs(), options, observed);
        for (int round = 0; round < ROUNDS && decision.writes(); round++) {
            observed = Simulated.round(decision, observed);
            decision = Reconcile.decide(run.specs(), options, observed);
        }
        assertThat(decision.writes()).as("writes left after " + ROUNDS + " rounds: " + decision.groups()).isFalse();
        for (GroupDecision group : decision.groups()) {
            assertThat(group.plan().drift().missing()).as("missing in " + group.name()).isEmpty();
            assertThat(group.plan().drift().changed()).as("changed in " + group.name()).isEmpty();
            if (prune) {
                assertThat(group).as(group.name() + " with prune").isInstanceOf(GroupDecision.InSync.class);
            }
        }
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void everyRefusalIsKnownBeforeTheFirstWrite(@ForAll("runs") Run run, @ForAll boolean prune,
                                                @ForAll boolean adopt, @ForAll boolean reconfigure) {
        RunOptions options = RunOptions.DEFAULTS.withPrune(prune).withAdopt(adopt).withReconfigure(reconfigure);
        Observation observed = run.observed();
        Decision decision = Reconcile.decide(run.specs(), options, observed);
        if (decision.refused()) {
            return;
        }
        for (int round = 0; round < ROUNDS && decision.writes(); round++) {
            observed = Simulated.round(decision, observed);
            decision = Reconcile.decide(run.specs(), options, observed);
            assertThat(decision.refusals()).as("a refusal after round " + round).isEmpty();
        }
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void planEnsureAndPreflightTakeTheSameDecision(@ForAll("runs") Run run, @ForAll boolean prune) {
        RunOptions options = RunOptions.DEFAULTS.withPrune(prune);
        Decision plan = Reconcile.decide(run.specs(), options, run.observed());

        assertThat(Reconcile.decide(run.specs(), options, run.observed())).as("decided again").isEqualTo(plan);
        Decision preflight = Reconcile.decide(run.specs(), options.withPreflight(true), run.observed());
        assertThat(preflight.groups()).as("groups with preflight").isEqualTo(plan.groups());
        assertThat(preflight.refusals()).as("refusals with preflight").isEqualTo(plan.refusals());
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void aReportShowsTheDriftARepairWouldRemove(@ForAll("runs") Run run) {
        Decision repair = Reconcile.decide(run.specs(), permissive(false), run.observed());
        Decision report = Reconcile.decide(run.specs(), permissive(false).reportOnly(), run.observed());

        assertThat(report.writes()).as("a report writes nothing").isFalse();
        for (int i = 0; i < run.specs().size(); i++) {
            assertThat(report.groups().get(i).plan().drift()).as("drift of " + run.specs().get(i).name())
                    .isEqualTo(repair.groups().get(i).plan().drift());
        }
    }
}
