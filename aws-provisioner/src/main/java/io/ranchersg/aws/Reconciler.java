package io.ranchersg.aws;

import io.ranchersg.core.Diff;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.QuotaViolation;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import io.ranchersg.core.Warning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

/**
 * Level-based reconciliation of one security group: every run reads the group fresh, diffs it
 * against the profile ({@link Diff}; {@link NewGroup} for a group that does not exist yet) and, for
 * ensure, performs exactly that plan. Plan and ensure share every step up to the first write.
 *
 * <p>Safety: a group is never deleted or re-created; rules are only revoked with prune, and then
 * after the missing ones are authorized, so access is never briefly lost. A conflict with another
 * run (a duplicate rule or group) makes the run read the group again and finish what is still
 * missing, so concurrent runs all succeed and a re-run always completes an interrupted one. Every
 * refusal (unknown VPC or peer, a group not rancher-sg's, another profile than the group was made
 * with, an unaccepted critical finding, the rule quota) comes before the first write.
 *
 * <p>A reconciler keeps nothing between runs: each run reads what it needs afresh.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Rounds of read, plan and apply before giving up on a group that other writers keep changing. */
    static final int MAX_ROUNDS = 6;

    private final Ec2Session session;
    private final SecurityGroupApi api;

    public Reconciler(Ec2Session session) {
        this.session = Objects.requireNonNull(session, "session");
        this.api = new SecurityGroupApi(session);
    }

    /** What {@link #ensure} would do; reads only (with preflight, writes are sent as DryRun). */
    public Outcome plan(GroupRequest request) {
        return run(Mode.PLAN, request);
    }

    /** Creates the group when absent and adds what is missing; with prune, revokes extras too. */
    public Outcome ensure(GroupRequest request) {
        return run(Mode.ENSURE, request);
    }

    /** How the group differs from its profile; reads only. */
    public Outcome check(GroupRequest request) {
        return run(Mode.CHECK, request.withPrune(false).withPreflight(false));
    }

    /**
     * Checks every group in the session's region that carries rancher-sg's tags, each against the
     * profile and options its tags record. The groups are listed in one paginated read, counted in
     * the session's {@link Ec2Session#calls()} rather than in any one outcome. A group that cannot
     * be checked is reported as {@link GroupCheck.Unchecked}, in its place among the others.
     */
    public List<GroupCheck> checkManaged() {
        return checkScanned(false);
    }

    /**
     * As {@link #checkManaged()}, and with {@code includeDriverGroups} also every group Rancher's EC2
     * node driver made (named {@code rancher-nodes}, tagged {@code rancher-nodes}), each checked
     * against what current drivers open: profile {@code rancher-nodes} with option current. The driver
     * takes a rule as present when one of the same protocol and from-port exists, so a rule narrowed
     * or pointed elsewhere stays so; here it is reported as missing (the profile's rule) and extra
     * (what the group holds instead). Both kinds come from one paginated read.
     */
    public List<GroupCheck> checkScanned(boolean includeDriverGroups) {
        List<SecurityGroup> listed = api.findScanned(includeDriverGroups);
        // Groups a recorded profile names (a stack's other groups, say) are usually in the same list:
        // found there, they cost no read of their own.
        Map<String, Map<String, SecurityGroup>> listedByVpc = new LinkedHashMap<>();
        listed.forEach(g -> listedByVpc.computeIfAbsent(g.vpcId(), v -> new LinkedHashMap<>()).put(g.groupName(), g));
        List<GroupCheck> checks = new ArrayList<>();
        for (SecurityGroup group : listed) {
            if (ManagedTags.isManaged(group.tags())) {
                checks.add(checkRecorded(group, listedByVpc.getOrDefault(group.vpcId(), Map.of())));
            } else if (includeDriverGroups && ManagedTags.isDriverMade(group.groupName(), group.tags())) {
                checks.add(checkDriverMade(group));
            }
        }
        return checks;
    }

    private GroupCheck checkDriverMade(SecurityGroup group) {
        GroupRequest request = GroupRequest.forProfile(Profiles.RANCHER_NODES,
                        ProfileOptions.defaults().withCurrent(true).withGroupName(group.groupName()))
                .withVpcId(group.vpcId());
        return new GroupCheck.Checked(compare(Mode.CHECK, request, group,
                new Peers(Map.of(), Set.of(), List.of(request), group.vpcId())), GroupCheck.Maker.RANCHER_NODE_DRIVER);
    }

    /**
     * One managed group against what its tags record. A group whose tags cannot be read back, or
     * whose profile names groups that do not exist, is reported alone; failures of EC2 itself
     * (access, network) still end the whole check.
     */
    private GroupCheck checkRecorded(SecurityGroup group, Map<String, SecurityGroup> listed) {
        try {
            GroupRequest request = requestRecordedIn(group);
            Map<String, SecurityGroup> byName = new LinkedHashMap<>();
            Set<String> unlisted = new TreeSet<>();
            for (String name : namedPeers(request.spec())) {
                if (listed.containsKey(name)) {
                    byName.put(name, listed.get(name));
                } else {
                    unlisted.add(name);
                }
            }
            if (!unlisted.isEmpty()) {
                byName.putAll(api.findByNames(unlisted, group.vpcId()));
            }
            Map<String, String> tags = ManagedTags.asMap(group.tags());
            GroupCheck.StackMember stack = tags.containsKey(GroupTags.CLUSTER)
                    ? new GroupCheck.StackMember(tags.get(GroupTags.CLUSTER), tags.get(GroupTags.LAYOUT),
                            tags.get(GroupTags.ROLE))
                    : null;
            return new GroupCheck.Checked(compare(Mode.CHECK, request, group,
                    new Peers(byName, Set.of(), List.of(request), group.vpcId())), GroupCheck.Maker.RANCHER_SG, stack);
        } catch (UnreadableTagsException | PeerNotFoundException e) {
            return new GroupCheck.Unchecked(group.groupId(), group.groupName(), group.vpcId(), e);
        }
    }

    /** What {@link #ensureStack} would do; reads only (with preflight, writes are sent as DryRun). */
    public StackOutcome planStack(StackRequest request) {
        return stack(Mode.PLAN, request);
    }

    /**
     * Creates every missing group of the stack, then makes each hold its profile: every group exists
     * before any rule refers to it, so references between them may form cycles.
     */
    public StackOutcome ensureStack(StackRequest request) {
        return stack(Mode.ENSURE, request);
    }

    /** How each group of the stack differs from its profile; reads only. */
    public StackOutcome checkStack(StackRequest request) {
        return stack(Mode.CHECK, request.withPrune(false).withPreflight(false));
    }

    private StackOutcome stack(Mode mode, StackRequest request) {
        try (CallCounter.Tally tally = session.calls().startTally()) {
            List<Outcome> outcomes = run(mode, request.groups());
            List<StackOutcome.Member> members = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                members.add(new StackOutcome.Member(request.stack().groups().get(i).role(), outcomes.get(i)));
            }
            return new StackOutcome(request.stack().cluster(), request.stack().layout(), members, tally.calls());
        }
    }

    private Outcome run(Mode mode, GroupRequest request) {
        try (CallCounter.Tally tally = session.calls().startTally()) {
            return run(mode, List.of(request)).get(0).withCalls(tally.calls());
        }
    }

    /**
     * One run over a set of groups in one VPC that may name each other as peers: a single group, or
     * a cluster stack. Every check comes before the first write; one read finds every group of the
     * set and every group they name; missing groups are all created before any rule is written.
     */
    private List<Outcome> run(Mode mode, List<GroupRequest> requests) {
        boolean writes = mode == Mode.ENSURE || (mode == Mode.PLAN && requests.get(0).preflight());
        for (GroupRequest request : requests) {
            requireWithinQuota(request.spec().name(), request.spec().rules(), request);
            if (writes) {
                requireAcceptedRisks(request);
            }
        }
        Optional<Vpc> vpc = Optional.empty();
        String vpcId = requests.get(0).vpcId();
        if (vpcId == null) {
            vpc = api.defaultVpc();
            vpcId = vpc.map(Vpc::vpcId).orElseThrow(() -> new VpcNotFoundException(
                    "the region " + session.region() + " has no default VPC: give the VPC id"));
        }
        // The groups and every group they name as peers in one read; peers by id in one more, when
        // there are any. Peers from outside the set must exist before anything is written.
        Set<String> ownNames = new LinkedHashSet<>();
        requests.forEach(r -> ownNames.add(r.spec().name()));
        Set<String> names = new LinkedHashSet<>(ownNames);
        requests.forEach(r -> names.addAll(namedPeers(r.spec())));
        Map<String, SecurityGroup> byName = api.findByNames(names, vpcId);
        requirePeerIdsExist(requests.stream().map(GroupRequest::spec).toList(), vpcId);
        Peers peers = new Peers(byName, ownNames, requests, vpcId);
        Vpc where = null;
        if (requests.stream().anyMatch(r -> !byName.containsKey(r.spec().name()))) {
            // Reading the VPC before creating refuses an unknown VPC id even where CreateSecurityGroup
            // would not (some emulators), and tells which outbound rules EC2 gives a new group.
            String id = vpcId;
            where = vpc.orElseGet(() -> api.vpc(id));
        }
        List<Outcome> outcomes = new ArrayList<>();
        if (mode != Mode.ENSURE) {
            for (GroupRequest request : requests) {
                SecurityGroup group = byName.get(request.spec().name());
                outcomes.add(group != null ? compare(mode, request, group, peers)
                        : absent(mode, request, where, peers));
            }
            return outcomes;
        }
        // Refusals first, for every group, then the creates, then the rules.
        Map<String, Boolean> retag = new LinkedHashMap<>();
        for (GroupRequest request : requests) {
            SecurityGroup group = byName.get(request.spec().name());
            if (group != null) {
                requireManagedOrAdopted(request, group);
                retag.put(group.groupId(), requireSameMaking(request, group));
                requireWithinQuota(request.spec().name(), Diff.plan(peers.resolve(request, group.groupId()),
                        rulesOf(group), request.prune()), rulesOf(group), request);
            } else {
                requireWithinQuota(request.spec().name(), NewGroup.plan(peers.resolve(request, null), hasIpv6(where)),
                        NewGroup.defaultRules(hasIpv6(where)), request);
            }
        }
        Map<String, SecurityGroup> existing = new LinkedHashMap<>(byName);
        Set<String> created = new LinkedHashSet<>();
        for (GroupRequest request : requests) {
            String name = request.spec().name();
            if (existing.containsKey(name)) {
                continue;
            }
            if (request.preflight()) {
                api.create(request.spec(), vpcId, true);
            }
            Optional<String> id = api.create(request.spec(), vpcId, false);
            String inVpc = vpcId;
            if (id.isPresent()) {
                created.add(name);
                peers.created(name, id.get());
            } else {
                // Another run created it between our read and our create: carry on as with an existing group.
                SecurityGroup group = api.findByName(name, inVpc).orElseThrow(() -> new Ec2CallException(
                        "security group '" + name + "' was reported as existing in " + inVpc
                                + " but cannot be read"));
                requireManagedOrAdopted(request, group);
                retag.put(group.groupId(), requireSameMaking(request, group));
                existing.put(name, group);
                peers.created(name, group.groupId());
            }
        }
        for (GroupRequest request : requests) {
            String name = request.spec().name();
            if (created.contains(name)) {
                String id = peers.idOf(name);
                outcomes.add(converge(request, vpcId, id, true, false, NewGroup.defaultRules(hasIpv6(where)),
                        NewGroup.plan(peers.resolve(request, id), hasIpv6(where)), peers));
            } else {
                SecurityGroup group = existing.get(name);
                outcomes.add(converge(request, vpcId, group.groupId(), false, retag.get(group.groupId()),
                        rulesOf(group), null, peers));
            }
        }
        return outcomes;
    }

    /** Plan and check of a group that does not exist: what ensure would create, and what it lacks. */
    private Outcome absent(Mode mode, GroupRequest request, Vpc vpc, Peers peers) {
        if (request.preflight()) {
            api.create(request.spec(), vpc.vpcId(), true);
        }
        GroupSpec desired = peers.resolve(request, null);
        List<Rule> defaults = NewGroup.defaultRules(hasIpv6(vpc));
        Plan plan = NewGroup.plan(desired, hasIpv6(vpc));
        Location location = location(vpc.vpcId(), null, desired.name());
        if (mode == Mode.CHECK) {
            return new Outcome(location, request.profile(), false, plan, Actions.NONE, plan.drift(), Review.NONE,
                    Map.of());
        }
        requireWithinQuota(desired.name(), plan, defaults, request);
        Review review = new Review(Findings.of(plan.applyTo(defaults)), riskWarnings(request));
        return new Outcome(location, request.profile(), false, plan, Actions.of(true, plan), plan.drift(), review,
                Map.of());
    }

    /** Plans against a group just read, for plan and check: nothing is written. */
    private Outcome compare(Mode mode, GroupRequest request, SecurityGroup group, Peers peers) {
        List<Rule> actual = rulesOf(group);
        GroupSpec desired = peers.resolve(request, group.groupId());
        Plan plan = Diff.plan(desired, actual, request.prune());
        Location location = location(group.vpcId(), group.groupId(), group.groupName());
        boolean managed = ManagedTags.isManaged(group.tags());
        if (mode == Mode.CHECK) {
            return new Outcome(location, request.profile(), managed, plan, Actions.NONE, plan.drift(),
                    new Review(Findings.of(actual), List.of()), Map.of());
        }
        requireWithinQuota(desired.name(), plan, actual, request);
        List<Warning> warnings = new ArrayList<>(Warning.ofPlan(plan));
        warnings.addAll(riskWarnings(request));
        if (request.preflight()) {
            // What ensure would refuse or write, proven without changing anything.
            requireManagedOrAdopted(request, group);
            if (requireSameMaking(request, group)) {
                api.tag(group.groupId(), desired.tags(), true);
            }
            new PlanExecutor(api, group.groupId(), true).apply(plan);
        } else {
            remakingWarning(request, group).ifPresent(warnings::add);
        }
        return new Outcome(location, request.profile(), managed, plan, Actions.of(false, plan), plan.drift(),
                new Review(Findings.of(plan.applyTo(actual)), warnings), Map.of());
    }

    /**
     * Applies the plan until the group matches: a conflict with another writer means reading the
     * group again and planning anew, for at most {@link #MAX_ROUNDS} rounds. Tags that adopt or
     * reconfigure the group are written last, once its rules are in, so that a group EC2 refuses
     * to extend is not left marked as rancher-sg's.
     *
     * @param initial the plan for the first round, or {@code null} to plan against {@code actual}
     */
    private Outcome converge(GroupRequest request, String vpcId, String groupId, boolean created, boolean retag,
                             List<Rule> actual, Plan initial, Peers peers) {
        // Every group of the set exists by now: each name resolves, or this is a bug, not a plan.
        GroupSpec desired = peers.resolveAll(request, groupId);
        Plan first = null;
        Plan last = null;
        PlanExecutor executor = new PlanExecutor(api, groupId, false);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            Plan plan = round == 1 && initial != null ? initial : Diff.plan(desired, actual, request.prune());
            requireWithinQuota(desired.name(), plan, actual, request);
            if (first == null) {
                first = plan;
                if (request.preflight()) {
                    if (retag) {
                        api.tag(groupId, desired.tags(), true);
                    }
                    new PlanExecutor(api, groupId, true).apply(plan);
                }
            }
            if (plan.isEmpty()) {
                if (retag) {
                    api.tag(groupId, desired.tags(), false);
                }
                Actions actions = new Actions(created, executor.authorized(), executor.revoked(), executor.updated());
                List<Warning> warnings = created ? List.of() : Warning.ofPlan(first);
                return new Outcome(location(vpcId, groupId, desired.name()), request.profile(), true, first, actions,
                        plan.drift(), new Review(Findings.of(actual), warnings), Map.of());
            }
            if (executor.apply(plan)) {
                actual = plan.applyTo(actual);
            } else {
                log.info("security group {} changed under us (round {}); reading it again", groupId, round);
                List<Rule> reread = rulesOf(api.findById(groupId).orElseThrow(() -> new Ec2CallException(
                        "security group " + groupId + " disappeared while being reconciled")));
                if (Rules.sorted(reread).equals(Rules.sorted(actual))) {
                    // EC2's reads lag its writes: the other writer's change may not show yet. Give it time.
                    pause(round);
                }
                actual = reread;
                last = plan;
            }
        }
        throw new Ec2CallException("security group " + groupId + " did not converge in " + MAX_ROUNDS
                + " rounds (EC2 kept refusing: " + (last == null ? "" : last.toString().lines().findFirst().orElse(""))
                + "); nothing unplanned was written, run ensure again");
    }

    private Location location(String vpcId, String groupId, String groupName) {
        return new Location(session.account(), session.region(), vpcId, groupId, groupName);
    }

    private static void pause(int round) {
        try {
            Thread.sleep(100L << Math.min(round, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ec2CallException("interrupted while waiting for EC2", e);
        }
    }

    private static void requireManagedOrAdopted(GroupRequest request, SecurityGroup group) {
        if (!ManagedTags.isManaged(group.tags()) && !request.adopt()) {
            throw new GroupNotManagedException("security group '" + group.groupName() + "' (" + group.groupId()
                    + ") in " + group.vpcId() + " was not created by rancher-sg: adopt it explicitly, or choose"
                    + " another group name");
        }
    }

    /**
     * Refuses to change what a managed group was made for (its recorded profile or options) unless
     * the request says to reconfigure it.
     *
     * @return whether the group's tags must be rewritten (adopted, or reconfigured)
     */
    private static boolean requireSameMaking(GroupRequest request, SecurityGroup group) {
        if (ManagedTags.record(group.tags(), request.profile(), request.options())) {
            // Made for this; still retagged when a tag it should carry is missing (a stack's cluster, say).
            Map<String, String> have = ManagedTags.asMap(group.tags());
            return request.spec().tags().entrySet().stream()
                    .anyMatch(t -> !t.getKey().equals(ManagedTags.VERSION) && !t.getValue().equals(have.get(t.getKey())));
        }
        if (ManagedTags.isManaged(group.tags()) && !request.reconfigure()) {
            throw new ReconfigureRefusedException(remaking(request, group) + "; nothing was written: reconfigure it"
                    + " explicitly if that is meant");
        }
        return true;
    }

    private static Optional<Warning> remakingWarning(GroupRequest request, SecurityGroup group) {
        if (!ManagedTags.isManaged(group.tags()) || ManagedTags.record(group.tags(), request.profile(),
                request.options())) {
            return Optional.empty();
        }
        return Optional.of(new Warning(Warning.RECONFIGURES, remaking(request, group)
                + (request.reconfigure() ? "; ensure will reconfigure it" : "; ensure refuses this unless told to"
                + " reconfigure it")));
    }

    private static String remaking(GroupRequest request, SecurityGroup group) {
        Map<String, String> tags = ManagedTags.asMap(group.tags());
        return "security group '" + group.groupName() + "' (" + group.groupId() + ") was made with profile "
                + ManagedTags.recordedProfile(tags) + " and " + optionsText(ManagedTags.recordedOptions(tags))
                + ", but this run asks for profile " + request.profile() + " and "
                + optionsText(ManagedTags.encode(request.options()));
    }

    private static String optionsText(String encoded) {
        return encoded.isBlank() ? "default options" : "options '" + encoded + "'";
    }

    /** Refuses a request whose own rules have critical findings the user did not accept, before any call. */
    private static void requireAcceptedRisks(GroupRequest request) {
        List<Finding> refused = request.acceptedRisks().refused(request.spec().rules());
        if (!refused.isEmpty()) {
            throw new CriticalExposureException("security group '" + request.groupName() + "' would be written with "
                    + refused.size() + " critical finding" + (refused.size() == 1 ? "" : "s") + ": "
                    + refused.get(0).message() + "; nothing was written: accept the risk "
                    + refused.stream().map(Finding::code).distinct().collect(Collectors.joining(", "))
                    + " explicitly if that is meant", refused);
        }
    }

    /** For plan: that ensure will refuse the request's unaccepted critical findings. */
    private static List<Warning> riskWarnings(GroupRequest request) {
        List<Finding> refused = request.acceptedRisks().refused(request.spec().rules());
        if (refused.isEmpty()) {
            return List.of();
        }
        return List.of(new Warning(Warning.NEEDS_ACCEPTED_RISK, "ensure refuses this request unless the risk "
                + refused.stream().map(Finding::code).distinct().collect(Collectors.joining(", "))
                + " is accepted explicitly: " + refused.get(0).message()));
    }

    private GroupRequest requestRecordedIn(SecurityGroup group) {
        Map<String, String> tags = ManagedTags.asMap(group.tags());
        try {
            return GroupRequest.forProfile(ManagedTags.recordedProfile(tags),
                            ManagedTags.decode(ManagedTags.recordedOptions(tags), group.groupName()))
                    .withVpcId(group.vpcId());
        } catch (IllegalArgumentException e) {
            throw new UnreadableTagsException("security group " + group.groupId() + " carries rancher-sg tags that"
                    + " cannot be read back (" + e.getMessage() + ")", e);
        }
    }

    private static Set<String> namedPeers(GroupSpec spec) {
        return spec.rules().stream()
                .map(Rule::peer)
                .filter(p -> p instanceof Peer.NamedGroup)
                .map(Peer::value)
                .filter(name -> !name.equals(spec.name()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Refuses peers given by id that do not exist, before anything is written: EC2 would only say so
     * at the first authorize, after the group was created.
     *
     * @throws PeerNotFoundException naming every missing id
     */
    private void requirePeerIdsExist(List<GroupSpec> specs, String vpcId) {
        Set<String> ids = specs.stream()
                .flatMap(spec -> spec.rules().stream())
                .map(Rule::peer)
                .filter(p -> p instanceof Peer.Group)
                .map(Peer::value)
                .collect(Collectors.toCollection(TreeSet::new));
        if (ids.isEmpty()) {
            return;
        }
        Set<String> missing = new TreeSet<>(ids);
        missing.removeAll(api.existingIds(ids));
        if (!missing.isEmpty()) {
            String which = specs.stream().filter(spec -> spec.rules().stream().anyMatch(r ->
                    r.peer() instanceof Peer.Group g && missing.contains(g.groupId())))
                    .map(GroupSpec::name).findFirst().orElse("?");
            throw new PeerNotFoundException("security group '" + which + "' refers to "
                    + (missing.size() == 1 ? "group " + missing.iterator().next() + ", which does not"
                    : "groups " + String.join(", ", missing) + ", which do not") + " exist " + session.where()
                    + " (looked up from " + vpcId + ")");
        }
    }

    /**
     * The ids of the groups one run's specs name, read once at its start, plus the groups it
     * creates. A group of the run's own set that does not exist yet stays a name until it is
     * created (plan shows such rules by name); any other named group must exist.
     */
    private static final class Peers {
        private final Map<String, String> idByName = new LinkedHashMap<>();

        /**
         * @throws PeerNotFoundException when a named group outside the set does not exist in the VPC
         */
        Peers(Map<String, SecurityGroup> byName, Set<String> ownNames, List<GroupRequest> requests, String vpcId) {
            byName.forEach((name, group) -> idByName.put(name, group.groupId()));
            for (GroupRequest request : requests) {
                Set<String> missing = new TreeSet<>(namedPeers(request.spec()));
                missing.removeAll(idByName.keySet());
                missing.removeAll(ownNames);
                if (!missing.isEmpty()) {
                    throw new PeerNotFoundException("security group '" + request.spec().name() + "' refers to "
                            + (missing.size() == 1 ? "group '" + missing.iterator().next() + "', which does not"
                            : "groups " + missing + ", which do not") + " exist in " + vpcId);
                }
            }
        }

        void created(String name, String groupId) {
            idByName.put(name, groupId);
        }

        String idOf(String name) {
            return idByName.get(name);
        }

        /**
         * The request's spec with peers as EC2 names them: other groups by id, its own id as
         * {@code self}; groups of the set not created yet stay names (for plans).
         */
        GroupSpec resolve(GroupRequest request, String ownGroupId) {
            return request.spec().resolveKnownPeers(ownGroupId, idByName::get);
        }

        /** As {@link #resolve}, once every group exists: a name without an id is refused. */
        GroupSpec resolveAll(GroupRequest request, String ownGroupId) {
            return request.spec().resolvePeers(ownGroupId, idByName::get);
        }
    }

    private static void requireWithinQuota(String groupName, List<Rule> rules, GroupRequest request) {
        List<QuotaViolation> violations = request.quota().check(rules);
        if (!violations.isEmpty()) {
            throw QuotaExceededException.wouldExceed(groupName, violations);
        }
    }

    /**
     * Refuses a plan whose authorizations would take the group over its quota. Rules are authorized
     * before extras are revoked, so the peak (what the group holds plus what is added) must fit, not
     * only the end state. A plan that adds nothing passes: a group already over the default quota
     * proves that AWS raised it.
     */
    private static void requireWithinQuota(String groupName, Plan plan, List<Rule> actual, GroupRequest request) {
        if (plan.toAuthorize().isEmpty()) {
            return;
        }
        requireWithinQuota(groupName, plan.applyTo(actual), request);
        List<Rule> peak = new ArrayList<>(actual);
        peak.addAll(plan.toAuthorize());
        List<QuotaViolation> violations = request.quota().check(peak);
        if (!violations.isEmpty()) {
            throw new QuotaExceededException("security group '" + groupName + "' fits its rule quota after prune,"
                    + " but not while new rules are added before extra ones are revoked, nothing was changed: "
                    + violations.stream().map(QuotaViolation::message).collect(Collectors.joining("; "))
                    + "; revoke the extra rules first", violations);
        }
    }

    static List<Rule> rulesOf(SecurityGroup group) {
        List<Rule> rules = new ArrayList<>(Ec2Rules.fromEc2(Direction.INGRESS, group.ipPermissions()));
        rules.addAll(Ec2Rules.fromEc2(Direction.EGRESS, group.ipPermissionsEgress()));
        return Rules.localiseSelf(rules, group.groupId());
    }

    /** Whether the VPC has an IPv6 block, so that EC2 opens {@code ::/0} outbound on a new group too. */
    private static boolean hasIpv6(Vpc vpc) {
        return vpc.ipv6CidrBlockAssociationSet().stream().anyMatch(a -> a.ipv6CidrBlockState() == null
                || a.ipv6CidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED);
    }
}
