package io.ranchersg.aws;

import io.ranchersg.core.Rule;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a delete does, in order: the references between the groups it revokes, then the groups it
 * deletes; and whether it did so or only planned it. A stack delete also lists the groups it found
 * tagged with the cluster, or named like a member, that are not provably members: never deleted.
 *
 * @param region   the region
 * @param vpcId    the VPC
 * @param groups   the groups, each with the rules of it that refer to another of the groups
 * @param spared   the groups found that are not members, each with why; left alone
 * @param deleted  whether the references were revoked and the groups deleted ({@code false}: the plan only)
 * @param apiCalls every EC2 call of the run, by operation
 */
public record DeleteOutcome(String region, String vpcId, List<Doomed> groups, List<Spared> spared, boolean deleted,
                            Map<String, Integer> apiCalls) {

    /**
     * Checks the components.
     *
     * @param region the region
     * @param vpcId the VPC
     * @param groups the groups, each with the rules of it that refer to another of the groups
     * @param spared the groups found that are not members, each with why; left alone
     * @param deleted whether the references were revoked and the groups deleted ({@code false}: the
     *     plan only)
     * @param apiCalls every EC2 call of the run, by operation
     */
    public DeleteOutcome {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vpcId, "vpcId");
        groups = List.copyOf(groups);
        spared = List.copyOf(spared);
        apiCalls = Collections.unmodifiableMap(new TreeMap<>(apiCalls));
    }

    /**
     * A delete that found no group to spare.
     *
     * @param region the region
     * @param vpcId the VPC
     * @param groups the groups, each with the rules of it that refer to another of the groups
     * @param deleted whether the references were revoked and the groups deleted
     * @param apiCalls every EC2 call of the run, by operation
     */
    public DeleteOutcome(String region, String vpcId, List<Doomed> groups, boolean deleted,
                         Map<String, Integer> apiCalls) {
        this(region, vpcId, groups, List.of(), deleted, apiCalls);
    }

    /**
     * A group found with the stack's that is not a member, and is not deleted.
     *
     * @param groupId   its id
     * @param groupName its name
     * @param reason    why it is not a member
     */
    public record Spared(String groupId, String groupName, String reason) {
        /**
         * Checks the components.
         *
         * @param groupId its id
         * @param groupName its name
         * @param reason why it is not a member
         */
        public Spared {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(groupName, "groupName");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * One group to delete.
     *
     * @param groupId   its id
     * @param groupName its name
     * @param role      its role in a cluster stack, or {@code null}
     * @param revokes   its rules that refer to another group being deleted, revoked first
     */
    public record Doomed(String groupId, String groupName, String role, List<Rule> revokes) {
        /**
         * Checks the components.
         *
         * @param groupId its id
         * @param groupName its name
         * @param role its role in a cluster stack, or {@code null}
         * @param revokes its rules that refer to another group being deleted, revoked first
         */
        public Doomed {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(groupName, "groupName");
            revokes = List.copyOf(revokes);
        }
    }

    /** This outcome with the calls of the run that produced it. */
    DeleteOutcome withCalls(Map<String, Integer> calls) {
        return new DeleteOutcome(region, vpcId, groups, spared, deleted, calls);
    }
}
