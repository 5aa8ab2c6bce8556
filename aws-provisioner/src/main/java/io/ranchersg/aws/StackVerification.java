package io.ranchersg.aws;

import io.ranchersg.core.Layout;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How each group of a cluster stack meets its role's requirements.
 *
 * @param cluster  the cluster
 * @param layout   its layout
 * @param groups   one per role, in the layout's order
 * @param apiCalls every EC2 call of the run, by operation (the groups' own verifications carry none)
 */
public record StackVerification(String cluster, Layout layout, List<Member> groups, Map<String, Integer> apiCalls) {

    /**
     * Checks the components.
     *
     * @param cluster the cluster
     * @param layout its layout
     * @param groups one per role, in the layout's order
     * @param apiCalls every EC2 call of the run, by operation
     */
    public StackVerification {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(layout, "layout");
        groups = List.copyOf(groups);
        apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /**
     * One group of the stack.
     *
     * @param role         its role in the layout
     * @param verification how it meets the role's requirements
     */
    public record Member(String role, Verification verification) {
        /**
         * Checks the components.
         *
         * @param role its role in the layout
         * @param verification how it meets the role's requirements
         */
        public Member {
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(verification, "verification");
        }
    }

    /** {@return whether every group exists and covers its requirements} */
    public boolean covered() {
        return groups.stream().allMatch(m -> m.verification().covered());
    }
}
