package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.Rules;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Level-based reconcile on the in-memory EC2: whatever drift befalls a group after ensure made it,
 * the next ensure repairs it, a check after is in sync (with prune) or finds only the extras it must
 * keep (without), and a plan after it is empty. The oracle is the twin's state.
 */
class EnsureDriftPropertiesTest {

    private static final String NAME = "drifted";

    /** Something someone did to the group by hand. */
    sealed interface Change {
        void applyTo(InMemoryEc2 twin, String groupId, List<Rule> profile);
    }

    /** A rule of the profile revoked, picked by index. */
    record Revoke(int index) implements Change {
        @Override
        public void applyTo(InMemoryEc2 twin, String groupId, List<Rule> profile) {
            twin.removeRule(groupId, profile.get(index % profile.size()));
        }
    }

    /** A rule of the profile given another description. */
    record Redescribe(int index, String description) implements Change {
        @Override
        public void applyTo(InMemoryEc2 twin, String groupId, List<Rule> profile) {
            Rule rule = profile.get(index % profile.size());
            if (twin.rules(groupId).stream().anyMatch(r -> r.key().equals(rule.key()))) {
                twin.addRule(groupId, rule.withDescription(description));
            }
        }
    }

    /** A rule added: of the user's own, or one of the profile's keys again (then it is a description change). */
    record Add(Rule rule) implements Change {
        @Override
        public void applyTo(InMemoryEc2 twin, String groupId, List<Rule> profile) {
            twin.addRule(groupId, rule);
        }
    }

    @Provide
    Arbitrary<GroupRequest> requests() {
        ProfileOptions defaults = ProfileOptions.defaults().withGroupName(NAME);
        return Arbitraries.of(
                GroupRequest.forProfile(Profiles.RANCHER_NODES, defaults),
                GroupRequest.forProfile(Profiles.RANCHER_NODES, defaults.withCurrent(true)),
                GroupRequest.forProfile(Profiles.RANCHER_NODES, defaults.withIpv6(true)),
                GroupRequest.forProfile(Profiles.RANCHER_SERVER_K3S, defaults),
                GroupRequest.forProfile(Profiles.RKE2_NODES, defaults),
                GroupRequest.forProfile(Profiles.RANCHER_SERVER_RKE, defaults
                        .withPeer(Roles.LOAD_BALANCER, Peer.cidr("10.3.0.0/16"))
                        .withPeer(Roles.NODES, Peer.cidr("10.4.0.0/16"))
                        .withPeer(Roles.API_CLIENTS, Peer.cidr("10.5.0.0/16"))),
                GroupRequest.forProfile(Profiles.HOSTED_IMPORTED, defaults
                        .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16"))));
    }

    @Provide
    Arbitrary<List<Change>> drift() {
        Arbitrary<Integer> index = Arbitraries.integers().between(0, 40);
        Arbitrary<String> description = Arbitraries.of("", "edited by hand", "Kubernetes API", "x");
        Arbitrary<Rule> rule = Combinators.combine(
                        Arbitraries.of(Direction.class),
                        Arbitraries.of(Protocol.TCP, Protocol.UDP),
                        Arbitraries.of(22, 80, 443, 3306, 6443, 8472, 9999),
                        Arbitraries.of(Peer.Cidr.ANY_IPV4, Peer.Cidr.ANY_IPV6, Peer.cidr("10.9.0.0/16"), Peer.self()),
                        description)
                .as((direction, protocol, port, peer, text) -> new Rule(direction, protocol, PortRange.of(port), peer,
                        text));
        Arbitrary<Change> change = Arbitraries.oneOf(
                index.map(Revoke::new),
                Combinators.combine(index, description).as(Redescribe::new),
                rule.map(Add::new));
        return change.list().ofMaxSize(8);
    }

    /** A group that ensure made, then drift befell; the twin holds it and a reconciler works on it. */
    record Drifted(InMemoryEc2 twin, Reconciler reconciler, GroupRequest request, String groupId) {

        static Drifted of(GroupRequest profile, boolean ipv6Vpc, boolean prune, List<Change> drift) {
            InMemoryEc2 twin = new InMemoryEc2();
            Reconciler reconciler = new Reconciler(twin);
            GroupRequest request = profile.withVpcId(ipv6Vpc ? twin.addVpc(true) : twin.defaultVpcId())
                    .withPrune(prune);
            String id = reconciler.ensure(request.withPrune(true)).groupId();
            drift.forEach(change -> change.applyTo(twin, id, request.spec().rules()));
            return new Drifted(twin, reconciler, request, id);
        }

        /** The rules the group holds now. */
        List<Rule> held() {
            return twin.rules(groupId);
        }

        /**
         * The profile's rules, as the group holds them when it matches: EC2's own outbound rule, which
         * the profiles take undescribed, with whatever description it carries (any is in sync).
         */
        List<Rule> expected() {
            Map<RuleKey, Rule> held = held().stream().collect(Collectors.toMap(Rule::key, r -> r));
            return twin.expected(request.spec(), request.vpcId()).stream()
                    .map(r -> r.description().isEmpty() && NewGroup.isDefaultRule(r.key())
                            ? held.getOrDefault(r.key(), r) : r)
                    .toList();
        }
    }

    @Property(edgeCases = EdgeCasesMode.FIRST)
    void ensureWithPruneRepairsAnyDriftExactlyAndAPlanAfterIsEmpty(@ForAll("requests") GroupRequest profile,
                                                                   @ForAll boolean ipv6Vpc,
                                                                   @ForAll("drift") List<Change> drift) {
        Drifted group = Drifted.of(profile, ipv6Vpc, true, drift);
        Reconciler reconciler = group.reconciler();

        Outcome plan = reconciler.plan(group.request());
        Outcome ensure = reconciler.ensure(group.request());

        assertThat(group.held()).as("rules in EC2 after ensure").isEqualTo(group.expected());
        assertThat(reconciler.check(group.request()).inSync()).as("check after ensure").isTrue();
        assertThat(reconciler.plan(group.request()).actions().any()).as("a plan after ensure").isFalse();
        PlanAssertions.assertEnsureDidWhatPlanShowed(plan, ensure);
    }

    @Property(edgeCases = EdgeCasesMode.FIRST)
    void ensureWithoutPruneRepairsAnyDriftAndKeepsExactlyTheExtras(@ForAll("requests") GroupRequest profile,
                                                                   @ForAll boolean ipv6Vpc,
                                                                   @ForAll("drift") List<Change> drift) {
        Drifted group = Drifted.of(profile, ipv6Vpc, false, drift);
        Reconciler reconciler = group.reconciler();
        Set<RuleKey> profileKeys = group.expected().stream().map(Rule::key).collect(Collectors.toSet());
        List<Rule> extras = group.held().stream().filter(r -> !profileKeys.contains(r.key())).toList();

        reconciler.ensure(group.request());

        assertThat(group.held()).as("rules in EC2 after ensure").containsAll(group.expected())
                .filteredOn(r -> !profileKeys.contains(r.key())).isEqualTo(extras);
        Outcome check = reconciler.check(group.request());
        assertThat(check.drift().missing()).as("missing after ensure").isEmpty();
        assertThat(check.drift().changed()).as("changed after ensure").isEmpty();
        assertThat(Rules.sorted(check.drift().extra())).as("extras, kept").isEqualTo(extras);
        assertThat(reconciler.plan(group.request()).actions().any()).as("a plan after ensure").isFalse();
    }
}
