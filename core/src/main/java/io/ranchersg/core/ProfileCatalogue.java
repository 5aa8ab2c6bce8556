package io.ranchersg.core;

import static io.ranchersg.core.PortRange.of;
import static io.ranchersg.core.Protocol.ICMP;
import static io.ranchersg.core.Protocol.TCP;
import static io.ranchersg.core.Protocol.UDP;
import static io.ranchersg.core.ProfileRole.Requirement.DEFAULTS_TO_SELF;
import static io.ranchersg.core.ProfileRole.Requirement.OPTIONAL;
import static io.ranchersg.core.ProfileRole.Requirement.REQUIRED;

import java.util.ArrayList;
import java.util.List;

/**
 * The profiles, written as close to the page's tables (seed/port-requirements.md) and the tables
 * it references (spec/port-tables.md) as EC2 allows. Descriptions use the page's wording.
 */
final class ProfileCatalogue {

    /** Appended to descriptions with the {@code current} option, which names the manager of each rule. */
    static final String MANAGED_BY = " (managed by rancher-sg)";

    private static final String LOCAL_TRAFFIC = "Local traffic needs no rule: TCP 9099 (Canal/Flannel"
            + " livenessProbe/readinessProbe) and TCP 10254 (ingress controller probes) are used by the node"
            + " itself, see \"Local Node Traffic\" on the page.";
    /**
     * The outbound allow-all rule carries no description: it is then exactly the rule EC2 gives every
     * new group, so creating a group needs neither a revoke and re-add nor a description update.
     */
    private static final String ALL_OUTBOUND = "";
    private static final String OUTBOUND_OPEN = "Outbound traffic stays open to 0.0.0.0/0 (and ::/0 with ipv6),"
            + " as in a new EC2 group; it covers the nodes' connections to Rancher and the load balancer (TCP 443).";
    private static final List<String> GIT_RANCHER_IO = List.of("35.160.43.145/32", "35.167.242.46/32", "52.33.59.17/32");

    private ProfileCatalogue() {
    }

    static List<Profile> all() {
        return List.of(
                rancherNodes(),
                rancherServerK3s(),
                rancherServerRke(),
                rancherServerDocker(),
                downstream(Profiles.NODE_POOL_ETCD, Roles.ETCD, true),
                downstream(Profiles.NODE_POOL_CONTROLPLANE, Roles.CONTROLPLANE, true),
                downstream(Profiles.NODE_POOL_WORKER, Roles.WORKER, true),
                downstream(Profiles.CUSTOM_ETCD, Roles.ETCD, false),
                downstream(Profiles.CUSTOM_CONTROLPLANE, Roles.CONTROLPLANE, false),
                downstream(Profiles.CUSTOM_WORKER, Roles.WORKER, false),
                hostedImported(),
                commonlyUsedPorts(),
                rke2Nodes(),
                rke2Role(Profiles.RKE2_SERVER, Roles.SERVERS),
                rke2Role(Profiles.RKE2_AGENT, Roles.AGENTS));
    }

    /**
     * {@return the page's "Rancher AWS EC2 security group" table, row for row, plus the
     * ipv6/openTo/current options}
     */
    private static Profile rancherNodes() {
        return new TableProfile(Profiles.RANCHER_NODES,
                "The group Rancher's AWS EC2 node driver creates (table \"Rancher AWS EC2 security group\")",
                "Rancher nodes created by the AWS EC2 node driver",
                List.of(),
                b -> {
                    boolean current = b.options().current();
                    String suffix = current ? MANAGED_BY : "";
                    Peer self = Peer.self();
                    b.ipv6Twins(b.options().ipv6() || current);
                    b.inFromWorld(TCP, of(22), "Node driver SSH provisioning" + suffix);
                    b.inFromWorld(TCP, of(80), "HTTP ingress" + suffix);
                    b.inFromWorld(TCP, of(443), "HTTPS ingress" + suffix);
                    b.inFromWorld(TCP, of(2376), "Node driver Docker daemon TLS port" + suffix);
                    b.in(TCP, of(2379, 2380), "etcd client requests and peer communication" + suffix, self);
                    b.in(UDP, of(4789), "Flannel VXLAN overlay networking on Windows cluster" + suffix, self);
                    b.inFromWorld(TCP, of(6443), "Kubernetes API" + suffix);
                    b.in(UDP, of(8472), "Canal/Flannel VXLAN overlay networking" + suffix, self);
                    b.in(TCP, of(10250, 10252), "kubelet API, kube-scheduler, kube-controller-manager" + suffix, self);
                    b.in(TCP, of(10256), "kube-proxy health check" + suffix, self);
                    b.inFromWorld(TCP, of(30000, 32767), "NodePort port range" + suffix);
                    b.inFromWorld(UDP, of(30000, 32767), "NodePort port range" + suffix);
                    if (current) {
                        b.inFromWorld(TCP, of(8443), "ingress-nginx admission webhook" + suffix);
                        b.in(TCP, of(9345), "RKE2 supervisor API and node registration" + suffix, self);
                        b.in(TCP, of(5473), "Calico Typha" + suffix, self);
                        b.in(TCP, of(9796), "Monitoring node exporter" + suffix, self);
                        b.in(TCP, of(179), "Calico BGP" + suffix, self);
                    }
                    b.allOutboundToWorld(current ? "All outbound traffic" + suffix : ALL_OUTBOUND);
                },
                """
                Exactly the page's table: 12 inbound rules and outbound all traffic to 0.0.0.0/0.
                Options: ipv6 adds a ::/0 twin to every rule open to 0.0.0.0/0, inbound and outbound.
                openTo replaces 0.0.0.0/0 (and ::/0) in the inbound rules with the given CIDR blocks;
                list IPv6 blocks there yourself; outbound stays open.
                current adds what newer Rancher releases open: TCP 8443 from anywhere, TCP 9345, 5473,
                9796 and 179 from the group itself, ::/0 twins, and descriptions naming the manager.
                The table opens SSH (22) and Docker TLS (2376) to the world; consider openTo.
                """ + LOCAL_TRAFFIC);
    }

    /** {@return tab "K3s": inbound from the K3s nodes, which share this group} */
    private static Profile rancherServerK3s() {
        return new TableProfile(Profiles.RANCHER_SERVER_K3S,
                "Rancher server nodes on K3s (inbound rules, tab \"K3s\")",
                "Rancher server nodes on K3s",
                List.of(new ProfileRole(Roles.NODES, DEFAULTS_TO_SELF, "K3s server and agent nodes: TCP 6443, UDP 8472, TCP 10250")),
                b -> {
                    Peer nodes = b.peer(Roles.NODES);
                    b.in(TCP, of(6443), "Kubernetes API", nodes);
                    b.in(UDP, of(8472), "Required only for Flannel VXLAN.", nodes);
                    b.in(TCP, of(10250), "kubelet", nodes);
                    b.allOutboundToWorld(ALL_OUTBOUND);
                },
                """
                The K3s server and agent nodes are the group itself unless role 'nodes' names another peer.
                UDP 8472 is needed only with Flannel VXLAN; TCP 10250 for the metrics server.
                The page: "Typically all outbound traffic is allowed", so outbound all traffic to 0.0.0.0/0.
                The page's K3s table has no rule for the Rancher UI/API; reach it through a load balancer.""");
    }

    /** {@return tab "RKE": inbound from load balancer, nodes and clients; outbound as listed} */
    private static Profile rancherServerRke() {
        return new TableProfile(Profiles.RANCHER_SERVER_RKE,
                "Rancher server nodes on RKE (inbound and outbound rules, tab \"RKE\")",
                "Rancher server nodes on RKE",
                List.of(new ProfileRole(Roles.LOAD_BALANCER, REQUIRED, "Load Balancer/Reverse Proxy: TCP 80, 443"),
                        new ProfileRole(Roles.NODES, REQUIRED, "cluster nodes: TCP 443 in, TCP 22 and 2376 out"),
                        new ProfileRole(Roles.API_CLIENTS, REQUIRED, "other API/UI clients: TCP 443")),
                b -> {
                    Peer lb = b.peer(Roles.LOAD_BALANCER);
                    Peer nodes = b.peer(Roles.NODES);
                    b.in(TCP, of(80), "HTTP traffic to Rancher UI/API", lb);
                    b.in(TCP, of(443), "HTTPS traffic to Rancher UI/API", lb, nodes, b.peer(Roles.API_CLIENTS));
                    b.out(TCP, of(443), "Rancher catalog (git.rancher.io)", gitRancherIo());
                    b.out(TCP, of(22), "SSH provisioning of node by node driver", nodes);
                    b.out(TCP, of(2376), "Docker daemon TLS port used by node driver", nodes);
                },
                """
                Outbound is only what the page lists: no allow-all rule, so with prune EC2's default
                outbound rule is revoked. The page's outbound row "TCP, provider dependent, to the
                Kubernetes API endpoint of hosted clusters" has no fixed port and is left out; so is
                outbound access to external authentication providers (LDAP, for example).""");
    }

    /** {@return tab "Docker": single-container Rancher} */
    private static Profile rancherServerDocker() {
        return new TableProfile(Profiles.RANCHER_SERVER_DOCKER,
                "Rancher server in a single Docker container (inbound and outbound rules, tab \"Docker\")",
                "Rancher server in a single Docker container",
                List.of(new ProfileRole(Roles.LOAD_BALANCER, OPTIONAL, "proxy doing external SSL termination: TCP 80"),
                        new ProfileRole(Roles.NODES, REQUIRED, "hosted/imported Kubernetes and node driver nodes: TCP 443 in, TCP 22 and 2376 out"),
                        new ProfileRole(Roles.API_CLIENTS, REQUIRED, "sources using the Rancher UI or API: TCP 443"),
                        new ProfileRole(Roles.KUBERNETES_API, REQUIRED, "hosted/imported Kubernetes API: TCP 6443 out")),
                b -> {
                    Peer nodes = b.peer(Roles.NODES);
                    b.optional(Roles.LOAD_BALANCER).ifPresent(lb ->
                            b.in(TCP, of(80), "Rancher UI/API when external SSL termination is used", lb));
                    b.in(TCP, of(443), "Rancher agent, Rancher UI/API, kubectl", nodes, b.peer(Roles.API_CLIENTS));
                    b.out(TCP, of(22), "SSH provisioning of nodes using Node Driver", nodes);
                    b.out(TCP, of(443), "git.rancher.io (catalogs)", gitRancherIo());
                    b.out(TCP, of(2376), "Docker daemon TLS port used by Docker Machine", nodes);
                    b.out(TCP, of(6443), "Kubernetes API server", b.peer(Roles.KUBERNETES_API));
                },
                """
                TCP 80 is opened only when role 'load-balancer' is given (external SSL termination).
                Outbound is only what the page lists: no allow-all rule, so with prune EC2's default
                outbound rule is revoked; external authentication providers may need more.""");
    }

    /**
     * Tabs "Node Pools" and "Custom Nodes" (port-tables.md sections 1 and 2): the group of one role.
     * The role itself is the group; the other roles must be given.
     */
    private static Profile downstream(String name, String role, boolean nodePool) {
        List<ProfileRole> roles = new ArrayList<>();
        if (nodePool) {
            roles.add(new ProfileRole(Roles.RANCHER, REQUIRED, "node driver SSH and Docker TLS: TCP 22, 2376"));
        }
        for (String r : List.of(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER)) {
            roles.add(new ProfileRole(r, r.equals(role) ? DEFAULTS_TO_SELF : REQUIRED, usedFor(role, r)));
        }
        if (role.equals(Roles.CONTROLPLANE)) {
            roles.add(new ProfileRole(Roles.API_CLIENTS, OPTIONAL, "Authorized Cluster Endpoint: TCP 6443"));
        }
        if (role.equals(Roles.WORKER)) {
            roles.add(new ProfileRole(Roles.WORKLOAD_CLIENTS, REQUIRED, "NodePort and Ingress: TCP/UDP 30000-32767, TCP 80, 443"));
        }
        String kind = nodePool ? "node-pool" : "custom-node";
        String summary = "Downstream " + role + " nodes of a " + kind + " cluster (tab \""
                + (nodePool ? "Node Pools" : "Custom Nodes") + "\")";
        return new TableProfile(name, summary, "Downstream " + role + " nodes of a " + kind + " cluster", roles,
                b -> {
                    Peer etcd = b.peer(Roles.ETCD);
                    Peer cp = b.peer(Roles.CONTROLPLANE);
                    Peer worker = b.peer(Roles.WORKER);
                    if (nodePool) {
                        Peer rancher = b.peer(Roles.RANCHER);
                        b.in(TCP, of(22), "Node driver SSH provisioning", rancher);
                        b.in(TCP, of(2376), "Node driver Docker daemon TLS port", rancher);
                    }
                    if (role.equals(Roles.ETCD)) {
                        b.in(TCP, of(2379), "etcd client requests", etcd, cp);
                        b.in(TCP, of(2380), "etcd peer communication", etcd, cp);
                    }
                    if (role.equals(Roles.CONTROLPLANE)) {
                        b.in(TCP, of(6443), "Kubernetes API", etcd, worker);
                        b.optional(Roles.API_CLIENTS).ifPresent(clients ->
                                b.in(TCP, of(6443), "Kubernetes API (Authorized Cluster Endpoint)", clients));
                    }
                    b.in(UDP, of(8472), "Canal/Flannel VXLAN overlay networking", etcd, cp, worker);
                    b.in(TCP, of(10250), "kubelet API", cp);
                    if (role.equals(Roles.WORKER)) {
                        Peer clients = b.peer(Roles.WORKLOAD_CLIENTS);
                        b.in(TCP, of(30000, 32767), "NodePort port range", clients);
                        b.in(UDP, of(30000, 32767), "NodePort port range", clients);
                        b.in(TCP, of(80), "Ingress HTTP", clients);
                        b.in(TCP, of(443), "Ingress HTTPS", clients);
                    }
                    if (!nodePool && b.options().windowsOverlay()) {
                        b.in(UDP, of(4789), "Flannel VXLAN overlay networking on Windows cluster", etcd, cp, worker);
                    }
                    b.allOutboundToWorld(ALL_OUTBOUND);
                },
                "The group of the " + role + " role; roles etcd, controlplane and worker name the groups of"
                        + " the other roles (give Peer.self() for roles on the same nodes).\n"
                        + (nodePool ? "" : "Option windowsOverlay adds UDP 4789 from every role (Windows nodes"
                                + " in VXLAN overlay mode).\n")
                        + (role.equals(Roles.CONTROLPLANE)
                                ? "TCP 6443 from role 'api-clients' only when given (Authorized Cluster Endpoint).\n" : "")
                        + OUTBOUND_OPEN + "\n" + LOCAL_TRAFFIC);
    }

    private static String usedFor(String profileRole, String peerRole) {
        if (peerRole.equals(Roles.ETCD)) {
            return profileRole.equals(Roles.ETCD) ? "etcd nodes: TCP 2379-2380, UDP 8472"
                    : profileRole.equals(Roles.CONTROLPLANE) ? "etcd nodes: TCP 6443, UDP 8472" : "etcd nodes: UDP 8472";
        }
        if (peerRole.equals(Roles.CONTROLPLANE)) {
            return profileRole.equals(Roles.ETCD) ? "controlplane nodes: TCP 2379-2380, UDP 8472, TCP 10250"
                    : "controlplane nodes: UDP 8472, TCP 10250";
        }
        return profileRole.equals(Roles.CONTROLPLANE) ? "worker nodes: TCP 6443, UDP 8472" : "worker nodes: UDP 8472";
    }

    /** {@return section 3: what Rancher needs to reach on hosted and imported clusters} */
    private static Profile hostedImported() {
        return new TableProfile(Profiles.HOSTED_IMPORTED,
                "Nodes of hosted or imported clusters (tabs \"Hosted Clusters\" and \"Imported Clusters\")",
                "Nodes of a hosted or imported cluster managed by Rancher",
                List.of(new ProfileRole(Roles.RANCHER, REQUIRED, "Rancher server: TCP 8443, 9443")),
                b -> {
                    Peer rancher = b.peer(Roles.RANCHER);
                    b.in(TCP, of(8443), "Rancher to cluster", rancher);
                    b.in(TCP, of(9443), "Rancher to cluster", rancher);
                    b.allOutboundToWorld(ALL_OUTBOUND);
                },
                """
                Left out because their ports are provider dependent: Rancher to the Kubernetes API
                endpoint (hosted clusters), API clients and workload clients to the cluster.
                """ + OUTBOUND_OPEN);
    }

    /** {@return "Commonly Used Ports": one group for all nodes of a cluster} */
    private static Profile commonlyUsedPorts() {
        return new TableProfile(Profiles.COMMONLY_USED_PORTS,
                "One group for all Kubernetes nodes with the commonly used ports (\"Commonly Used Ports\")",
                "Kubernetes nodes with the commonly used ports",
                List.of(new ProfileRole(Roles.RANCHER, REQUIRED, "node driver SSH and Docker TLS: TCP 22, 2376"),
                        new ProfileRole(Roles.NODES, DEFAULTS_TO_SELF, "the cluster nodes: etcd, VXLAN, monitoring, Weave, kubelet"),
                        new ProfileRole(Roles.WORKLOAD_CLIENTS, REQUIRED, "NodePort: TCP/UDP 30000-32767")),
                b -> {
                    Peer rancher = b.peer(Roles.RANCHER);
                    Peer nodes = b.peer(Roles.NODES);
                    Peer clients = b.peer(Roles.WORKLOAD_CLIENTS);
                    b.in(TCP, of(22), "Node driver SSH provisioning", rancher);
                    b.in(TCP, of(2376), "Node driver Docker daemon TLS port", rancher);
                    b.in(TCP, of(2379), "etcd client requests", nodes);
                    b.in(TCP, of(2380), "etcd peer communication", nodes);
                    b.in(UDP, of(8472), "Canal/Flannel VXLAN overlay networking", nodes);
                    b.in(UDP, of(4789), "Flannel VXLAN overlay networking on Windows cluster", nodes);
                    b.in(TCP, of(9796), "Default port required by Monitoring to scrape metrics", nodes);
                    b.in(TCP, of(6783), "Weave Port", nodes);
                    b.in(UDP, of(6783, 6784), "Weave UDP Ports", nodes);
                    b.in(TCP, of(10250), "kubelet API", nodes);
                    b.in(TCP, of(30000, 32767), "NodePort port range", clients);
                    b.in(UDP, of(30000, 32767), "NodePort port range", clients);
                    b.allOutboundToWorld(ALL_OUTBOUND);
                },
                """
                The page's table names no sources: node driver ports come from role 'rancher', NodePort from
                role 'workload-clients', everything else from the nodes (the group itself by default).
                """ + OUTBOUND_OPEN + "\n" + LOCAL_TRAFFIC);
    }

    /** {@return section 5: RKE2 servers and agents sharing one group} */
    private static Profile rke2Nodes() {
        return new TableProfile(Profiles.RKE2_NODES,
                "RKE2 server and agent nodes sharing one group (RKE2 node requirements)",
                "RKE2 server and agent nodes",
                List.of(new ProfileRole(Roles.NODES, DEFAULTS_TO_SELF, "the RKE2 nodes: every rule")),
                b -> {
                    Peer n = b.peer(Roles.NODES);
                    b.in(TCP, of(6443), "Kubernetes API", n);
                    b.in(TCP, of(9345), "RKE2 supervisor API", n);
                    b.in(TCP, of(10250), "kubelet", n);
                    b.in(TCP, of(2379), "etcd client", n);
                    b.in(TCP, of(2380), "etcd peer", n);
                    b.in(TCP, of(2381), "etcd metrics", n);
                    b.in(TCP, of(30000, 32767), "NodePort", n);
                    b.in(UDP, of(8472), "Canal or Cilium VXLAN", n);
                    b.in(TCP, of(9099), "Canal or Calico health", n);
                    b.in(UDP, of(51820), "Canal WireGuard IPv4", n);
                    b.in(UDP, of(51821), "Canal WireGuard IPv6", n);
                    b.in(TCP, of(4240), "Cilium health", n);
                    b.in(ICMP, PortRange.icmp(8, 0), "Cilium health", n);
                    b.in(UDP, of(51871), "Cilium WireGuard", n);
                    b.in(TCP, of(179), "Calico BGP", n);
                    b.in(UDP, of(4789), "Calico or Flannel VXLAN, Windows", n);
                    b.in(TCP, of(5473), "Calico Typha", n);
                    b.in(TCP, of(9098), "Calico Typha health", n);
                    b.allOutboundToWorld(ALL_OUTBOUND);
                },
                """
                Every row of the RKE2 table, from the nodes (the group itself by default), for every CNI;
                servers and agents share the group, so the server-only ports (6443, 9345, etcd) are open
                between all nodes. RKE2 lists TCP 9099 between all nodes, so it has a rule here.
                Outbound all traffic to 0.0.0.0/0 (and ::/0 with ipv6): RKE2 expects outbound open.""");
    }

    /**
     * Section 5 with servers and agents in groups of their own: each row of the RKE2 table opened
     * only between the roles its "between" column names, and only for the chosen CNI.
     */
    private static Profile rke2Role(String name, String role) {
        boolean server = role.equals(Roles.SERVERS);
        String other = server ? Roles.AGENTS : Roles.SERVERS;
        List<ProfileRole> roles = new ArrayList<>(List.of(
                new ProfileRole(role, DEFAULTS_TO_SELF, server ? "the RKE2 servers: every server port"
                        : "the RKE2 agents: kubelet, NodePort and CNI ports"),
                new ProfileRole(other, REQUIRED, server ? "the RKE2 agents: TCP 6443, 9345, kubelet, NodePort, CNI"
                        : "the RKE2 servers: kubelet, NodePort and CNI ports"),
                new ProfileRole(Roles.RANCHER, OPTIONAL, "node driver SSH provisioning: TCP 22")));
        if (!server) {
            roles.add(new ProfileRole(Roles.WORKLOAD_CLIENTS, OPTIONAL, "NodePort: TCP/UDP 30000-32767"));
        }
        String what = server ? "server" : "agent";
        return new TableProfile(name, "RKE2 " + what + " nodes in a group of their own (RKE2 node requirements)",
                "RKE2 " + what + " nodes", roles,
                b -> {
                    Peer servers = b.peer(Roles.SERVERS);
                    Peer agents = b.peer(Roles.AGENTS);
                    Peer[] all = {servers, agents};
                    b.optional(Roles.RANCHER).ifPresent(rancher -> b.in(TCP, of(22), "Node driver SSH provisioning",
                            rancher));
                    if (server) {
                        b.in(TCP, of(6443), "Kubernetes API", all);
                        b.in(TCP, of(9345), "RKE2 supervisor API", all);
                        b.in(TCP, of(2379), "etcd client", servers);
                        b.in(TCP, of(2380), "etcd peer", servers);
                        b.in(TCP, of(2381), "etcd metrics", servers);
                    }
                    b.in(TCP, of(10250), "kubelet", all);
                    b.in(TCP, of(30000, 32767), "NodePort", all);
                    if (!server) {
                        b.optional(Roles.WORKLOAD_CLIENTS).ifPresent(clients -> {
                            b.in(TCP, of(30000, 32767), "NodePort for workload clients", clients);
                            b.in(UDP, of(30000, 32767), "NodePort for workload clients", clients);
                        });
                    }
                    switch (b.options().cni()) {
                        case CANAL:
                            b.in(UDP, of(8472), "Canal VXLAN", all);
                            b.in(TCP, of(9099), "Canal health", all);
                            b.in(UDP, of(51820), "Canal WireGuard IPv4", all);
                            b.in(UDP, of(51821), "Canal WireGuard IPv6", all);
                            break;
                        case CALICO:
                            b.in(TCP, of(9099), "Calico health", all);
                            b.in(TCP, of(179), "Calico BGP", all);
                            b.in(UDP, of(4789), "Calico VXLAN", all);
                            b.in(TCP, of(5473), "Calico Typha", all);
                            b.in(TCP, of(9098), "Calico Typha health", all);
                            break;
                        case CILIUM:
                            b.in(UDP, of(8472), "Cilium VXLAN", all);
                            b.in(TCP, of(4240), "Cilium health", all);
                            b.in(ICMP, PortRange.icmp(8, 0), "Cilium health", all);
                            b.in(UDP, of(51871), "Cilium WireGuard", all);
                            break;
                        default:
                            throw new IllegalStateException("no ports for CNI " + b.options().cni());
                    }
                    b.allOutboundToWorld(ALL_OUTBOUND);
                },
                (server
                        ? "TCP 6443 and 9345 from servers and agents; etcd (TCP 2379-2381) from servers only.\n"
                        : "Never opens etcd (TCP 2379-2381), the Kubernetes API (6443) or the supervisor (9345).\n")
                        + "kubelet, NodePort and the CNI's ports (option cni: canal, calico or cilium; default canal)"
                        + " from servers and agents.\n"
                        + (server ? "" : "NodePort from role 'workload-clients' when given: workloads run on agents;"
                                + " servers are tainted against workloads in such a layout.\n")
                        + "TCP 22 from role 'rancher' when given (node driver provisioning).\n"
                        + "Outbound all traffic to 0.0.0.0/0 (and ::/0 with ipv6): RKE2 expects outbound open.");
    }

    private static Peer[] gitRancherIo() {
        return GIT_RANCHER_IO.stream().map(Peer::cidr).toArray(Peer[]::new);
    }
}
