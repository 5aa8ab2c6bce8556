package io.ranchersg.aws;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Warning;
import io.ranchersg.core.reconcile.Decision;
import io.ranchersg.core.reconcile.GroupDecision;
import io.ranchersg.core.reconcile.Observation;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Reconcile;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execute step of ensure: carries out a {@link Decision} until deciding again on what it wrote
 * leaves nothing to write. Each round either creates the missing groups or writes rules (authorize
 * before revoke, tags last once a group's rules are in); after each, the observation is updated
 * with what was written and the decision taken again, which costs no call. A conflict with another
 * writer (a group or rule that appeared, a rule gone) means reading again and deciding again before
 * any further write, so a refusal that the new read brings stops the run there.
 *
 * <p>With preflight, every DryRun that can be sent before the first write is: the creates, and the
 * tags and rules of the groups that exist. A new group's rules can only be proven once it exists:
 * they are, before any rule of the run is written.
 */
final class Executor {

    private static final Logger log = LoggerFactory.getLogger(Executor.class);
    /** Rounds before giving up on groups that other writers keep changing (creates and rules included). */
    static final int MAX_ROUNDS = 8;

    private final Ec2Gateway ec2;
    private final Observer observer;

    Executor(Ec2Gateway ec2) {
        this.ec2 = ec2;
        this.observer = new Observer(ec2);
    }

    /** What one group went through: whether it was created, its first plan, what was written. */
    static final class Progress {
        private boolean created;
        /** The id of the group this run created, or {@code null}. */
        private String createdId;
        private Plan plan;
        private List<Warning> warnings = List.of();
        private final List<Rule> authorized = new ArrayList<>();
        private final List<Rule> revoked = new ArrayList<>();
        private final List<DescriptionChange> updated = new ArrayList<>();
        private final Map<String, String> tagged = new LinkedHashMap<>();

        boolean wroteRules() {
            return !authorized.isEmpty() || !revoked.isEmpty() || !updated.isEmpty();
        }

        /** {@return what was written} */
        Actions actions() {
            return new Actions(created, authorized, revoked, updated, tagged);
        }

        /** The first plan made once every group existed, or {@code otherwise} when nothing was to write. */
        Plan plan(Plan otherwise) {
            return plan != null ? plan : otherwise;
        }

        /**
         * {@return the warnings of that plan; none for a group this run created, whose old rules were
         * nobody's}
         */
        List<Warning> warnings() {
            return warnings;
        }
    }

    /** The decision the run ended with (nothing left to write), and what each group went through. */
    record Result(Decision decision, Observation observed, Map<String, Progress> progress) {
    }

    /**
     * @param first the decision taken on {@code observed}; refused already if it had refusals
     * @throws RefusedException when a decision taken after a conflict refuses
     */
    Result ensure(List<GroupSpec> specs, String vpcId, RunOptions options, Observation observed, Decision first) {
        Map<String, Progress> progress = new LinkedHashMap<>();
        specs.forEach(spec -> progress.put(spec.name(), new Progress()));
        Set<String> proven = new HashSet<>();
        if (options.preflight()) {
            dryRun(first, observed, proven);
        }
        Decision decision = first;
        for (int round = 1; decision.writes(); round++) {
            if (round > MAX_ROUNDS) {
                throw new Ec2CallException("the groups did not converge in " + MAX_ROUNDS + " rounds (other writers"
                        + " kept changing them); nothing unplanned was written, run ensure again");
            }
            record(decision, progress);
            if (!decision.creates().isEmpty()) {
                observed = create(decision, observed, specs, vpcId, progress, round);
            } else {
                if (options.preflight()) {
                    dryRun(decision, observed, proven);
                }
                observed = write(decision, observed, progress, round);
            }
            decision = Reconcile.decide(specs, options, observed);
            if (decision.refused()) {
                undoCreates(progress);
                RefusedException.throwIfAny(decision.refusals());
            }
        }
        return new Result(decision, observed, progress);
    }

    /** For a plan with preflight: every DryRun that can be sent before a write, and nothing else. */
    void preflight(Decision decision, Observation observed) {
        dryRun(decision, observed, new HashSet<>());
    }

    /** Keeps each group's first plan once every group exists (its peers all ids), with its warnings. */
    private static void record(Decision decision, Map<String, Progress> progress) {
        for (GroupDecision group : decision.groups()) {
            Progress p = progress.get(group.name());
            if (p.plan == null && group instanceof GroupDecision.Update update && decision.creates().isEmpty()) {
                p.plan = update.plan();
                p.warnings = p.created ? List.of() : update.warnings();
            }
        }
    }

    private Observation create(Decision decision, Observation observed, List<GroupSpec> specs, String vpcId,
                               Map<String, Progress> progress, int round) {
        for (GroupDecision.Create create : decision.creates()) {
            GroupSpec spec = create.desired();
            var id = ec2.create(spec, observed.vpc().id(), false);
            if (id.isEmpty()) {
                // Another run created it between our read and our create: read again, decide again. EC2's
                // reads lag its writes: until they show the other run's group, give them time.
                Observation again = observer.observe(specs, vpcId);
                if (again.group(spec.name()) == null) {
                    ec2.settle(round);
                }
                for (Map.Entry<String, Progress> p : progress.entrySet()) {
                    ObservedGroup mine = again.group(p.getKey());
                    if (p.getValue().created && mine != null) {
                        again = again.withGroup(mine.withFresh(true));
                    }
                }
                return again;
            }
            progress.get(spec.name()).created = true;
            progress.get(spec.name()).createdId = id.get();
            observed = observed.withCreated(spec.name(), id.get(), spec.tags(),
                    NewGroup.defaultRules(observed.vpc().ipv6()));
        }
        return observed;
    }

    /**
     * Deletes the groups this run created, when a second read (another run made a group of the set
     * meanwhile) brings a refusal: creates come before any rule is written, so each holds nothing
     * but what EC2 gave it, and removing it leaves EC2 as the run found it. A group that cannot be
     * deleted (another run already refers to it) stays, as a re-run's to finish.
     */
    private void undoCreates(Map<String, Progress> progress) {
        if (progress.values().stream().anyMatch(Progress::wroteRules)) {
            return;
        }
        progress.forEach((name, p) -> {
            if (p.createdId == null) {
                return;
            }
            try {
                ec2.delete(p.createdId);
                log.info("removed security group {} ({}) again: the run is refused", name, p.createdId);
            } catch (RancherSgException e) {
                log.warn("security group {} ({}) stays: {}", name, p.createdId, e.getMessage());
            }
        });
    }

    /** One round of rule writes; a conflict ends it early with the group read again. */
    private Observation write(Decision decision, Observation observed, Map<String, Progress> progress, int round) {
        for (GroupDecision group : decision.groups()) {
            if (!(group instanceof GroupDecision.Update update) || !update.writes()) {
                continue;
            }
            ObservedGroup before = update.group();
            PlanExecutor executor = new PlanExecutor(ec2, before.id(), false);
            boolean done = executor.apply(update.plan());
            Progress p = progress.get(group.name());
            p.authorized.addAll(executor.authorized());
            p.revoked.addAll(executor.revoked());
            p.updated.addAll(executor.updated());
            if (!done) {
                log.info("security group {} changed under us (round {}); reading it again", before.id(), round);
                ObservedGroup reread = ec2.groupById(before.id()).orElseThrow(() -> new Ec2CallException(
                        "security group " + before.id() + " disappeared while being reconciled"));
                if (reread.rules().equals(before.rules())) {
                    // EC2's reads lag its writes: the other writer's change may not show yet.
                    ec2.settle(round);
                }
                return observed.withGroup(reread.withFresh(before.fresh()));
            }
            ObservedGroup actual = before.withRules(update.plan().applyTo(before.rules()));
            if (update.retag()) {
                ec2.tag(actual.id(), update.desired().tags(), false);
                actual = actual.withTags(update.desired().tags());
                if (!p.created) {
                    p.tagged.putAll(update.tagRepairs());
                }
            }
            observed = observed.withGroup(actual);
        }
        return observed;
    }

    /**
     * Sends as DryRun every write of the decision not yet proven that can be sent now: rules naming a
     * group not created yet wait until it is.
     */
    private void dryRun(Decision decision, Observation observed, Set<String> proven) {
        for (GroupDecision group : decision.groups()) {
            if (proven.contains(group.name())) {
                continue;
            }
            if (group instanceof GroupDecision.Create create) {
                ec2.create(create.desired(), observed.vpc().id(), true);
            } else if (group instanceof GroupDecision.Update update && update.writes()
                    && update.desired().rules().stream().noneMatch(r -> r.peer() instanceof Peer.NamedGroup)) {
                proven.add(group.name());
                if (update.retag()) {
                    ec2.tag(update.group().id(), update.desired().tags(), true);
                }
                new PlanExecutor(ec2, update.group().id(), true).apply(update.plan());
            }
        }
    }
}
