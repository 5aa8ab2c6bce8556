package io.ranchersg.aws;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Rule;
import java.util.List;

/**
 * What a run did to a group, or for a plan what ensure would do.
 *
 * @param created    whether the group was (would be) created
 * @param authorized rules added
 * @param revoked    rules removed
 * @param updated    descriptions restored
 */
public record Actions(boolean created, List<Rule> authorized, List<Rule> revoked, List<DescriptionChange> updated) {

    /** Nothing done: what a check does. */
    public static final Actions NONE = new Actions(false, List.of(), List.of(), List.of());

    /**
     * Checks the components.
     *
     * @param created whether the group was (would be) created
     * @param authorized rules added
     * @param revoked rules removed
     * @param updated descriptions restored
     */
    public Actions {
        authorized = List.copyOf(authorized);
        revoked = List.copyOf(revoked);
        updated = List.copyOf(updated);
    }

    /**
     * What performing the plan does, creating the group first when {@code create}.
     *
     * @param create whether the group is created first
     * @param plan the plan
     * @return every write of the plan, as actions
     */
    public static Actions of(boolean create, Plan plan) {
        return new Actions(create, plan.toAuthorize(), plan.toRevoke(), plan.toUpdate());
    }

    /** {@return whether anything was (would be) changed} */
    public boolean any() {
        return created || !authorized.isEmpty() || !revoked.isEmpty() || !updated.isEmpty();
    }
}
