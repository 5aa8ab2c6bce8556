package io.ranchersg.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The desired state of a cluster stack: one least-privilege group per role of its layout, named
 * {@code <cluster>-<role>}, each referring to the others by name. The references may form cycles
 * (etcd accepts 2379 from controlplane, controlplane accepts 6443 from etcd): the groups are made
 * first and their rules after, so a cycle needs nothing special.
 *
 * @param cluster the cluster's name, the prefix of every group name
 * @param layout  the layout
 * @param options the layout's options and outside peers
 * @param groups  one per role, in {@link Layout#roles()} order
 */
public record StackSpec(String cluster, Layout layout, StackOptions options, List<StackGroup> groups) {

    /**
     * Checks the components.
     *
     * @param cluster the cluster's name, the prefix of every group name
     * @param layout the layout
     * @param options the layout's options and outside peers
     * @param groups one per role, in {@link Layout#roles()} order
     */
    public StackSpec {
        Objects.requireNonNull(cluster, "cluster");
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(options, "options");
        groups = List.copyOf(groups);
    }

    /**
     * The stack of a cluster in a layout.
     *
     * @throws IllegalArgumentException naming the bad value: a cluster name that makes an invalid
     *     group name, a peer the layout does not take, a required peer missing, an option the layout
     *     does not have
     */
    public static StackSpec of(String cluster, Layout layout, StackOptions options) {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(options, "options");
        checkCluster(cluster);
        checkOptions(layout, options);
        List<StackGroup> groups = new ArrayList<>();
        for (String role : layout.roles()) {
            String profile = layout.profileOf(role);
            ProfileOptions groupOptions = ProfileOptions.defaults().withGroupName(groupName(cluster, role))
                    .withIpv6(options.ipv6())
                    .withWindowsOverlay(options.windowsOverlay())
                    .withCni(options.cni());
            Profile p = Profiles.get(profile);
            for (String other : layout.roles()) {
                if (!other.equals(role)) {
                    groupOptions = groupOptions.withPeer(layout.peerRole(other),
                            Peer.groupNamed(groupName(cluster, other)));
                }
            }
            for (Map.Entry<String, Peer> outside : options.peers().entrySet()) {
                if (p.roles().stream().anyMatch(r -> r.name().equals(outside.getKey()))) {
                    groupOptions = groupOptions.withPeer(outside.getKey(), outside.getValue());
                }
            }
            GroupSpec spec = p.spec(groupOptions)
                    .withTags(GroupTags.ofStackGroup(profile, groupOptions, cluster, layout, role));
            groups.add(new StackGroup(role, profile, groupOptions, spec));
        }
        return new StackSpec(cluster, layout, options, groups);
    }

    /** {@code <cluster>-<role>}. */
    public static String groupName(String cluster, String role) {
        return cluster + "-" + role;
    }

    /** The group of a role. */
    public Optional<StackGroup> group(String role) {
        return groups.stream().filter(g -> g.role().equals(role)).findFirst();
    }

    /** {@return every group's name, in layout order} */
    public List<String> groupNames() {
        return groups.stream().map(StackGroup::name).toList();
    }

    /** {@return the groups by name} */
    public Map<String, StackGroup> byName() {
        Map<String, StackGroup> byName = new LinkedHashMap<>();
        groups.forEach(g -> byName.put(g.name(), g));
        return byName;
    }

    private static void checkCluster(String cluster) {
        if (cluster == null || cluster.isBlank()) {
            throw new IllegalArgumentException("cluster name must not be empty");
        }
        if (!cluster.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw new IllegalArgumentException("invalid cluster name '" + cluster + "': expected 1 to 63 letters,"
                    + " digits, '.', '_' or '-', starting with a letter or digit");
        }
    }

    private static void checkOptions(Layout layout, StackOptions options) {
        for (String role : options.peers().keySet()) {
            if (!layout.requiredPeers().contains(role) && !layout.optionalPeers().contains(role)) {
                TreeSet<String> taken = new TreeSet<>(layout.requiredPeers());
                taken.addAll(layout.optionalPeers());
                throw new IllegalArgumentException("layout " + layout.jsonName() + " takes no peer '" + role
                        + "': it takes " + (taken.isEmpty() ? "none" : String.join(", ", taken)));
            }
        }
        TreeSet<String> missing = new TreeSet<>(layout.requiredPeers());
        missing.removeAll(options.peers().keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("layout " + layout.jsonName() + " needs a peer for "
                    + String.join(" and ", missing.stream().map(r -> "role '" + r + "' (" + Roles.meaning(r) + ")")
                    .toList()));
        }
        if (options.windowsOverlay() && layout != Layout.CUSTOM) {
            throw new IllegalArgumentException("the Windows overlay applies to the custom layout, not "
                    + layout.jsonName());
        }
        if (options.cni() != Cni.CANAL && layout != Layout.RKE2) {
            throw new IllegalArgumentException("the CNI choice applies to the rke2 layout, not " + layout.jsonName()
                    + " (its profiles open Canal's ports)");
        }
    }
}
