package io.ranchersg.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Profile;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.ProfileRole;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Properties of {@link Coverage}. Rules come from small pools of ports and peers that overlap,
 * nest and split, so that rules often cover each other in part.
 */
class CoveragePropertiesTest {

    private static final Peer.Cidr VPC = Peer.cidr("10.0.0.0/16");
    private static final Network NETWORK = new Network(List.of(VPC),
            new PrefixLists(Map.of("pl-0000bbbb", List.of(Peer.cidr("10.0.0.0/8")))));

    /** Each splittable block with its two halves. */
    private static final Map<Peer, List<Peer>> HALVES = Map.of(
            Peer.cidr("0.0.0.0/0"), List.of(Peer.cidr("0.0.0.0/1"), Peer.cidr("128.0.0.0/1")),
            Peer.cidr("10.0.0.0/8"), List.of(Peer.cidr("10.0.0.0/9"), Peer.cidr("10.128.0.0/9")),
            Peer.cidr("10.0.0.0/16"), List.of(Peer.cidr("10.0.0.0/17"), Peer.cidr("10.0.128.0/17")),
            Peer.cidr("2001:db8::/32"), List.of(Peer.cidr("2001:db8::/33"), Peer.cidr("2001:db8:8000::/33")));

    @Provide
    Arbitrary<List<Rule>> rules() {
        Arbitrary<Direction> direction = Arbitraries.of(Direction.class);
        Arbitrary<Protocol> protocol = Arbitraries.of(Protocol.TCP, Protocol.TCP, Protocol.UDP, Protocol.ALL,
                Protocol.ICMP);
        Arbitrary<PortRange> ports = Combinators.combine(Arbitraries.integers().between(0, 40),
                Arbitraries.integers().between(0, 12)).as((from, length) -> PortRange.of(from, from + length));
        Arbitrary<PortRange> icmp = Arbitraries.of(PortRange.ICMP_ANY, PortRange.icmp(8, -1), PortRange.icmp(8, 0),
                PortRange.icmp(3, 4));
        Arbitrary<Peer> peer = Arbitraries.of(Peer.Cidr.ANY_IPV4, Peer.Cidr.ANY_IPV6, Peer.cidr("10.0.0.0/8"),
                VPC, Peer.cidr("10.0.1.0/24"), Peer.cidr("0.0.0.0/1"), Peer.cidr("2001:db8::/32"), Peer.self(),
                Peer.group("sg-0000aaaa"), Peer.prefixList("pl-0000bbbb"));
        Arbitrary<Rule> rule = Combinators.combine(direction, protocol, ports, icmp, peer)
                .as((d, p, r, i, pe) -> new Rule(d, p, p == Protocol.ALL ? null : p == Protocol.ICMP ? i : r, pe, ""));
        return rule.list().ofMaxSize(12).map(CoveragePropertiesTest::uniqueKeys);
    }

    private static List<Rule> uniqueKeys(List<Rule> rules) {
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        rules.forEach(r -> byKey.putIfAbsent(r.key(), r));
        return new ArrayList<>(byKey.values());
    }

    /** What a verdict says about the requirement, without the rules it names. */
    private static List<String> verdicts(GroupCoverage coverage) {
        return coverage.requirements().stream().map(r -> r.required().key() + " " + r.verdict().jsonName()
                + (r.verdict() instanceof Verdict.Partly p ? " missing " + p.missing() : "")).toList();
    }

    @Property
    void aGroupCoversItsOwnRulesAndNothingIsInExcess(@ForAll("rules") List<Rule> rules) {
        GroupCoverage coverage = Coverage.of(rules, rules, NETWORK);

        assertThat(coverage.covered()).as("every rule covers itself: %s", coverage).isTrue();
        assertThat(coverage.excess()).as("no rule is broader than itself").isEmpty();
    }

    @Example
    void everyProfileGroupCoversItsProfile() {
        for (Profile profile : Profiles.all()) {
            ProfileOptions options = ProfileOptions.defaults();
            for (ProfileRole role : profile.roles()) {
                options = options.withPeer(role.name(), Peer.cidr("192.168.0.0/16"));
            }
            List<Rule> rules = profile.spec(options).rules();

            GroupCoverage coverage = Coverage.of(rules, rules, Network.NONE);

            assertThat(coverage.covered()).as("%s covers itself", profile.name()).isTrue();
            assertThat(coverage.uncovered()).isZero();
            assertThat(coverage.excess()).as("%s holds nothing beyond itself", profile.name()).isEmpty();
            assertThat(coverage.assumesNodesInVpc()).as("self is met by self, not by the VPC").isFalse();
        }
    }

    @Property
    void splittingOrMergingRulesNeverChangesCoverage(@ForAll("rules") List<Rule> required,
                                                     @ForAll("rules") List<Rule> merged,
                                                     @ForAll("cutAt") int cut) {
        List<Rule> split = new ArrayList<>();
        for (Rule rule : merged) {
            split.addAll(split(rule, cut));
        }

        assertThat(verdicts(Coverage.of(required, uniqueKeys(split), NETWORK)))
                .as("split %s", split).isEqualTo(verdicts(Coverage.of(required, merged, NETWORK)));
    }

    @Provide
    Arbitrary<Integer> cutAt() {
        return Arbitraries.integers().between(0, 12);
    }

    /** The rule as two: its port range cut after {@code from + cut}, or else its block halved. */
    private static List<Rule> split(Rule rule, int cut) {
        if (rule.protocol().hasPorts() && rule.ports().from() + cut < rule.ports().to()) {
            int at = rule.ports().from() + cut;
            return List.of(new Rule(rule.direction(), rule.protocol(), PortRange.of(rule.ports().from(), at),
                    rule.peer(), ""), new Rule(rule.direction(), rule.protocol(),
                    PortRange.of(at + 1, rule.ports().to()), rule.peer(), ""));
        }
        List<Peer> halves = HALVES.get(rule.peer());
        if (halves != null) {
            return halves.stream().map(rule::withPeer).toList();
        }
        return List.of(rule);
    }

    @Property
    void removingARuleOnlyUncoversWhatItHadAPartIn(@ForAll("rules") List<Rule> required,
                                                   @ForAll("rules") List<Rule> actual,
                                                   @ForAll("index") int index) {
        if (actual.isEmpty()) {
            return;
        }
        Rule removed = actual.get(index % actual.size());
        List<Rule> rest = new ArrayList<>(actual);
        rest.remove(removed);

        GroupCoverage before = Coverage.of(required, actual, NETWORK);
        GroupCoverage after = Coverage.of(required, rest, NETWORK);

        for (int i = 0; i < required.size(); i++) {
            Verdict was = before.requirements().get(i).verdict();
            Verdict is = after.requirements().get(i).verdict();
            if (!was.by().contains(removed)) {
                assertThat(is.jsonName()).as("%s did not rely on %s", required.get(i), removed)
                        .isEqualTo(was.jsonName());
            }
            assertThat(rank(is)).as("removing %s never covers more of %s", removed, required.get(i))
                    .isLessThanOrEqualTo(rank(was));
            boolean alone = rest.stream().noneMatch(r -> r.direction() == removed.direction());
            if (was.by().contains(removed) && alone) {
                assertThat(is).as("%s alone covered %s", removed, required.get(i))
                        .isInstanceOf(Verdict.NotCovered.class);
            }
        }
    }

    @Provide
    Arbitrary<Integer> index() {
        return Arbitraries.integers().between(0, 100);
    }

    private static int rank(Verdict verdict) {
        return verdict instanceof Verdict.Covered ? 2 : verdict instanceof Verdict.Partly ? 1 : 0;
    }

    @Property
    void blocksHoldingTheVpcCoverSelf(@ForAll("vpcBlocks") List<Peer.Cidr> vpc, @ForAll boolean supernets,
                                      @ForAll("index") int leftOut) {
        Rule required = Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.self(), "VXLAN");
        List<Rule> actual = new ArrayList<>();
        for (Peer.Cidr block : vpc) {
            Peer.Cidr peer = supernets ? new Peer.Cidr(block.value().replaceFirst("/\\d+$", "/8")) : block;
            actual.add(Rule.ingress(Protocol.UDP, PortRange.of(0, 65535), peer, ""));
        }
        Network network = new Network(vpc, PrefixLists.NONE);

        Verdict verdict = Coverage.of(List.of(required), uniqueKeys(actual), network).requirements().get(0).verdict();

        assertThat(verdict).isInstanceOf(Verdict.Covered.class);
        assertThat(verdict.assumesNodesInVpc()).as("met by CIDR blocks, not by self").isTrue();
        assertThat(Coverage.needsVpcBlocks(List.of(required), actual, PrefixLists.NONE)).isTrue();

        if (!supernets) {
            List<Rule> fewer = new ArrayList<>(actual);
            fewer.remove(leftOut % fewer.size());
            assertThat(Coverage.of(List.of(required), fewer, network).requirements().get(0).verdict())
                    .as("a VPC block no rule holds leaves self uncovered").isInstanceOf(Verdict.NotCovered.class);
        }
    }

    @Provide
    Arbitrary<List<Peer.Cidr>> vpcBlocks() {
        return Arbitraries.integers().between(0, 255).map(i -> Peer.cidr("10." + i + ".0.0/16"))
                .list().ofMinSize(1).ofMaxSize(4).uniqueElements();
    }
}
