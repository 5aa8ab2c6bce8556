package io.ranchersg.core.reconcile;

import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Rule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What one read saw, everything {@link Reconcile#decide} needs: the VPC, the groups of the run and
 * the groups they name, by name, and which peer ids it looked up and did not find.
 *
 * <p>The executor keeps it current without reading again: what it creates and writes it adds with
 * {@link #withCreated} and {@link #withGroup}, so that deciding again after a write costs no call.
 *
 * @param vpc            the VPC
 * @param groups         groups by name: those of the run that exist and those they name as peers
 * @param missingPeerIds peer group ids the read looked up and did not find (empty when not looked up)
 * @param prefixLists    the entries of the prefix lists the groups and specs name, where they could be read
 */
public record Observation(ObservedVpc vpc, Map<String, ObservedGroup> groups, Set<String> missingPeerIds,
                          PrefixLists prefixLists) {

    /**
     * Checks the components.
     *
     * @param vpc the VPC
     * @param groups groups by name: those of the run that exist and those they name as peers
     * @param missingPeerIds peer group ids the read looked up and did not find (empty when not looked
     *     up)
     */
    public Observation {
        Objects.requireNonNull(vpc, "vpc");
        groups = Collections.unmodifiableMap(new LinkedHashMap<>(groups));
        missingPeerIds = Collections.unmodifiableSet(new TreeSet<>(missingPeerIds));
        Objects.requireNonNull(prefixLists, "prefixLists");
        groups.forEach((name, group) -> {
            if (!name.equals(group.name())) {
                throw new IllegalArgumentException("group " + group.id() + " is named '" + group.name()
                        + "', not '" + name + "'");
            }
        });
    }

    /** A read that read no prefix list. */
    public Observation(ObservedVpc vpc, Map<String, ObservedGroup> groups, Set<String> missingPeerIds) {
        this(vpc, groups, missingPeerIds, PrefixLists.NONE);
    }

    /** This observation with the entries of the prefix lists that could be read. */
    public Observation withPrefixLists(PrefixLists lists) {
        return new Observation(vpc, groups, missingPeerIds, lists);
    }

    /** A read that found these groups (by name) and looked up no peer ids. */
    public static Observation of(ObservedVpc vpc, List<ObservedGroup> groups) {
        Map<String, ObservedGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        return new Observation(vpc, byName, Set.of());
    }

    /** The group of that name, or {@code null} when the read did not find it. */
    public ObservedGroup group(String name) {
        return groups.get(name);
    }

    /** The id of the group of that name, or {@code null}: how names in rules are resolved. */
    public String idOf(String name) {
        ObservedGroup group = groups.get(name);
        return group == null ? null : group.id();
    }

    /** This observation after this run created a group, which holds EC2's default rules. */
    public Observation withCreated(String name, String id, Map<String, String> tags, List<Rule> defaults) {
        return withGroup(new ObservedGroup(id, name, vpc.id(), tags, defaults, true));
    }

    /** This observation with one group as it is now (written, or read again). */
    public Observation withGroup(ObservedGroup group) {
        Map<String, ObservedGroup> all = new LinkedHashMap<>(groups);
        all.put(group.name(), group);
        return new Observation(vpc, all, missingPeerIds, prefixLists);
    }
}
