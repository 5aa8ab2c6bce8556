package io.ranchersg.aws;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Rule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run did to a group, or for a plan what ensure would do.
 *
 * @param created    whether the group was (would be) created
 * @param authorized rules added
 * @param revoked    rules removed
 * @param updated    descriptions restored
 * @param tagged     tags written on an existing group that lacked them (a new group is tagged as it is made)
 */
public record Actions(boolean created, List<Rule> authorized, List<Rule> revoked, List<DescriptionChange> updated,
                      Map<String, String> tagged) {

    /** Nothing done: what a check does. */
    public static final Actions NONE = new Actions(false, List.of(), List.of(), List.of());

    /**
     * Checks the components.
     *
     * @param created whether the group was (would be) created
     * @param authorized rules added
     * @param revoked rules removed
     * @param updated descriptions restored
     * @param tagged tags written on an existing group that lacked them
     */
    public Actions {
        authorized = List.copyOf(authorized);
        revoked = List.copyOf(revoked);
        updated = List.copyOf(updated);
        tagged = Collections.unmodifiableMap(new LinkedHashMap<>(tagged));
    }

    /**
     * Rules written, no tag.
     *
     * @param created whether the group was (would be) created
     * @param authorized rules added
     * @param revoked rules removed
     * @param updated descriptions restored
     */
    public Actions(boolean created, List<Rule> authorized, List<Rule> revoked, List<DescriptionChange> updated) {
        this(created, authorized, revoked, updated, Map.of());
    }

    /**
     * What performing the plan and writing the tags does.
     *
     * @param create whether the group is created first
     * @param plan the plan
     * @param tags the tags written on the existing group
     * @return every write, as actions
     */
    public static Actions of(boolean create, Plan plan, Map<String, String> tags) {
        return new Actions(create, plan.toAuthorize(), plan.toRevoke(), plan.toUpdate(), tags);
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
        return created || !authorized.isEmpty() || !revoked.isEmpty() || !updated.isEmpty() || !tagged.isEmpty();
    }
}
