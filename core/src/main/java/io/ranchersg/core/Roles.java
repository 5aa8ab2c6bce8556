package io.ranchersg.core;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names of the peers a profile can be given through {@link ProfileOptions#peers()}: the
 * parties the Rancher page names as sources or destinations without giving an address.
 */
public final class Roles {

    /** The nodes running the Rancher server. */
    public static final String RANCHER = "rancher";
    /** The etcd nodes of a downstream cluster. */
    public static final String ETCD = "etcd";
    /** The controlplane nodes of a downstream cluster. */
    public static final String CONTROLPLANE = "controlplane";
    /** The worker nodes of a downstream cluster. */
    public static final String WORKER = "worker";
    /** The load balancer or reverse proxy in front of Rancher. */
    public static final String LOAD_BALANCER = "load-balancer";
    /** Clients of the Rancher UI/API or the Kubernetes API (kubectl, Authorized Cluster Endpoint). */
    public static final String API_CLIENTS = "api-clients";
    /** Cluster nodes: K3s or RKE2 nodes, nodes created by a node driver, hosted/imported cluster nodes. */
    public static final String NODES = "nodes";
    /** Clients of workloads (NodePort and Ingress), or the load balancer in front of them. */
    public static final String WORKLOAD_CLIENTS = "workload-clients";
    /** The Kubernetes API endpoint of hosted or imported clusters. */
    public static final String KUBERNETES_API = "kubernetes-api";

    /** RKE2 server nodes (etcd, control plane, supervisor). */
    public static final String SERVERS = "servers";
    /** RKE2 agent nodes (workloads). */
    public static final String AGENTS = "agents";

    private static final Map<String, String> MEANINGS;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(RANCHER, "the nodes running the Rancher server");
        m.put(ETCD, "the etcd nodes of the downstream cluster");
        m.put(CONTROLPLANE, "the controlplane nodes of the downstream cluster");
        m.put(WORKER, "the worker nodes of the downstream cluster");
        m.put(LOAD_BALANCER, "the load balancer or reverse proxy in front of Rancher");
        m.put(API_CLIENTS, "clients of the Rancher UI/API or the Kubernetes API");
        m.put(NODES, "the cluster nodes");
        m.put(WORKLOAD_CLIENTS, "clients of workloads (NodePort, Ingress) or their load balancer");
        m.put(KUBERNETES_API, "the Kubernetes API endpoint of hosted or imported clusters");
        m.put(SERVERS, "the RKE2 server nodes");
        m.put(AGENTS, "the RKE2 agent nodes");
        MEANINGS = Map.copyOf(m);
    }

    private static final Set<String> ALL = Set.copyOf(MEANINGS.keySet());

    private Roles() {
    }

    /** {@return every role name} */
    public static Set<String> all() {
        return ALL;
    }

    /** Whether the name is a role. */
    public static boolean isRole(String name) {
        return ALL.contains(name);
    }

    /**
     * What the role stands for.
     *
     * @throws IllegalArgumentException naming the role and listing the known ones if it is unknown
     */
    public static String meaning(String role) {
        check(role);
        return MEANINGS.get(role);
    }

    /** Returns the role or throws an IAE naming it and listing the known roles. */
    static String check(String role) {
        if (!ALL.contains(role)) {
            throw new IllegalArgumentException("unknown peer role '" + role + "': known roles are "
                    + String.join(", ", new TreeSet<>(ALL)));
        }
        return role;
    }
}
