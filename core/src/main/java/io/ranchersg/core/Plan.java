package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What it takes to make a group match its spec: an immutable value, computed by
 * {@link Diff#plan}, that writes nothing itself. The provisioner performs exactly these actions.
 *
 * @param groupName   the group the plan is for
 * @param toAuthorize desired rules EC2 lacks
 * @param toRevoke    extra rules to remove; empty unless {@code prune}
 * @param toUpdate    rules whose description changes
 * @param extra       every actual rule that is not desired, revoked or not
 * @param prune       whether extra rules are revoked
 */
public record Plan(String groupName, List<Rule> toAuthorize, List<Rule> toRevoke, List<DescriptionChange> toUpdate,
                   List<Rule> extra, boolean prune) {

    /**
     * Copies the lists; refuses revoking without prune or revoking rules that are not extra.
     *
     * @param groupName the group the plan is for
     * @param toAuthorize desired rules EC2 lacks
     * @param toRevoke extra rules to remove; empty unless {@code prune}
     * @param toUpdate rules whose description changes
     * @param extra every actual rule that is not desired, revoked or not
     * @param prune whether extra rules are revoked
     */
    public Plan {
        Objects.requireNonNull(groupName, "groupName");
        toAuthorize = List.copyOf(toAuthorize);
        toRevoke = List.copyOf(toRevoke);
        toUpdate = List.copyOf(toUpdate);
        extra = List.copyOf(extra);
        if (!prune && !toRevoke.isEmpty()) {
            throw new IllegalArgumentException("a plan without prune revokes nothing, but lists " + toRevoke.get(0));
        }
        if (!new HashSet<>(extra).containsAll(toRevoke)) {
            throw new IllegalArgumentException("a plan revokes only extra rules");
        }
    }

    /** {@return whether the plan writes nothing (extra rules kept without prune do not count)} */
    public boolean isEmpty() {
        return toAuthorize.isEmpty() && toRevoke.isEmpty() && toUpdate.isEmpty();
    }

    /** The rules to authorize in one direction (EC2 has one call per direction). */
    public List<Rule> toAuthorize(Direction direction) {
        return toAuthorize.stream().filter(r -> r.direction() == direction).toList();
    }

    /** The rules to revoke in one direction. */
    public List<Rule> toRevoke(Direction direction) {
        return toRevoke.stream().filter(r -> r.direction() == direction).toList();
    }

    /** The description changes in one direction. */
    public List<DescriptionChange> toUpdate(Direction direction) {
        return toUpdate.stream().filter(c -> c.after().direction() == direction).toList();
    }

    /** {@return the drift this plan was computed from: missing, extra and changed rules} */
    public Drift drift() {
        return new Drift(toAuthorize, extra, toUpdate);
    }

    /**
     * The rules a group would have after this plan is applied to {@code actual}, in
     * {@link Rules#ORDER}; what the provisioner should read back, and what a second plan compares.
     */
    public List<Rule> applyTo(Collection<Rule> actual) {
        Map<RuleKey, Rule> result = new LinkedHashMap<>();
        actual.forEach(r -> result.put(r.key(), r));
        toRevoke.forEach(r -> result.remove(r.key()));
        toUpdate.forEach(c -> result.replace(c.key(), c.after()));
        toAuthorize.forEach(r -> result.put(r.key(), r));
        return Rules.sorted(result.values());
    }

    /** {@return the plan's group name and counts, e.g. for logs} */
    @Override
    public String toString() {
        return "Plan[" + groupName + ": +" + toAuthorize.size() + " ~" + toUpdate.size() + " -" + toRevoke.size()
                + " extra " + extra.size() + (prune ? ", prune" : "") + "]";
    }
}
