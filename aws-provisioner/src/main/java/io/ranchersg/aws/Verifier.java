package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.coverage.Coverage;
import io.ranchersg.core.coverage.GroupCoverage;
import io.ranchersg.core.coverage.Network;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies groups that may be someone else's: observe (one read of the groups; the VPC's blocks
 * only when a {@code self} or group requirement is not met by a reference to the same group; the
 * entries of the prefix lists the rules name), then judge ({@link Coverage}: pure, in core). Never
 * writes: read-only IAM suffices.
 *
 * <p>A verifier keeps nothing between runs and may be used by several threads at once; the session
 * it works through stays its creator's to close. Every run may throw what {@link Reconciler}'s do.
 */
public final class Verifier {

    private final Ec2Gateway ec2;

    /**
     * A verifier working through a session's EC2 client.
     *
     * @param session the session; the caller keeps it and closes it
     */
    public Verifier(Ec2Session session) {
        this(new SecurityGroupApi(Objects.requireNonNull(session, "session")));
    }

    /**
     * A verifier working through a gateway: EC2 itself, or a twin in tests.
     *
     * @param ec2 the gateway
     */
    public Verifier(Ec2Gateway ec2) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    /** A group to judge: its requirements, the group when it exists, and its name for the report. */
    private record Target(String profile, GroupSpec required, ObservedGroup group, String name) {
    }

    /**
     * How the group meets the requirements; reads only.
     *
     * @param request the group, by name or id, and the requirements
     * @return a verdict per requirement, the rules that allow more, the findings; when a group of
     *     that name does not exist, no requirement is covered
     * @throws RefusedException when the VPC, or the group of the id, does not exist
     */
    public Verification verify(VerifyRequest request) {
        try (CallCounter.Tally tally = ec2.calls().startTally()) {
            GroupSpec spec = request.requirements().spec();
            String profile = request.requirements().profile();
            Set<String> peerNames = namedPeers(List.of(spec));
            Map<String, String> idByName = new HashMap<>();
            ObservedGroup group;
            String vpcId;
            if (request.groupId() != null) {
                group = ec2.groupById(request.groupId()).orElseThrow(() -> new RefusedException(Refusal.of(
                        Refusal.Code.GROUP_NOT_FOUND, request.groupId(), "there is no security group "
                                + request.groupId() + " " + ec2.where())));
                vpcId = group.vpcId();
                peerNames.remove(spec.name());
                idByName.put(spec.name(), group.id());
                if (!peerNames.isEmpty()) {
                    ec2.groupsByName(peerNames, vpcId).forEach((name, g) -> idByName.put(name, g.id()));
                }
            } else {
                vpcId = new Observer(ec2).vpcId(request.requirements().vpcId());
                Set<String> names = new LinkedHashSet<>(List.of(spec.name()));
                names.addAll(peerNames);
                Map<String, ObservedGroup> found = ec2.groupsByName(names, vpcId);
                found.forEach((name, g) -> idByName.put(name, g.id()));
                group = found.get(spec.name());
                if (group == null && request.requirements().vpcId() != null) {
                    refuseUnknownVpc(vpcId);
                }
            }
            String name = group != null ? group.name() : spec.name();
            List<Verification> judged = judge(vpcId, List.of(new Target(profile, spec, group, name)), idByName);
            return judged.get(0).withCalls(tally.calls());
        }
    }

    /**
     * How each group of the stack meets its role's requirements; reads only.
     *
     * @param request the stack, and the ids of the roles' groups made under other names
     * @return a verification per role, in the layout's order
     * @throws RefusedException when the VPC, or a mapped group, does not exist
     */
    public StackVerification verifyStack(StackVerifyRequest request) {
        try (CallCounter.Tally tally = ec2.calls().startTally()) {
            List<StackGroup> roles = request.stack().stack().groups();
            Map<String, ObservedGroup> mapped = new HashMap<>();
            request.groupIds().forEach((role, id) -> mapped.put(role, ec2.groupById(id).orElseThrow(() ->
                    new RefusedException(Refusal.of(Refusal.Code.GROUP_NOT_FOUND, id, "there is no security group "
                            + id + " (--group " + role + ") " + ec2.where())))));
            String vpcId = request.stack().vpcId();
            if (vpcId == null) {
                vpcId = mapped.isEmpty() ? new Observer(ec2).vpcId(null) : mapped.values().iterator().next().vpcId();
            }
            Set<String> names = namedPeers(roles.stream().map(StackGroup::spec).toList());
            roles.stream().filter(r -> !mapped.containsKey(r.role())).forEach(r -> names.add(r.name()));
            roles.stream().filter(r -> mapped.containsKey(r.role())).forEach(r -> names.remove(r.name()));
            Map<String, ObservedGroup> found = names.isEmpty() ? Map.of() : ec2.groupsByName(names, vpcId);
            Map<String, String> idByName = new HashMap<>();
            found.forEach((name, g) -> idByName.put(name, g.id()));
            List<Target> targets = new ArrayList<>();
            for (StackGroup role : roles) {
                ObservedGroup group = mapped.containsKey(role.role()) ? mapped.get(role.role()) : found.get(role.name());
                if (group != null) {
                    idByName.put(role.name(), group.id());
                }
                targets.add(new Target(role.profile(), role.spec(), group, group != null ? group.name() : role.name()));
            }
            if (targets.stream().allMatch(t -> t.group() == null) && request.stack().vpcId() != null) {
                refuseUnknownVpc(vpcId);
            }
            List<Verification> judged = judge(vpcId, targets, idByName);
            List<StackVerification.Member> members = new ArrayList<>();
            for (int i = 0; i < roles.size(); i++) {
                members.add(new StackVerification.Member(roles.get(i).role(), judged.get(i)));
            }
            return new StackVerification(request.stack().stack().cluster(), request.stack().stack().layout(),
                    members, tally.calls());
        }
    }

    /**
     * Judges each target with one read of the prefix lists the rules name and, when a verdict could
     * depend on them, one of the VPC's blocks.
     */
    private List<Verification> judge(String vpcId, List<Target> targets, Map<String, String> idByName) {
        List<List<Rule>> required = new ArrayList<>();
        List<Rule> every = new ArrayList<>();
        for (Target target : targets) {
            String ownId = target.group() == null ? null : target.group().id();
            List<Rule> rules = target.required().resolveKnownPeers(ownId, idByName::get).rules();
            required.add(rules);
            every.addAll(rules);
            every.addAll(actual(target));
        }
        PrefixLists lists = new Observer(ec2).prefixLists(every);
        boolean needsVpc = false;
        for (int i = 0; i < targets.size(); i++) {
            needsVpc |= targets.get(i).group() != null
                    && Coverage.needsVpcBlocks(required.get(i), actual(targets.get(i)), lists);
        }
        List<Peer.Cidr> blocks = needsVpc ? ec2.vpcBlocks(vpcId).orElse(List.of()) : List.of();
        Network network = new Network(blocks, lists);
        List<Verification> out = new ArrayList<>();
        for (int i = 0; i < targets.size(); i++) {
            Target target = targets.get(i);
            ObservedGroup group = target.group();
            GroupCoverage coverage = Coverage.of(required.get(i), actual(target), network);
            Location location = new Location(ec2.account(), ec2.region(), group == null ? vpcId : group.vpcId(),
                    group == null ? null : group.id(), target.name());
            out.add(new Verification(location, target.profile(), group != null, group != null && group.managed(),
                    group != null && ManagedTags.isDriverMade(group.name(), group.tags()), coverage,
                    coverage.assumesNodesInVpc() ? blocks : List.of(), Map.of()));
        }
        return out;
    }

    private static List<Rule> actual(Target target) {
        return target.group() == null ? List.of() : target.group().rules();
    }

    /** The names of the groups the specs name as peers, besides their own. */
    private static Set<String> namedPeers(List<GroupSpec> specs) {
        Set<String> names = new LinkedHashSet<>();
        specs.forEach(spec -> spec.rules().forEach(r -> {
            if (r.peer() instanceof Peer.NamedGroup named && !named.name().equals(spec.name())) {
                names.add(named.name());
            }
        }));
        return names;
    }

    /** A group of that name is absent: say so plainly if the reason is that its VPC is. */
    private void refuseUnknownVpc(String vpcId) {
        Optional<?> vpc = ec2.vpc(vpcId);
        if (vpc.isEmpty()) {
            throw new RefusedException(Refusal.of(Refusal.Code.VPC_NOT_FOUND, "", "the VPC '" + vpcId
                    + "' does not exist " + ec2.where()));
        }
    }
}
