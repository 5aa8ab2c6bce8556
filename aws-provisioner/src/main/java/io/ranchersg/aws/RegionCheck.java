package io.ranchersg.aws;

import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.coverage.Coverage;
import io.ranchersg.core.coverage.GroupCoverage;
import io.ranchersg.core.coverage.Network;
import io.ranchersg.core.reconcile.Decision;
import io.ranchersg.core.reconcile.Observation;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.ObservedVpc;
import io.ranchersg.core.reconcile.Reconcile;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks every group of a region that one read lists: those carrying rancher-sg's tags, each
 * against the profile and options its tags record, and on request those Rancher's EC2 node driver
 * made, against what current drivers open (profile {@code rancher-nodes} with option current). The
 * driver takes a rule as present when one of the same protocol and from-port exists, so a rule
 * narrowed or pointed elsewhere stays so; here it is reported as missing (the profile's rule) and
 * extra (what the group holds instead).
 *
 * <p>Groups a recorded profile names (a stack's other groups, say) are usually in the same list:
 * found there, they cost no read of their own. A group whose tags cannot be read back, or whose
 * profile names groups that do not exist, is reported alone; failures of EC2 itself (access,
 * network) end the whole check.
 */
final class RegionCheck {

    private final Ec2Gateway ec2;

    RegionCheck(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    List<GroupCheck> check(boolean driverGroups, boolean defaultGroups) {
        return check(driverGroups, false, defaultGroups);
    }

    /**
     * As {@link #check(boolean, boolean)}; with {@code verifyDriverGroups} the node driver's groups
     * are verified ({@link Coverage}) instead of compared exactly: only what Rancher needs and the
     * group does not allow is missing, and broader rules are not drift.
     */
    List<GroupCheck> check(boolean driverGroups, boolean verifyDriverGroups, boolean defaultGroups) {
        return check(driverGroups, verifyDriverGroups, defaultGroups, List.of());
    }

    /**
     * As {@link #check(boolean, boolean, boolean)}, and the groups {@code toVerify} names, when they are
     * not rancher-sg's, verified against the requirements given for them (before the node driver's
     * test: the file is the more precise word). With groups to verify, the region's one read lists every
     * group, not only the tagged ones: a read per named group would cost a fleet a call per group.
     */
    List<GroupCheck> check(boolean driverGroups, boolean verifyDriverGroups, boolean defaultGroups,
                           List<GroupToVerify> toVerify) {
        Map<String, List<Peer.Cidr>> vpcBlocks = new HashMap<>();
        List<ObservedGroup> listed = toVerify.isEmpty() ? ec2.scanned(driverGroups) : ec2.everyGroup();
        // The prefix lists the groups name, each read once for the whole region.
        PrefixLists lists = new Observer(ec2).prefixLists(listed.stream()
                .filter(g -> g.managed() || driverGroups && ManagedTags.isDriverMade(g.name(), g.tags())
                        || named(toVerify, g) != null)
                .flatMap(g -> g.rules().stream()).toList());
        Map<String, Map<String, ObservedGroup>> listedByVpc = new LinkedHashMap<>();
        listed.forEach(g -> listedByVpc.computeIfAbsent(g.vpcId(), v -> new LinkedHashMap<>()).put(g.name(), g));
        List<GroupCheck> checks = new ArrayList<>();
        for (ObservedGroup group : listed) {
            GroupToVerify named = group.managed() ? null : named(toVerify, group);
            if (group.managed()) {
                checks.add(recorded(group, listedByVpc.get(group.vpcId()), lists));
            } else if (named != null) {
                Map<String, ObservedGroup> sameVpc = listedByVpc.get(group.vpcId());
                checks.add(new GroupCheck.Checked(verified(named.profile(), named.required(), group, lists, vpcBlocks,
                        peer -> sameVpc.containsKey(peer) ? sameVpc.get(peer).id() : null),
                        GroupCheck.Maker.NAMED_IN_FILE));
            } else if (driverGroups && ManagedTags.isDriverMade(group.name(), group.tags())) {
                GroupSpec spec = request(Profiles.RANCHER_NODES,
                        ProfileOptions.defaults().withCurrent(true).withGroupName(group.name())).spec();
                checks.add(new GroupCheck.Checked(verifyDriverGroups
                        ? verified(Profiles.RANCHER_NODES, spec, group, lists, vpcBlocks, name -> null)
                        : outcome(Profiles.RANCHER_NODES, spec, group, Map.of(), lists),
                        GroupCheck.Maker.RANCHER_NODE_DRIVER));
            }
        }
        if (defaultGroups) {
            ec2.defaultGroups().forEach(group -> checks.add(new GroupCheck.Checked(defaultGroup(group),
                    GroupCheck.Maker.VPC_DEFAULT)));
        }
        return checks;
    }

    private static GroupToVerify named(List<GroupToVerify> toVerify, ObservedGroup group) {
        return toVerify.stream().filter(n -> n.names(group)).findFirst().orElse(null);
    }

    /**
     * A group verified against a profile: its missing rules are what Rancher needs and the group does
     * not allow; the VPC's blocks are read once per VPC, when a verdict depends on them. Peers named by
     * name are the groups of that name in the group's VPC, when the listing holds them.
     */
    private Outcome verified(String profile, GroupSpec spec, ObservedGroup group, PrefixLists lists,
                             Map<String, List<Peer.Cidr>> vpcBlocks, Function<String, String> peerIds) {
        List<Rule> required = spec.resolveKnownPeers(group.id(), peerIds).rules();
        Network network = new Network(List.of(), lists);
        if (Coverage.needsVpcBlocks(required, group.rules(), lists)) {
            network = network.withVpcBlocks(vpcBlocks.computeIfAbsent(group.vpcId(),
                    vpc -> ec2.vpcBlocks(vpc).orElse(List.of())));
        }
        GroupCoverage coverage = Coverage.of(required, group.rules(), network);
        Plan plan = new Plan(group.name(), coverage.missingRules(), List.of(), List.of(), List.of(), false);
        return new Outcome(new Location(ec2.account(), ec2.region(), group.vpcId(), group.id(), group.name()),
                profile, false, plan, Actions.NONE, plan.drift(),
                new Review(coverage.findings(), List.of()), Map.of());
    }

    /** A VPC's default group: in sync whatever it holds (no profile), with a finding when it holds rules. */
    private Outcome defaultGroup(ObservedGroup group) {
        Plan none = new Plan(group.name(), List.of(), List.of(), List.of(), List.of(), false);
        return new Outcome(new Location(ec2.account(), ec2.region(), group.vpcId(), group.id(), group.name()),
                GroupCheck.Maker.VPC_DEFAULT.label(), false, none, Actions.NONE, none.drift(),
                new Review(Findings.ofDefaultGroup(group.rules()), List.of()), Map.of());
    }

    private GroupCheck recorded(ObservedGroup group, Map<String, ObservedGroup> listed, PrefixLists lists) {
        try {
            Map<String, String> tags = group.tags();
            GroupRequest request;
            try {
                request = request(GroupTags.recordedProfile(tags),
                        GroupTags.decode(GroupTags.recordedOptions(tags), group.name()));
            } catch (IllegalArgumentException e) {
                throw new RefusedException(Refusal.of(Refusal.Code.UNREADABLE_TAGS, group.name(), "security group "
                        + group.id() + " carries rancher-sg tags that cannot be read back (" + e.getMessage() + ")"),
                        e);
            }
            Map<String, ObservedGroup> peers = new LinkedHashMap<>();
            Set<String> unlisted = new TreeSet<>();
            for (Rule rule : request.spec().rules()) {
                if (rule.peer() instanceof Peer.NamedGroup named && !named.name().equals(group.name())) {
                    if (listed.containsKey(named.name())) {
                        peers.put(named.name(), listed.get(named.name()));
                    } else {
                        unlisted.add(named.name());
                    }
                }
            }
            if (!unlisted.isEmpty()) {
                peers.putAll(ec2.groupsByName(unlisted, group.vpcId()));
            }
            GroupCheck.StackMember stack = tags.containsKey(GroupTags.CLUSTER)
                    ? new GroupCheck.StackMember(tags.get(GroupTags.CLUSTER), tags.get(GroupTags.LAYOUT),
                            tags.get(GroupTags.ROLE))
                    : null;
            return new GroupCheck.Checked(outcome(request.profile(), request.spec(), group, peers, lists),
                    GroupCheck.Maker.RANCHER_SG, stack);
        } catch (RefusedException e) {
            return new GroupCheck.Unchecked(group.id(), group.name(), group.vpcId(), e);
        }
    }

    /** The check of one group: the same decision as {@link Reconciler#check}, on what the listing read. */
    private Outcome outcome(String profile, GroupSpec spec, ObservedGroup group, Map<String, ObservedGroup> peers,
                            PrefixLists lists) {
        Map<String, ObservedGroup> groups = new LinkedHashMap<>(peers);
        groups.put(group.name(), group);
        Observation observed = new Observation(ObservedVpc.known(group.vpcId()), groups, Set.of(), lists);
        Decision decision = Reconcile.decide(List.of(spec), RunOptions.DEFAULTS.reportOnly(), observed);
        RefusedException.throwIfAny(decision.unacceptable());
        return Outcome.checked(new Location(ec2.account(), ec2.region(), group.vpcId(), group.id(), group.name()),
                profile, group.managed(), decision.groups().get(0));
    }

    private static GroupRequest request(String profile, ProfileOptions options) {
        return GroupRequest.forProfile(profile, options);
    }
}
