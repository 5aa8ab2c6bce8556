package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link Diff}: level-based reconcile means any actual state converges to the
 * desired one in one plan. Rules come from small pools so desired and actual overlap often.
 */
class DiffPropertiesTest {

    @Provide
    Arbitrary<List<Rule>> rules() {
        Arbitrary<Direction> direction = Arbitraries.of(Direction.class);
        Arbitrary<Protocol> protocol = Arbitraries.of(Protocol.TCP, Protocol.UDP, Protocol.ALL, Protocol.ICMP);
        Arbitrary<PortRange> ports = Arbitraries.of(PortRange.of(22), PortRange.of(443), PortRange.of(2379, 2380),
                PortRange.of(30000, 32767));
        Arbitrary<Peer> peer = Arbitraries.of(Peer.Cidr.ANY_IPV4, Peer.Cidr.ANY_IPV6, Peer.cidr("10.0.0.0/8"),
                Peer.self(), Peer.group("sg-0000aaaa"), Peer.prefixList("pl-0000bbbb"));
        Arbitrary<String> description = Arbitraries.of("", "SSH", "managed", "edited by hand");
        Arbitrary<Rule> rule = Combinators.combine(direction, protocol, ports, peer, description)
                .as((d, p, r, pe, de) -> new Rule(d, p, p == Protocol.ALL ? null
                        : p == Protocol.ICMP ? PortRange.icmp(8, 0) : r, pe, de));
        // One rule per key, as in EC2 and in a valid spec.
        return rule.list().ofMaxSize(25).map(DiffPropertiesTest::uniqueKeys);
    }

    private static List<Rule> uniqueKeys(List<Rule> rules) {
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        rules.forEach(r -> byKey.putIfAbsent(r.key(), r));
        return new ArrayList<>(byKey.values());
    }

    private static GroupSpec spec(List<Rule> rules) {
        return GroupSpec.of("g", "d", rules);
    }

    private static Set<RuleKey> keys(Collection<Rule> rules) {
        Set<RuleKey> keys = new HashSet<>();
        rules.forEach(r -> keys.add(r.key()));
        return keys;
    }

    /**
     * The rules as the spec sees them: EC2's own outbound rule, which a spec may take undescribed,
     * is in sync with any description, so its description is the spec's.
     */
    private static List<Rule> asWanted(List<Rule> held, List<Rule> desired) {
        Set<RuleKey> undescribed = new HashSet<>();
        desired.stream().filter(r -> r.description().isEmpty() && NewGroup.isDefaultRule(r.key()))
                .forEach(r -> undescribed.add(r.key()));
        return held.stream().map(r -> undescribed.contains(r.key()) ? r.withDescription("") : r).toList();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void diffOfASpecWithItselfIsEmpty(@ForAll("rules") List<Rule> rules, @ForAll boolean prune) {
        Plan plan = Diff.plan(spec(rules), rules, prune);
        assertThat(plan.isEmpty()).as("plan of a spec against itself").isTrue();
        assertThat(plan.extra()).as("extra").isEmpty();
        assertThat(plan.drift().inSync()).as("drift").isTrue();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void applyingAPruningPlanYieldsExactlyDesired(@ForAll("rules") List<Rule> desired, @ForAll("rules") List<Rule> actual) {
        Plan plan = Diff.plan(spec(desired), actual, true);
        List<Rule> after = plan.applyTo(actual);
        assertThat(keys(after)).as("keys after apply").isEqualTo(keys(desired));
        assertThat(new HashSet<>(asWanted(after, desired))).as("rules, descriptions included, after apply")
                .isEqualTo(new HashSet<>(desired));
        assertThat(Diff.plan(spec(desired), after, true).isEmpty()).as("second plan").isTrue();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void applyingAnAdditivePlanKeepsActualAndAddsDesired(@ForAll("rules") List<Rule> desired,
                                                         @ForAll("rules") List<Rule> actual) {
        Plan plan = Diff.plan(spec(desired), actual, false);
        assertThat(plan.toRevoke()).as("revoked without prune").isEmpty();
        List<Rule> after = plan.applyTo(actual);
        assertThat(asWanted(after, desired)).as("desired rules after apply").containsAll(desired);
        assertThat(keys(after)).as("nothing of actual lost").containsAll(keys(actual));
        assertThat(keys(plan.extra())).as("extra is actual minus desired")
                .isEqualTo(minus(keys(actual), keys(desired)));
        Plan second = Diff.plan(spec(desired), after, false);
        assertThat(second.isEmpty()).as("second additive plan").isTrue();
    }

    @Property(tries = 300, edgeCases = EdgeCasesMode.NONE)
    void orderOfInputRulesDoesNotMatter(@ForAll("rules") List<Rule> desired, @ForAll("rules") List<Rule> actual,
                                        @ForAll boolean prune, @ForAll long seed) {
        List<Rule> shuffledDesired = new ArrayList<>(desired);
        List<Rule> shuffledActual = new ArrayList<>(actual);
        Collections.shuffle(shuffledDesired, new Random(seed));
        Collections.shuffle(shuffledActual, new Random(~seed));
        assertThat(Diff.plan(spec(shuffledDesired), shuffledActual, prune)).as("plan of shuffled inputs")
                .isEqualTo(Diff.plan(spec(desired), actual, prune));
    }

    private static Set<RuleKey> minus(Set<RuleKey> a, Set<RuleKey> b) {
        Set<RuleKey> result = new HashSet<>(a);
        result.removeAll(b);
        return result;
    }
}
