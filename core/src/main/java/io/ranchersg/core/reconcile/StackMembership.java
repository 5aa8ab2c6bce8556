package io.ranchersg.core.reconcile;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which groups are provably members of a cluster's stack, and so may be deleted with it. Pure: the
 * groups a read found in, out the members and, for every other group, why it is not one.
 *
 * <p>A member is a group rancher-sg made ({@code managed-by}) named {@code <cluster>-<role>} for a role
 * of the stack's layout, whose cluster, layout and role tags say so. One of those three tags may be
 * missing (removed by hand; {@code stack ensure} writes it back): the name and the other two still
 * prove the group, since rancher-sg names a stack's groups {@code <cluster>-<role>} and nothing else.
 * A missing layout tag is read from the other members, which must record one layout. Anything short
 * of that proof (a group named otherwise, a tag that disagrees, two tags missing) is not a member and
 * is never deleted: a delete must not lose what it cannot prove is the stack's.
 */
public final class StackMembership {

    /**
     * A member of the stack.
     *
     * @param group   as read
     * @param role    its role in the layout
     * @param missing the stack tags it lacks, by key, with the value it should hold; empty for most
     */
    public record Member(ObservedGroup group, String role, Map<String, String> missing) {
        /**
         * Checks the components.
         *
         * @param group as read
         * @param role its role in the layout
         * @param missing the stack tags it lacks, by key, with the value it should hold
         */
        public Member {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(role, "role");
            missing = Map.copyOf(missing);
        }
    }

    /**
     * A group that was found but is not a member.
     *
     * @param group  as read
     * @param reason why not, for the user
     */
    public record Outsider(ObservedGroup group, String reason) {
        /**
         * Checks the components.
         *
         * @param group as read
         * @param reason why not, for the user
         */
        public Outsider {
            Objects.requireNonNull(group, "group");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * The verdict on every group found.
     *
     * @param layout    the layout the members record, or {@code null} when there is no member
     * @param members   the members, in the order found
     * @param outsiders the other groups, in the order found
     */
    public record Verdict(Layout layout, List<Member> members, List<Outsider> outsiders) {
        /**
         * Checks the components.
         *
         * @param layout the layout the members record, or {@code null} when there is no member
         * @param members the members, in the order found
         * @param outsiders the other groups, in the order found
         */
        public Verdict {
            members = List.copyOf(members);
            outsiders = List.copyOf(outsiders);
        }
    }

    private StackMembership() {
    }

    /**
     * The names a member of the cluster's stack may have: {@code <cluster>-<role>} for every role of
     * every layout, so that a read finds members whose cluster tag is gone.
     *
     * @param cluster the cluster
     * @return the names, in the layouts' order
     */
    public static Set<String> possibleNames(String cluster) {
        Set<String> names = new LinkedHashSet<>();
        for (Layout layout : Layout.values()) {
            layout.roles().forEach(role -> names.add(cluster + "-" + role));
        }
        return names;
    }

    /**
     * Judges the groups a read found for a cluster: tagged with it, or named like a member of it.
     *
     * @param cluster the cluster
     * @param found   the groups, each at most once
     * @return the members and the outsiders; when the groups carrying all three tags record different
     *     layouts, which roles belong is not known, and every group is an outsider
     */
    public static Verdict judge(String cluster, List<ObservedGroup> found) {
        Objects.requireNonNull(cluster, "cluster");
        Set<Layout> recorded = new TreeSet<>();
        for (ObservedGroup group : found) {
            Map<String, String> tags = group.tags();
            if (group.managed() && cluster.equals(tags.get(GroupTags.CLUSTER)) && tags.containsKey(GroupTags.ROLE)
                    && group.name().equals(cluster + "-" + tags.get(GroupTags.ROLE))) {
                layoutOf(tags).ifPresent(recorded::add);
            }
        }
        if (recorded.size() > 1) {
            String why = "the groups of cluster '" + cluster + "' record different layouts ("
                    + String.join(", ", recorded.stream().map(Layout::jsonName).toList())
                    + "), so which belong to the stack is not known";
            return new Verdict(null, List.of(), found.stream().map(g -> new Outsider(g, why)).toList());
        }
        Layout layout = recorded.isEmpty() ? null : recorded.iterator().next();
        List<Member> members = new ArrayList<>();
        List<Outsider> outsiders = new ArrayList<>();
        for (ObservedGroup group : found) {
            String why = judge(cluster, layout, group, members);
            if (why != null) {
                outsiders.add(new Outsider(group, why));
            }
        }
        return new Verdict(members.isEmpty() ? null : layout, members, outsiders);
    }

    /** Adds the group to the members and answers {@code null}, or answers why it is not one. */
    private static String judge(String cluster, Layout layout, ObservedGroup group, List<Member> members) {
        Map<String, String> tags = group.tags();
        if (!group.managed()) {
            return "not made by rancher-sg (no " + GroupTags.MANAGED_BY + "=" + GroupTags.MANAGER + " tag)";
        }
        String taggedCluster = tags.get(GroupTags.CLUSTER);
        if (taggedCluster != null && !taggedCluster.equals(cluster)) {
            return "tagged with another cluster, '" + taggedCluster + "'";
        }
        String prefix = cluster + "-";
        if (!group.name().startsWith(prefix)) {
            return "its name is not " + prefix + "<role>";
        }
        String role = group.name().substring(prefix.length());
        String taggedRole = tags.get(GroupTags.ROLE);
        if (taggedRole != null && !taggedRole.equals(role)) {
            return "its role tag says '" + taggedRole + "', its name says '" + role + "'";
        }
        String taggedLayout = tags.get(GroupTags.LAYOUT);
        Optional<Layout> ownLayout = layoutOf(tags);
        if (taggedLayout != null && ownLayout.isEmpty()) {
            return "its layout tag '" + taggedLayout + "' is no layout";
        }
        if (ownLayout.isPresent() && layout != null && ownLayout.get() != layout) {
            return "its layout tag says " + ownLayout.get().jsonName() + ", the stack's groups say "
                    + layout.jsonName();
        }
        Layout effective = ownLayout.orElse(layout);
        if (effective == null) {
            return "no layout recorded, by it or by another group of the stack";
        }
        if (!effective.roles().contains(role)) {
            return "'" + role + "' is not a role of layout " + effective.jsonName();
        }
        Map<String, String> missing = new LinkedHashMap<>();
        if (taggedCluster == null) {
            missing.put(GroupTags.CLUSTER, cluster);
        }
        if (taggedLayout == null) {
            missing.put(GroupTags.LAYOUT, effective.jsonName());
        }
        if (taggedRole == null) {
            missing.put(GroupTags.ROLE, role);
        }
        if (missing.size() > 1) {
            return "it lacks the " + String.join(" and ", missing.keySet()) + " tags: one missing stack tag is"
                    + " repaired by name, more leave it unproven";
        }
        members.add(new Member(group, role, missing));
        return null;
    }

    private static Optional<Layout> layoutOf(Map<String, String> tags) {
        String name = tags.get(GroupTags.LAYOUT);
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Layout.parse(name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
