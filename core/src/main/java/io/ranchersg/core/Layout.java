package io.ranchersg.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a cluster stack splits a cluster's nodes into groups: one least-privilege group per role,
 * each from a role profile, each naming the others as peers.
 */
public enum Layout {
    /** Node-pool clusters (Rancher's node driver): etcd, controlplane and worker groups. */
    NODE_POOL("node-pool", groups(Roles.ETCD, Profiles.NODE_POOL_ETCD, Roles.CONTROLPLANE,
            Profiles.NODE_POOL_CONTROLPLANE, Roles.WORKER, Profiles.NODE_POOL_WORKER),
            Set.of(Roles.RANCHER, Roles.WORKLOAD_CLIENTS), Set.of(Roles.API_CLIENTS)),
    /** Custom-node clusters: the same three groups, without the node driver's SSH and Docker TLS. */
    CUSTOM("custom", groups(Roles.ETCD, Profiles.CUSTOM_ETCD, Roles.CONTROLPLANE, Profiles.CUSTOM_CONTROLPLANE,
            Roles.WORKER, Profiles.CUSTOM_WORKER),
            Set.of(Roles.WORKLOAD_CLIENTS), Set.of(Roles.API_CLIENTS)),
    /** RKE2 clusters: server and agent groups. */
    RKE2("rke2", groups("server", Profiles.RKE2_SERVER, "agent", Profiles.RKE2_AGENT),
            Set.of(), Set.of(Roles.RANCHER, Roles.WORKLOAD_CLIENTS));

    private final String jsonName;
    private final Map<String, String> profileByRole;
    private final Set<String> requiredPeers;
    private final Set<String> optionalPeers;

    Layout(String jsonName, Map<String, String> profileByRole, Set<String> requiredPeers, Set<String> optionalPeers) {
        this.jsonName = jsonName;
        this.profileByRole = profileByRole;
        this.requiredPeers = requiredPeers;
        this.optionalPeers = optionalPeers;
    }

    private static Map<String, String> groups(String... roleAndProfile) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < roleAndProfile.length; i += 2) {
            map.put(roleAndProfile[i], roleAndProfile[i + 1]);
        }
        return map;
    }

    /** {@return the name for flags, JSON and tags: {@code node-pool}, {@code custom}, {@code rke2}} */
    public String jsonName() {
        return jsonName;
    }

    /** {@return the roles, one group each, in the order groups are made and shown} */
    public List<String> roles() {
        return List.copyOf(profileByRole.keySet());
    }

    /**
     * The profile of a role's group.
     *
     * @throws IllegalArgumentException naming the role if the layout has no such group
     */
    public String profileOf(String role) {
        String profile = profileByRole.get(role);
        if (profile == null) {
            throw new IllegalArgumentException("layout " + jsonName + " has no role '" + role + "': its roles are "
                    + String.join(", ", roles()));
        }
        return profile;
    }

    /** The name the profiles give a role's group as a peer ({@code server} is {@code servers} there). */
    String peerRole(String role) {
        return this == RKE2 ? role + "s" : role;
    }

    /** {@return peers from outside the stack the layout needs} */
    public Set<String> requiredPeers() {
        return requiredPeers;
    }

    /** {@return peers from outside the stack the layout takes when given} */
    public Set<String> optionalPeers() {
        return optionalPeers;
    }

    /**
     * Parses a layout name.
     *
     * @throws IllegalArgumentException naming the value if it is not one
     */
    public static Layout parse(String text) {
        for (Layout layout : values()) {
            if (layout.jsonName.equals(text)) {
                return layout;
            }
        }
        throw new IllegalArgumentException("unknown layout '" + text + "': expected node-pool, custom or rke2");
    }
}
