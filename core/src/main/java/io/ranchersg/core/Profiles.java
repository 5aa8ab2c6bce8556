package io.ranchersg.core;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The catalogue of profiles, in a fixed order. */
public final class Profiles {

    /** The page's "Rancher AWS EC2 security group". */
    public static final String RANCHER_NODES = "rancher-nodes";
    /** Tab "K3s": Rancher server nodes on K3s. */
    public static final String RANCHER_SERVER_K3S = "rancher-server-k3s";
    /** Tab "RKE": Rancher server nodes on RKE. */
    public static final String RANCHER_SERVER_RKE = "rancher-server-rke";
    /** Tab "Docker": Rancher in a single Docker container. */
    public static final String RANCHER_SERVER_DOCKER = "rancher-server-docker";
    /** Tab "Node Pools": the etcd role's group. */
    public static final String NODE_POOL_ETCD = "node-pool-etcd";
    /** Tab "Node Pools": the controlplane role's group. */
    public static final String NODE_POOL_CONTROLPLANE = "node-pool-controlplane";
    /** Tab "Node Pools": the worker role's group. */
    public static final String NODE_POOL_WORKER = "node-pool-worker";
    /** Tab "Custom Nodes": the etcd role's group. */
    public static final String CUSTOM_ETCD = "custom-etcd";
    /** Tab "Custom Nodes": the controlplane role's group. */
    public static final String CUSTOM_CONTROLPLANE = "custom-controlplane";
    /** Tab "Custom Nodes": the worker role's group. */
    public static final String CUSTOM_WORKER = "custom-worker";
    /** Tabs "Hosted Clusters" and "Imported Clusters": the cluster nodes. */
    public static final String HOSTED_IMPORTED = "hosted-imported";
    /** "Commonly Used Ports": one group for all nodes. */
    public static final String COMMONLY_USED_PORTS = "commonly-used-ports";
    /** RKE2 node requirements: servers and agents in one group. */
    public static final String RKE2_NODES = "rke2-nodes";
    /** RKE2 server nodes in a group of their own (the RKE2 table's "between" column). */
    public static final String RKE2_SERVER = "rke2-server";
    /** RKE2 agent nodes in a group of their own (the RKE2 table's "between" column). */
    public static final String RKE2_AGENT = "rke2-agent";

    private static final List<Profile> ALL = ProfileCatalogue.all();
    private static final Map<String, Profile> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(Profile::name, Function.identity()));

    private Profiles() {
    }

    /** {@return every profile, {@code rancher-nodes} first} */
    public static List<Profile> all() {
        return ALL;
    }

    /** {@return the profile names, in catalogue order} */
    public static List<String> names() {
        return ALL.stream().map(Profile::name).toList();
    }

    /**
     * The profile with this name.
     *
     * @throws IllegalArgumentException naming the name and listing the known ones if there is none
     */
    public static Profile get(String name) {
        Profile profile = BY_NAME.get(name);
        if (profile == null) {
            throw new IllegalArgumentException(
                    "unknown profile '" + name + "': known profiles are " + String.join(", ", names()));
        }
        return profile;
    }
}
