package io.ranchersg.aws;

import io.ranchersg.core.Diff;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.QuotaViolation;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

/**
 * Level-based reconciliation of one security group: every run reads the group fresh, diffs it
 * against the profile ({@link Diff}) and, for ensure, performs exactly that plan.
 *
 * <p>Safety: a group is never deleted or re-created; rules are only revoked with prune, and then
 * after the missing ones are authorized, so access is never briefly lost. A conflict with another
 * run (a duplicate rule or group) makes the run read the group again and finish what is still
 * missing, so concurrent runs all succeed and a re-run always completes an interrupted one.
 */
public final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);
    /** Rounds of read, plan and apply before giving up on a group that other writers keep changing. */
    static final int MAX_ROUNDS = 6;

    private final Ec2Session session;
    private final SecurityGroupApi api;
    /**
     * Ids of groups found by name, per VPC: a run resolves a name several times. Only found groups
     * are remembered, so that a group created since the last run is seen.
     */
    private final Map<String, Map<String, String>> namedGroupIds = new java.util.concurrent.ConcurrentHashMap<>();

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
        return api.findManaged().stream().map(this::checkRecorded).toList();
    }

    /**
     * One managed group against what its tags record. A group whose tags cannot be read back, or
     * whose profile names groups that do not exist, is reported alone; failures of EC2 itself
     * (access, network) still end the whole check.
     */
    private GroupCheck checkRecorded(SecurityGroup group) {
        try {
            return new GroupCheck.Checked(compare(Mode.CHECK, requestRecordedIn(group), group.vpcId(), group));
        } catch (UnreadableTagsException | PeerNotFoundException e) {
            return new GroupCheck.Unchecked(group.groupId(), group.groupName(), group.vpcId(), e);
        }
    }

    private Outcome run(Mode mode, GroupRequest request) {
        GroupSpec spec = request.spec();
        requireWithinQuota(spec.name(), spec.rules(), request);
        try (CallCounter.Tally tally = session.calls().startTally()) {
            Optional<Vpc> vpc = Optional.empty();
            String vpcId = request.vpcId();
            if (vpcId == null) {
                vpc = api.defaultVpc();
                vpcId = vpc.map(Vpc::vpcId).orElseThrow(() -> new VpcNotFoundException(
                        "the region " + session.region() + " has no default VPC: give the VPC id"));
            }
            Optional<SecurityGroup> found = api.findByName(spec.name(), vpcId);
            // Other groups the profile names must exist before anything is written.
            resolvePeers(spec, null, vpcId);
            Outcome outcome;
            if (found.isPresent()) {
                outcome = existing(mode, request, vpcId, found.get());
            } else {
                // Reading the VPC before creating refuses an unknown VPC id even where CreateSecurityGroup
                // would not (some emulators), and tells which outbound rules EC2 gives the new group.
                String id = vpcId;
                Vpc where = vpc.orElseGet(() -> api.vpc(id));
                outcome = mode == Mode.ENSURE ? create(request, where) : absent(mode, request, where);
            }
            return withCalls(outcome, tally.calls());
        }
    }

    private Outcome existing(Mode mode, GroupRequest request, String vpcId, SecurityGroup group) {
        if (mode != Mode.ENSURE) {
            return compare(mode, request, vpcId, group);
        }
        requireManagedOrAdopted(request, vpcId, group);
        // Adopted, or asked for with another profile or options: the tags must say so, for scans.
        boolean retag = !ManagedTags.record(group.tags(), request.profile(), request.options());
        return converge(request, vpcId, group.groupId(), false, retag, rulesOf(group));
    }

    private static void pause(int round) {
        try {
            Thread.sleep(100L << Math.min(round, 5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ec2CallException("interrupted while waiting for EC2", e);
        }
    }

    private static void requireManagedOrAdopted(GroupRequest request, String vpcId, SecurityGroup group) {
        if (!ManagedTags.isManaged(group.tags()) && !request.adopt()) {
            throw new GroupNotManagedException("security group '" + group.groupName() + "' (" + group.groupId()
                    + ") in " + vpcId + " was not created by rancher-sg: adopt it explicitly, or choose another"
                    + " group name");
        }
    }

    private Outcome create(GroupRequest request, Vpc vpc) {
        GroupSpec spec = request.spec();
        if (request.preflight()) {
            api.create(spec, vpc.vpcId(), true);
        }
        Optional<String> createdId = api.create(spec, vpc.vpcId(), false);
        if (createdId.isEmpty()) {
            // Another run created it between our read and our create: carry on as with an existing group.
            SecurityGroup group = api.findByName(spec.name(), vpc.vpcId()).orElseThrow(() -> new Ec2CallException(
                    "security group '" + spec.name() + "' was reported as existing in " + vpc.vpcId()
                            + " but cannot be read"));
            return existing(Mode.ENSURE, request, vpc.vpcId(), group);
        }
        return converge(request, vpc.vpcId(), createdId.get(), true, false, defaultRules(vpc));
    }

    private Outcome absent(Mode mode, GroupRequest request, Vpc vpc) {
        if (request.preflight()) {
            api.create(request.spec(), vpc.vpcId(), true);
        }
        GroupSpec desired = resolvePeers(request.spec(), null, vpc.vpcId());
        // What ensure would start from: the rules EC2 gives a new group.
        Plan plan = Diff.plan(desired, defaultRules(vpc), request.prune());
        return new Outcome(mode, session.region(), vpc.vpcId(), null, desired.name(), request.profile(), false,
                false, false, plan, List.of(), List.of(), List.of(), plan.drift(), List.of(), Map.of());
    }

    /** Plans against a group just read, for plan and check: nothing is written. */
    private Outcome compare(Mode mode, GroupRequest request, String vpcId, SecurityGroup group) {
        List<Rule> actual = rulesOf(group);
        GroupSpec desired = resolvePeers(request.spec(), group.groupId(), vpcId);
        Plan plan = Diff.plan(desired, actual, request.prune());
        if (mode == Mode.PLAN) {
            requireWithinQuota(desired.name(), plan, actual, request);
            if (request.preflight()) {
                // What ensure would refuse or write, proven without changing anything.
                requireManagedOrAdopted(request, vpcId, group);
                if (!ManagedTags.record(group.tags(), request.profile(), request.options())) {
                    api.tag(group.groupId(), desired.tags(), true);
                }
                new PlanExecutor(api, group.groupId(), true).apply(plan);
            }
        }
        return new Outcome(mode, session.region(), vpcId, group.groupId(), group.groupName(), request.profile(),
                true, false, ManagedTags.isManaged(group.tags()), plan, List.of(), List.of(), List.of(),
                plan.drift(), Findings.of(actual), Map.of());
    }

    /**
     * Applies the plan until the group matches: a conflict with another writer means reading the
     * group again and planning anew, for at most {@link #MAX_ROUNDS} rounds.
     */
    private Outcome converge(GroupRequest request, String vpcId, String groupId, boolean created, boolean retag,
                             List<Rule> actual) {
        GroupSpec desired = resolvePeers(request.spec(), groupId, vpcId);
        Plan first = null;
        Plan last = null;
        PlanExecutor executor = new PlanExecutor(api, groupId, false);
        for (int round = 1; round <= MAX_ROUNDS; round++) {
            // Right after create the group holds only what EC2 put there itself, never a rule of the
            // user's: what of it the profile does not list is removed, so the new group is exact.
            boolean prune = request.prune() || (created && round == 1);
            Plan plan = Diff.plan(desired, actual, prune);
            requireWithinQuota(desired.name(), plan, actual, request);
            if (first == null) {
                first = plan;
                if (request.preflight()) {
                    if (retag) {
                        api.tag(groupId, desired.tags(), true);
                    }
                    new PlanExecutor(api, groupId, true).apply(plan);
                }
                if (retag) {
                    api.tag(groupId, desired.tags(), false);
                }
            }
            if (plan.isEmpty()) {
                return new Outcome(Mode.ENSURE, session.region(), vpcId, groupId, desired.name(), request.profile(),
                        true, created, true, first, executor.authorized(), executor.revoked(),
                        executor.updated(), plan.drift(), Findings.of(actual), Map.of());
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

    private GroupRequest requestRecordedIn(SecurityGroup group) {
        Map<String, String> tags = ManagedTags.asMap(group.tags());
        try {
            String profile = tags.getOrDefault(ManagedTags.PROFILE, Profiles.RANCHER_NODES);
            return GroupRequest.forProfile(profile, ManagedTags.decode(tags.get(ManagedTags.OPTIONS), group.groupName()))
                    .withVpcId(group.vpcId());
        } catch (IllegalArgumentException e) {
            throw new UnreadableTagsException("security group " + group.groupId() + " carries rancher-sg tags that"
                    + " cannot be read back (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The spec with peers as EC2 names them: other groups named by the profile become their ids (one
     * read per name, only when a profile names any), the group's own id becomes {@code self}.
     *
     * @throws PeerNotFoundException when a named group does not exist in the VPC
     */
    private GroupSpec resolvePeers(GroupSpec spec, String ownGroupId, String vpcId) {
        Map<String, String> ids = namedGroupIds.computeIfAbsent(vpcId, v -> new java.util.concurrent.ConcurrentHashMap<>());
        java.util.Set<String> missing = new java.util.LinkedHashSet<>();
        GroupSpec resolved = spec.resolvePeers(ownGroupId, name -> {
            String id = ids.computeIfAbsent(name, n -> api.findByName(n, vpcId).map(SecurityGroup::groupId)
                    .orElse(null));
            if (id == null) {
                missing.add(name);
                return "sg-0";  // a placeholder, so that every missing name is collected before failing
            }
            return id;
        });
        if (!missing.isEmpty()) {
            throw new PeerNotFoundException("security group '" + spec.name() + "' refers to "
                    + (missing.size() == 1 ? "group '" + missing.iterator().next() + "', which does not" : "groups "
                    + missing + ", which do not") + " exist in " + vpcId);
        }
        return resolved;
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
                    + violations.stream().map(QuotaViolation::message).collect(java.util.stream.Collectors.joining("; "))
                    + "; revoke the extra rules first", violations);
        }
    }

    static List<Rule> rulesOf(SecurityGroup group) {
        List<Rule> rules = new ArrayList<>(Ec2Rules.fromEc2(Direction.INGRESS, group.ipPermissions()));
        rules.addAll(Ec2Rules.fromEc2(Direction.EGRESS, group.ipPermissionsEgress()));
        return Rules.localiseSelf(rules, group.groupId());
    }

    /** The rules EC2 gives a new group: all outbound traffic, to ::/0 too when the VPC has an IPv6 block. */
    private static List<Rule> defaultRules(Vpc vpc) {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""));
        boolean ipv6 = vpc.ipv6CidrBlockAssociationSet().stream().anyMatch(a -> a.ipv6CidrBlockState() == null
                || a.ipv6CidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED);
        if (ipv6) {
            rules.add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
        }
        return rules;
    }

    private static Outcome withCalls(Outcome o, Map<String, Integer> calls) {
        return new Outcome(o.mode(), o.region(), o.vpcId(), o.groupId(), o.groupName(), o.profile(), o.exists(),
                o.created(), o.managed(), o.plan(), o.authorized(), o.revoked(), o.updated(), o.drift(),
                o.findings(), calls);
    }
}
