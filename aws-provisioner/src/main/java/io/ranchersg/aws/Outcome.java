package io.ranchersg.aws;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Drift;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Warning;
import io.ranchersg.core.reconcile.GroupDecision;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one run against one group: an immutable value.
 *
 * @param location where the group is; its id is {@code null} when it does not exist (plan and check)
 * @param profile  the profile it was compared with
 * @param managed  whether it carries rancher-sg's tags
 * @param plan     what the run found to do (for ensure: its first plan, which it then performed)
 * @param actions  what ensure did, or for a plan what ensure would do; nothing for a check
 * @param drift    how the group differs from the profile after the run
 * @param review   findings on the group's rules after the run, and warnings about the run
 * @param apiCalls EC2 calls this run made, by operation; empty where a run checks many groups at once
 */
public record Outcome(Location location, String profile, boolean managed, Plan plan, Actions actions, Drift drift,
                      Review review, Map<String, Integer> apiCalls) {

    /**
     * Checks that every component but the calls is given, and keeps a sorted copy of the calls.
     *
     * @param location where the group is; its id is {@code null} when it does not exist (plan and
     *     check)
     * @param profile the profile it was compared with
     * @param managed whether it carries rancher-sg's tags
     * @param plan what the run found to do (for ensure: its first plan, which it then performed)
     * @param actions what ensure did, or for a plan what ensure would do; nothing for a check
     * @param drift how the group differs from the profile after the run
     * @param review findings on the group's rules after the run, and warnings about the run
     * @param apiCalls EC2 calls this run made, by operation; empty where a run checks many groups at
     *     once
     */
    public Outcome {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(plan, "plan");
        Objects.requireNonNull(actions, "actions");
        Objects.requireNonNull(drift, "drift");
        Objects.requireNonNull(review, "review");
        apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /** A check of one group: how it differs from its spec, and the findings on its rules. */
    static Outcome checked(Location where, String profile, boolean managed, GroupDecision group) {
        return new Outcome(where, profile, managed, group.plan(), Actions.NONE, group.drift(),
                new Review(group.findings(), group.warnings()), Map.of());
    }

    /** This outcome with the calls of the run that produced it. */
    Outcome withCalls(Map<String, Integer> calls) {
        return new Outcome(location, profile, managed, plan, actions, drift, review, calls);
    }

    /** {@return whether the group exists (after the run)} */
    public boolean exists() {
        return location.groupId() != null;
    }

    /** {@return whether the group exists and matches its profile: no rule missing, extra or changed, no tag missing} */
    public boolean inSync() {
        return exists() && drift.inSync();
    }

    /** {@return the region the group is in} */
    public String region() {
        return location.region();
    }

    /** {@return the VPC the group is in} */
    public String vpcId() {
        return location.vpcId();
    }

    /** {@return the group's id, or {@code null} when it does not exist} */
    public String groupId() {
        return location.groupId();
    }

    /** {@return the group's name} */
    public String groupName() {
        return location.groupName();
    }

    /** {@return whether this run created the group (for a plan: whether ensure would)} */
    public boolean created() {
        return actions.created();
    }

    /** {@return rules this run authorized (for a plan: would authorize)} */
    public List<Rule> authorized() {
        return actions.authorized();
    }

    /** {@return rules this run revoked (for a plan: would revoke)} */
    public List<Rule> revoked() {
        return actions.revoked();
    }

    /** {@return descriptions this run restored (for a plan: would restore)} */
    public List<DescriptionChange> updated() {
        return actions.updated();
    }

    /** {@return security findings on the group's rules after the run} */
    public List<Finding> findings() {
        return review.findings();
    }

    /** {@return warnings about the run} */
    public List<Warning> warnings() {
        return review.warnings();
    }

    /** {@return all EC2 calls of the run} */
    public int totalCalls() {
        return CallCounter.total(apiCalls);
    }

    /** {@return EC2 calls of the run that write (anything but Describe)} */
    public int writeCalls() {
        return CallCounter.writes(apiCalls);
    }
}
