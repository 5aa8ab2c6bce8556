package io.ranchersg.aws;

import io.ranchersg.core.Layout;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The result of one run against a cluster stack: an outcome per group, and the run's calls.
 *
 * @param cluster  the cluster
 * @param layout   its layout
 * @param groups   one per role, in the layout's order
 * @param apiCalls every EC2 call of the run, by operation (the groups' own outcomes carry none)
 */
public record StackOutcome(String cluster, Layout layout, List<Member> groups, Map<String, Integer> apiCalls) {

    /**
     * Checks the components.
     *
     * @param cluster the cluster
     * @param layout its layout
     * @param groups one per role, in the layout's order
     * @param apiCalls every EC2 call of the run, by operation (the groups' own outcomes carry none)
     */
    public StackOutcome {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(layout, "layout");
        groups = List.copyOf(groups);
        apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /**
     * One group of the stack.
     *
     * @param role    its role in the layout
     * @param outcome what the run found or did
     */
    public record Member(String role, Outcome outcome) {
        /**
         * Checks the components.
         *
         * @param role its role in the layout
         * @param outcome what the run found or did
         */
        public Member {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /** {@return whether every group exists and matches its profile} */
    public boolean inSync() {
        return groups.stream().allMatch(m -> m.outcome().inSync());
    }

    /**
     * The outcome of a role's group.
     *
     * @param role the role, as the layout names it
     * @return that group's outcome
     * @throws IllegalArgumentException when the stack has no such role
     */
    public Outcome of(String role) {
        return groups.stream().filter(m -> m.role().equals(role)).map(Member::outcome).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no role '" + role + "' in the stack"));
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
