package io.ranchersg.core.reconcile;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.Diff;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.QuotaViolation;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleQuota;
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

/**
 * The one decision of a run: desired specs, the run's options and one observation in, a
 * {@link Decision} out. Pure: no I/O, no clock, no exceptions for what the user or EC2 got wrong;
 * those are {@link Refusal}s in the decision.
 *
 * <p>For each spec: a group that does not exist is created ({@link GroupDecision.Create}; for a
 * report {@link GroupDecision.Absent}); otherwise its rules are diffed against the spec
 * ({@link GroupDecision.Update} or {@link GroupDecision.InSync}). Refused, before anything is written:
 * peers that do not exist; rules over the quota, at the end or at the peak of the changes (rules
 * are authorized before extras are revoked, so both must fit); critical findings not accepted; a
 * group rancher-sg did not make (without adopt) or made otherwise (without reconfigure).
 */
public final class Reconcile {

    private Reconcile() {
    }

    /**
     * Decides what to do with every group of one run.
     *
     * @param specs    the groups, rancher-sg's tags among their tags; peers by name may name each other
     * @param options  what the run allows
     * @param observed one read of the VPC and the groups; the VPC must be described when a group is missing
     */
    public static Decision decide(List<GroupSpec> specs, RunOptions options, Observation observed) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(observed, "observed");
        Set<String> own = new LinkedHashSet<>();
        specs.forEach(s -> own.add(s.name()));
        List<Refusal> refusals = new ArrayList<>();
        List<GroupDecision> groups = new ArrayList<>();
        for (GroupSpec spec : specs) {
            missingPeers(spec, own, observed).ifPresent(refusals::add);
            quota(spec.name(), spec.rules(), options.quota()).ifPresent(refusals::add);
            if (options.repair()) {
                Refusal.ofRisks(spec, options.acceptedRisks(), observed.prefixLists()).ifPresent(refusals::add);
            }
            ObservedGroup group = observed.group(spec.name());
            groups.add(group == null ? missing(spec, options, observed, refusals)
                    : existing(spec, group, options, observed, refusals));
        }
        return new Decision(options, groups, refusals);
    }

    private static GroupDecision missing(GroupSpec spec, RunOptions options, Observation observed,
                                         List<Refusal> refusals) {
        if (!observed.vpc().described()) {
            throw new IllegalArgumentException("security group '" + spec.name() + "' does not exist, but the VPC "
                    + observed.vpc().id() + " was not described: its IPv6 block decides the new group's rules");
        }
        boolean ipv6 = observed.vpc().ipv6();
        GroupSpec desired = spec.resolveKnownPeers(null, observed::idOf);
        Plan plan = NewGroup.plan(desired, ipv6);
        if (!options.repair()) {
            return new GroupDecision.Absent(desired, plan);
        }
        List<Rule> defaults = NewGroup.defaultRules(ipv6);
        peak(spec.name(), plan, defaults, options.quota()).ifPresent(refusals::add);
        return new GroupDecision.Create(desired, plan, Findings.of(plan.applyTo(defaults), observed.prefixLists(), spec.rules()));
    }

    private static GroupDecision existing(GroupSpec spec, ObservedGroup group, RunOptions options,
                                          Observation observed, List<Refusal> refusals) {
        GroupSpec desired = spec.resolveKnownPeers(group.id(), observed::idOf);
        // A group this run created holds only EC2's defaults: nobody's choice, so they go without prune.
        Plan plan = Diff.plan(desired, group.rules(), options.prune() || group.fresh());
        if (!options.repair()) {
            List<Finding> findings = Findings.of(group.rules(), observed.prefixLists(), spec.rules());
            // A report shows the tags ensure would write on a group it would write them on without
            // asking (adopting and reconfiguring are reported by the rules' drift and by plan).
            Map<String, String> retag = group.managed() && sameMaking(spec.tags(), group.tags())
                    ? GroupTags.missing(spec.tags(), group.tags()) : Map.of();
            return plan.isEmpty() && plan.extra().isEmpty() && retag.isEmpty()
                    ? new GroupDecision.InSync(group, desired, plan, findings)
                    : new GroupDecision.Update(group, desired, plan, retag, findings,
                            Warning.ofUnread(observed.prefixLists().unread(group.rules())));
        }
        List<Warning> warnings = new ArrayList<>();
        Map<String, String> retag = Map.of();
        if (!group.fresh()) {
            retag = making(spec, group, options, refusals, warnings);
            warnings.addAll(Warning.ofPlan(plan));
        }
        peak(spec.name(), plan, group.rules(), options.quota()).ifPresent(refusals::add);
        List<Rule> after = plan.applyTo(group.rules());
        List<Finding> findings = Findings.of(after, observed.prefixLists(), spec.rules());
        warnings.addAll(Warning.ofUnread(observed.prefixLists().unread(after)));
        if (plan.isEmpty() && plan.extra().isEmpty() && retag.isEmpty()) {
            return new GroupDecision.InSync(group, desired, plan, findings);
        }
        return new GroupDecision.Update(group, desired, plan, retag, findings, warnings);
    }

    /**
     * Judges who made the group and for what.
     *
     * @return the tags to write: all of them for a group adopted or reconfigured, otherwise those it
     *     should carry and lacks ({@link GroupTags#missing}); empty when none
     */
    private static Map<String, String> making(GroupSpec spec, ObservedGroup group, RunOptions options,
                                              List<Refusal> refusals, List<Warning> warnings) {
        if (!group.managed()) {
            if (!options.adopt()) {
                refusals.add(Refusal.acceptable(Refusal.Code.NOT_MANAGED, spec.name(), "security group '"
                        + group.name() + "' (" + group.id() + ") in " + group.vpcId() + " was not created by"
                        + " rancher-sg", "adopt it explicitly, or choose another group name", List.of()));
            }
            return written(spec.tags());
        }
        Map<String, String> have = group.tags();
        Map<String, String> want = spec.tags();
        if (!sameMaking(want, have)) {
            String remaking = "security group '" + group.name() + "' (" + group.id() + ") was made with profile "
                    + GroupTags.recordedProfile(have) + " and " + optionsText(GroupTags.recordedOptions(have))
                    + ", but this run asks for profile " + GroupTags.recordedProfile(want) + " and "
                    + optionsText(GroupTags.recordedOptions(want));
            if (options.reconfigure()) {
                warnings.add(new Warning(Warning.RECONFIGURES, remaking + "; this run reconfigures it"));
            } else {
                refusals.add(Refusal.acceptable(Refusal.Code.RECONFIGURE, spec.name(), remaking,
                        "reconfigure it explicitly if that is meant", List.of()));
            }
            return written(want);
        }
        return GroupTags.missing(want, have);
    }

    /** Whether the tags record the same profile and options (a missing tag records the defaults). */
    private static boolean sameMaking(Map<String, String> want, Map<String, String> have) {
        return GroupTags.recordedProfile(have).equals(GroupTags.recordedProfile(want))
                && GroupTags.recordedOptions(have).equals(GroupTags.recordedOptions(want));
    }

    /** Every tag of a group's spec but the version: what taking it over, or remaking it, writes. */
    private static Map<String, String> written(Map<String, String> want) {
        Map<String, String> all = new LinkedHashMap<>(want);
        all.remove(GroupTags.VERSION);
        return all;
    }

    private static String optionsText(String encoded) {
        return encoded.isBlank() ? "default options" : "options '" + encoded + "'";
    }

    /** Peers named that are neither of the run nor found, and peer ids the read did not find. */
    private static Optional<Refusal> missingPeers(GroupSpec spec, Set<String> own, Observation observed) {
        Set<String> missing = new TreeSet<>();
        for (Rule rule : spec.rules()) {
            Peer peer = rule.peer();
            if (peer instanceof Peer.NamedGroup named && !own.contains(named.name())
                    && observed.group(named.name()) == null) {
                missing.add("'" + named.name() + "'");
            } else if (peer instanceof Peer.Group g && observed.missingPeerIds().contains(g.groupId())) {
                missing.add(g.groupId());
            }
        }
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String which = missing.size() == 1 ? "group " + missing.iterator().next() + ", which does not"
                : "groups " + String.join(", ", missing) + ", which do not";
        return Optional.of(Refusal.of(Refusal.Code.PEER_NOT_FOUND, spec.name(), "security group '"
                + spec.name() + "' refers to " + which + " exist in " + observed.vpc().id()));
    }

    private static Optional<Refusal> quota(String group, List<Rule> rules, RuleQuota quota) {
        List<QuotaViolation> violations = quota.check(rules);
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Refusal.of(Refusal.Code.QUOTA, group, "security group '" + group
                + "' would exceed the rule quota, nothing was changed: " + text(violations)));
    }

    /**
     * The quota at the peak of a plan: rules are authorized before extras are revoked, so what the
     * group holds plus what is added must fit, not only the end. A plan that adds nothing passes: a
     * group already over the default quota proves that AWS raised it.
     */
    private static Optional<Refusal> peak(String group, Plan plan, List<Rule> actual, RuleQuota quota) {
        if (plan.toAuthorize().isEmpty()) {
            return Optional.empty();
        }
        Optional<Refusal> end = quota(group, plan.applyTo(actual), quota);
        if (end.isPresent()) {
            return end;
        }
        List<Rule> peak = new ArrayList<>(actual);
        peak.addAll(plan.toAuthorize());
        List<QuotaViolation> violations = quota.check(peak);
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Refusal.of(Refusal.Code.QUOTA, group, "security group '" + group
                + "' fits its rule quota after prune, but not while new rules are added before extra ones are"
                + " revoked, nothing was changed: " + text(violations) + "; revoke the extra rules first"));
    }

    private static String text(List<QuotaViolation> violations) {
        return violations.stream().map(QuotaViolation::message).collect(Collectors.joining("; "));
    }
}
