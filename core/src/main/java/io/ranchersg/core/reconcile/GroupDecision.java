package io.ranchersg.core.reconcile;

import io.ranchersg.core.Drift;
import io.ranchersg.core.Finding;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Warning;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one run decided for one group. Every variant has the desired spec (its peers resolved as far
 * as the observation knows them), the plan, the findings on the rules the group holds after the
 * decision is carried out (for a report: as it holds them) and the warnings for the user.
 */
public sealed interface GroupDecision {

    /** {@return the group's name} */
    default String name() {
        return desired().name();
    }

    /** {@return the spec, with peers as EC2 names them where known} */
    GroupSpec desired();

    /** {@return what it takes to make the group match (for a group to create: once EC2 made it)} */
    Plan plan();

    /** {@return findings on the rules after the decision is carried out} */
    List<Finding> findings();

    /** {@return what the user should know before it is carried out: nothing, but for an update} */
    default List<Warning> warnings() {
        return List.of();
    }

    /** {@return the tags its group should carry and lacks, which ensure writes: none but for an update} */
    default Map<String, String> tagRepairs() {
        return Map.of();
    }

    /** {@return how the group differs from its spec: the plan's rules, and the tags it lacks} */
    default Drift drift() {
        return plan().drift().withTags(tagRepairs());
    }

    /** {@return whether carrying it out writes anything: a create does, an update may, the others never} */
    default boolean writes() {
        return false;
    }

    /**
     * The group does not exist: create it, then apply the plan to the rules EC2 gave it.
     *
     * @param desired  the spec
     * @param plan     from EC2's default rules to the spec; always prunes, since nobody chose those
     * @param findings on the rules after
     */
    record Create(GroupSpec desired, Plan plan, List<Finding> findings) implements GroupDecision {
        /**
         * Checks the components.
         *
         * @param desired the spec
         * @param plan from EC2's default rules to the spec; always prunes, since nobody chose those
         * @param findings on the rules after
         */
        public Create {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(plan, "plan");
            findings = List.copyOf(findings);
        }

        @Override
        public boolean writes() {
            return true;
        }
    }

    /**
     * The group exists and differs from its spec: in rules, in extra rules kept, or in tags.
     *
     * @param group      as observed
     * @param desired    the spec
     * @param plan       what makes its rules match
     * @param tagRepairs the tags to write after its rules (adopted, reconfigured, a tag missing), by
     *                   key; empty when its tags are right
     * @param findings   on the rules after
     * @param warnings   for the user
     */
    record Update(ObservedGroup group, GroupSpec desired, Plan plan, Map<String, String> tagRepairs,
                  List<Finding> findings, List<Warning> warnings) implements GroupDecision {
        /**
         * Checks the components.
         *
         * @param group as observed
         * @param desired the spec
         * @param plan what makes its rules match
         * @param tagRepairs the tags to write after its rules (adopted, reconfigured, a tag missing),
         *     by key; empty when its tags are right
         * @param findings on the rules after
         * @param warnings for the user
         */
        public Update {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(plan, "plan");
            tagRepairs = Collections.unmodifiableMap(new LinkedHashMap<>(tagRepairs));
            findings = List.copyOf(findings);
            warnings = List.copyOf(warnings);
        }

        /** {@return whether its tags must be written} */
        public boolean retag() {
            return !tagRepairs.isEmpty();
        }

        @Override
        public boolean writes() {
            return retag() || !plan.isEmpty();
        }
    }

    /**
     * The group exists and holds exactly its spec, tags included.
     *
     * @param group    as observed
     * @param desired  the spec
     * @param plan     an empty plan
     * @param findings on its rules
     */
    record InSync(ObservedGroup group, GroupSpec desired, Plan plan, List<Finding> findings)
            implements GroupDecision {
        /**
         * Checks the components.
         *
         * @param group as observed
         * @param desired the spec
         * @param plan an empty plan
         * @param findings on its rules
         */
        public InSync {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(desired, "desired");
            if (!plan.isEmpty() || !plan.extra().isEmpty()) {
                throw new IllegalArgumentException("a group in sync has nothing to change: " + plan);
            }
            findings = List.copyOf(findings);
        }
    }

    /**
     * The group does not exist, and the run only reports: everything it should hold is missing.
     *
     * @param desired the spec
     * @param plan    what creating it would take
     */
    record Absent(GroupSpec desired, Plan plan) implements GroupDecision {
        /**
         * Checks the components.
         *
         * @param desired the spec
         * @param plan what creating it would take
         */
        public Absent {
            Objects.requireNonNull(desired, "desired");
            Objects.requireNonNull(plan, "plan");
        }

        @Override
        public List<Finding> findings() {
            return List.of();
        }
    }
}
