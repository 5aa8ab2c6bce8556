package io.ranchersg.export;

import io.ranchersg.core.Cni;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Profile;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.ProfileRole;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Exports to test: every profile with every peer and option, and every stack layout. */
final class Cases {

    static final String VPC = "vpc-0123456789abcdef0";

    private Cases() {
    }

    /** A peer of every kind across the roles: CIDR blocks of both families, group ids and names, a prefix list. */
    static Map<String, Peer> peers() {
        Map<String, Peer> peers = new LinkedHashMap<>();
        peers.put(Roles.RANCHER, Peer.group("sg-0000000a"));
        peers.put(Roles.ETCD, Peer.groupNamed("rancher-etcd"));
        peers.put(Roles.CONTROLPLANE, Peer.groupNamed("rancher-controlplane"));
        peers.put(Roles.WORKER, Peer.groupNamed("rancher-worker"));
        peers.put(Roles.LOAD_BALANCER, Peer.prefixList("pl-0123456789abcdef0"));
        peers.put(Roles.API_CLIENTS, Peer.cidr("2001:db8::/32"));
        peers.put(Roles.NODES, Peer.cidr("10.1.0.0/16"));
        peers.put(Roles.WORKLOAD_CLIENTS, Peer.cidr("192.168.0.0/16"));
        peers.put(Roles.KUBERNETES_API, Peer.cidr("10.2.0.0/24"));
        peers.put(Roles.SERVERS, Peer.groupNamed("rancher-server"));
        peers.put(Roles.AGENTS, Peer.groupNamed("rancher-agent"));
        return peers;
    }

    /** One export a case, named for test reports. */
    record Case(String name, ExportSet set) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("rancher-nodes", ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults(),
                VPC)));
        for (Profile profile : Profiles.all()) {
            ProfileOptions options = ProfileOptions.defaults().withIpv6(true).withCurrent(true)
                    .withWindowsOverlay(true).withGroupName(profile.name() + "-all");
            for (ProfileRole role : profile.roles()) {
                options = options.withPeer(role.name(), peers().get(role.name()));
            }
            cases.add(new Case(profile.name() + " with every option", ExportSet.ofProfile(profile.name(), options,
                    null)));
        }
        StackOptions outside = StackOptions.defaults().withPeer(Roles.RANCHER, Peer.cidr("10.9.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.groupNamed("clients-lb"))
                .withPeer(Roles.API_CLIENTS, Peer.cidr("10.8.0.0/16"));
        cases.add(new Case("node-pool stack", ExportSet.ofStack(StackSpec.of("prod", Layout.NODE_POOL, outside),
                VPC)));
        cases.add(new Case("custom stack", ExportSet.ofStack(StackSpec.of("edge", Layout.CUSTOM,
                StackOptions.defaults().withWindowsOverlay(true).withIpv6(true)
                        .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("0.0.0.0/0"))), null)));
        cases.add(new Case("rke2 stack", ExportSet.ofStack(StackSpec.of("lab", Layout.RKE2,
                StackOptions.defaults().withCni(Cni.CILIUM).withPeer(Roles.RANCHER, Peer.group("sg-0000000a"))),
                VPC)));
        return cases;
    }

    /**
     * What an export of the set must declare, in the lines the test scripts print: every group's
     * description and tags, every rule with its peer ({@code group:} a group of the export,
     * {@code group_name:} a group outside it, {@code group_id:}, {@code cidr:}, {@code prefix_list:})
     * and its description as {@link ExportModel#description} gives it.
     */
    static TreeSet<String> expected(ExportSet set) {
        TreeSet<String> lines = new TreeSet<>();
        for (GroupSpec group : set.groups()) {
            lines.add("group " + group.name() + " description \"" + group.description() + "\"");
            group.tags().forEach((key, value) -> lines.add("group " + group.name() + " tag " + key + "=" + value));
            for (Rule rule : group.rules()) {
                String ports = rule.ports() == null ? "null-null" : rule.ports().from() + "-" + rule.ports().to();
                lines.add("rule " + group.name() + " " + rule.direction().jsonName() + " " + rule.protocol().ec2Name()
                        + " " + ports + " " + peer(set, group, rule.peer()) + " \"" + ExportModel.description(rule)
                        + "\"");
            }
        }
        return lines;
    }

    private static String peer(ExportSet set, GroupSpec group, Peer peer) {
        if (peer instanceof Peer.Self) {
            return "group:" + group.name();
        }
        if (peer instanceof Peer.NamedGroup named) {
            return (set.exports(named.name()) ? "group:" : "group_name:") + named.name();
        }
        if (peer instanceof Peer.Group id) {
            return "group_id:" + id.groupId();
        }
        return peer.kind() + ":" + peer.value();
    }
}
