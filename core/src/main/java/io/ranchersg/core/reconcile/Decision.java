package io.ranchersg.core.reconcile;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one run decided: a {@link GroupDecision} per group, in the order of the specs, and the
 * refusals that stop it from writing. An immutable value: plan prints it, ensure carries it out,
 * check reports it.
 *
 * @param options  what the run allowed
 * @param groups   one per spec, in order
 * @param refusals why the run must not write; empty when it may
 */
public record Decision(RunOptions options, List<GroupDecision> groups, List<Refusal> refusals) {

    /**
     * Checks the components.
     *
     * @param options what the run allowed
     * @param groups one per spec, in order
     * @param refusals why the run must not write; empty when it may
     */
    public Decision {
        Objects.requireNonNull(options, "options");
        groups = List.copyOf(groups);
        refusals = List.copyOf(refusals);
    }

    /** {@return whether anything stops the run from writing} */
    public boolean refused() {
        return !refusals.isEmpty();
    }

    /** {@return the refusals no run option accepts: these fail a plan and a check too} */
    public List<Refusal> unacceptable() {
        return refusals.stream().filter(r -> !r.acceptable()).toList();
    }

    /** {@return whether carrying it out writes anything: never for a run that only reports} */
    public boolean writes() {
        return options.repair() && groups.stream().anyMatch(GroupDecision::writes);
    }

    /** The decision for the group of that name. */
    public Optional<GroupDecision> group(String name) {
        return groups.stream().filter(g -> g.name().equals(name)).findFirst();
    }

    /** {@return the groups still to create} */
    public List<GroupDecision.Create> creates() {
        return groups.stream().filter(g -> g instanceof GroupDecision.Create)
                .map(g -> (GroupDecision.Create) g).toList();
    }
}
