package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.Warning;
import io.ranchersg.core.reconcile.Decision;
import io.ranchersg.core.reconcile.GroupDecision;
import io.ranchersg.core.reconcile.Observation;
import io.ranchersg.core.reconcile.Reconcile;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Level-based reconciliation of a set of groups in one VPC (a single group is a set of one, a
 * cluster stack a set of 2-3): observe ({@link Observer}: one read), decide ({@link Reconcile#decide}:
 * pure, in core), then, for ensure only, execute ({@link Executor}). Plan and check take the same
 * decision and only report it, so plan, ensure and check cannot disagree.
 *
 * <p>Safety: a group is never deleted or re-created; rules are only revoked with prune, and then
 * after the missing ones are authorized, so access is never briefly lost. Every refusal (unknown
 * VPC or peer, a group not rancher-sg's, another profile than the group was made with, an
 * unaccepted critical finding, the rule quota) is part of the decision and thrown before the first
 * write. A plan shows the refusals that a run option accepts as warnings and fails on the others.
 *
 * <p>A reconciler keeps nothing between runs: each run reads what it needs afresh. It may be used by
 * several threads at once (each run's call counts are its own); the session it works through stays
 * its creator's to close.
 *
 * <p>Every run may also throw {@link AwsSetupException} (AWS refuses the credentials),
 * {@link AccessDeniedException} (a permission is missing; the message names the IAM action),
 * {@link EndpointUnreachableException} (the EC2 endpoint does not answer) and
 * {@link Ec2CallException} (any other error EC2 answers with).
 */
public final class Reconciler {

    private final Ec2Gateway ec2;

    /**
     * A reconciler working through a session's EC2 client.
     *
     * @param session the session; the caller keeps it and closes it
     */
    public Reconciler(Ec2Session session) {
        this(new SecurityGroupApi(Objects.requireNonNull(session, "session")));
    }

    /**
     * A reconciler working through a gateway: EC2 itself, or a twin in tests.
     *
     * @param ec2 the gateway
     */
    public Reconciler(Ec2Gateway ec2) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    /**
     * What {@link #ensure} would do; reads only (with preflight, writes are sent as DryRun).
     *
     * @param request the group: its profile, options, VPC and run options
     * @return the changes ensure would make, with the findings and warnings
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     */
    public Outcome plan(GroupRequest request) {
        return single(Mode.PLAN, request);
    }

    /**
     * Creates the group when absent and adds what is missing; with prune, revokes extras too.
     *
     * @param request the group: its profile, options, VPC and run options
     * @return what was done to the group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     */
    public Outcome ensure(GroupRequest request) {
        return single(Mode.ENSURE, request);
    }

    /**
     * How the group differs from its profile; reads only.
     *
     * @param request the group: its profile, options, VPC and run options
     * @return the drift and the findings
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     */
    public Outcome check(GroupRequest request) {
        return single(Mode.CHECK, request);
    }

    /**
     * What {@link #ensureStack} would do; reads only (with preflight, writes are sent as DryRun).
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @return the changes ensure would make to each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     */
    public StackOutcome planStack(StackRequest request) {
        return stack(Mode.PLAN, request);
    }

    /**
     * Creates every missing group of the stack, then makes each hold its profile: every group exists
     * before any rule refers to it, so references between them may form cycles.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @return what was done to each group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     */
    public StackOutcome ensureStack(StackRequest request) {
        return stack(Mode.ENSURE, request);
    }

    /**
     * How each group of the stack differs from its profile; reads only.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @return the drift and the findings of each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     */
    public StackOutcome checkStack(StackRequest request) {
        return stack(Mode.CHECK, request);
    }

    /**
     * Checks every group in the region that carries rancher-sg's tags, each against the profile and
     * options its tags record, from one paginated read ({@link RegionCheck}).
     *
     * @return one check per group; a group that cannot be checked says why
     */
    public List<GroupCheck> checkManaged() {
        return checkScanned(false);
    }

    /**
     * As {@link #checkManaged()}, and with {@code includeDriverGroups} the groups Rancher's node driver made.
     *
     * @param includeDriverGroups whether to check the node driver's groups too
     * @return one check per group; a group that cannot be checked says why
     */
    public List<GroupCheck> checkScanned(boolean includeDriverGroups) {
        return checkScanned(includeDriverGroups, false);
    }

    /**
     * As {@link #checkScanned(boolean)}, and with {@code includeDefaultGroups} the default group of every
     * VPC of the region too, judged only by whether it holds rules (one more read).
     *
     * @param includeDriverGroups  whether to check the node driver's groups too
     * @param includeDefaultGroups whether to judge every VPC's default group too
     * @return one check per group; a group that cannot be checked says why
     */
    public List<GroupCheck> checkScanned(boolean includeDriverGroups, boolean includeDefaultGroups) {
        return new RegionCheck(ec2).check(includeDriverGroups, includeDefaultGroups);
    }

    /**
     * As {@link #checkScanned(boolean, boolean)}, the node driver's groups verified: judged by whether
     * their rules cover what Rancher needs ({@link Verifier}), not compared exactly; their missing
     * rules are what they do not cover, and broader rules are not drift.
     *
     * @param includeDefaultGroups whether to judge every VPC's default group too
     * @return one check per group; a group that cannot be checked says why
     */
    public List<GroupCheck> checkScannedVerifyingDriverGroups(boolean includeDefaultGroups) {
        return checkScannedVerifying(List.of(), includeDefaultGroups);
    }

    /**
     * As {@link #checkScannedVerifyingDriverGroups(boolean)}, and the groups {@code toVerify} names that
     * are not rancher-sg's verified against the requirements given for them. With groups to verify, the
     * region's one read lists every group of the region instead of the tagged ones only.
     *
     * @param toVerify             groups to verify, by id or by name and VPC; those absent from the
     *                             region are not reported
     * @param includeDefaultGroups whether to judge every VPC's default group too
     * @return one check per group; a group that cannot be checked says why
     */
    public List<GroupCheck> checkScannedVerifying(List<GroupToVerify> toVerify, boolean includeDefaultGroups) {
        return new RegionCheck(ec2).check(true, true, includeDefaultGroups, List.copyOf(toVerify));
    }

    private Outcome single(Mode mode, GroupRequest request) {
        try (CallCounter.Tally tally = ec2.calls().startTally()) {
            return run(mode, List.of(request.profile()), List.of(request.spec()), request.vpcId(),
                    request.runOptions()).get(0).withCalls(tally.calls());
        }
    }

    private StackOutcome stack(Mode mode, StackRequest request) {
        try (CallCounter.Tally tally = ec2.calls().startTally()) {
            List<StackGroup> groups = request.stack().groups();
            List<Outcome> outcomes = run(mode, groups.stream().map(StackGroup::profile).toList(),
                    groups.stream().map(StackGroup::spec).toList(), request.vpcId(), request.runOptions());
            List<StackOutcome.Member> members = new ArrayList<>();
            for (int i = 0; i < outcomes.size(); i++) {
                members.add(new StackOutcome.Member(groups.get(i).role(), outcomes.get(i)));
            }
            return new StackOutcome(request.stack().cluster(), request.stack().layout(), members, tally.calls());
        }
    }

    /** Observe, decide, and by mode report or execute; the outcomes in the order of the specs. */
    private List<Outcome> run(Mode mode, List<String> profiles, List<GroupSpec> specs, String vpcId,
                              RunOptions options) {
        RunOptions run = mode == Mode.CHECK ? options.reportOnly() : options;
        Observation observed = new Observer(ec2).observe(specs, vpcId);
        Decision decision = Reconcile.decide(specs, run, observed);
        boolean writes = mode == Mode.ENSURE || run.preflight();
        RefusedException.throwIfAny(writes ? decision.refusals() : decision.unacceptable());
        List<Outcome> outcomes = new ArrayList<>();
        if (mode == Mode.ENSURE) {
            Executor.Result result = new Executor(ec2).ensure(specs, vpcId, run, observed, decision);
            for (int i = 0; i < specs.size(); i++) {
                GroupDecision last = result.decision().groups().get(i);
                outcomes.add(ensured(profiles.get(i), result.observed(), last,
                        result.progress().get(last.name())));
            }
            return outcomes;
        }
        if (run.preflight()) {
            new Executor(ec2).preflight(decision, observed);
        }
        for (int i = 0; i < specs.size(); i++) {
            GroupDecision group = decision.groups().get(i);
            outcomes.add(reported(mode, profiles.get(i), observed, group, decision.refusals()));
        }
        return outcomes;
    }

    /** A plan or a check of one group: nothing was written. */
    private Outcome reported(Mode mode, String profile, Observation observed, GroupDecision group,
                             List<Refusal> refusals) {
        Location where = location(observed, group);
        boolean managed = observed.group(group.name()) != null && observed.group(group.name()).managed();
        if (mode == Mode.CHECK) {
            return Outcome.checked(where, profile, managed, group);
        }
        List<Warning> warnings = new ArrayList<>(group.warnings());
        refusals.stream().filter(r -> r.group().equals(group.name()) && r.acceptable())
                .map(Refusal::asWarning).forEach(warnings::add);
        return new Outcome(where, profile, managed, group.plan(),
                Actions.of(group instanceof GroupDecision.Create, group.plan(), group.tagRepairs()), group.drift(),
                new Review(group.findings(), warnings), Map.of());
    }

    /** What ensure did to one group, and how it stands after. */
    private Outcome ensured(String profile, Observation observed, GroupDecision last, Executor.Progress progress) {
        return new Outcome(location(observed, last), profile, true,
                progress.plan(last.plan()), progress.actions(), last.drift(),
                new Review(last.findings(), progress.warnings()), Map.of());
    }

    private Location location(Observation observed, GroupDecision group) {
        String id = observed.idOf(group.name());
        return new Location(ec2.account(), ec2.region(), observed.vpc().id(), id, group.name());
    }
}
