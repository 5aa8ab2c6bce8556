package io.ranchersg.cli;

import io.ranchersg.core.Cni;
import io.ranchersg.core.Layout;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** What names a cluster stack: its cluster, layout, outside peers and options. */
final class StackMixin {

    /** Completion candidates for --layout. */
    static final class LayoutNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Stream.of(Layout.values()).map(Layout::jsonName).iterator();
        }
    }

    @Option(names = "--cluster", paramLabel = "NAME", required = true,
            description = "The cluster: its groups are named NAME-<role>.")
    String cluster;

    @Option(names = "--layout", paramLabel = "LAYOUT", required = true, completionCandidates = LayoutNames.class,
            description = "node-pool (groups NAME-etcd, -controlplane, -worker), custom (the same, without the node"
                    + " driver's ports) or rke2 (NAME-server, NAME-agent).")
    String layout;

    // A list, not a map: a map would let a repeated role replace the earlier one without a word.
    @Option(names = "--peer", paramLabel = "ROLE=PEER",
            description = "A peer from outside the stack (repeatable, once per role): rancher (node driver SSH and"
                    + " Docker TLS; required for node-pool, optional for rke2), workload-clients (NodePort and"
                    + " ingress; required for node-pool and custom, optional for rke2), api-clients (TCP 6443 on"
                    + " the controlplane, optional). PEER is a CIDR block, sg-<id>, pl-<id> or group_name:<name>;"
                    + " never defaults to 0.0.0.0/0.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--ipv6", description = "Outbound allow-all to ::/0 as well as to 0.0.0.0/0.")
    boolean ipv6;

    @Option(names = "--windows-overlay",
            description = "The custom layout's Windows nodes in VXLAN overlay mode: UDP 4789 between all roles.")
    boolean windowsOverlay;

    @Option(names = "--cni", paramLabel = "CNI",
            description = "The rke2 layout's container network: canal (default, RKE2's default), calico or cilium;"
                    + " only its ports are opened.")
    String cni;

    /**
     * The stack, built and checked by core.
     *
     * @throws UsageException naming the option and the value core refuses
     */
    StackSpec resolve() {
        Layout chosen;
        try {
            chosen = Layout.parse(layout);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--layout", e);
        }
        StackOptions options = StackOptions.defaults().withIpv6(ipv6).withWindowsOverlay(windowsOverlay);
        if (cni != null) {
            try {
                options = options.withCni(Cni.parse(cni));
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--cni", e);
            }
        }
        for (var peer : PeerArguments.parse(peers).entrySet()) {
            options = options.withPeer(peer.getKey(), peer.getValue());
        }
        try {
            return StackSpec.of(cluster, chosen, options);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--layout " + chosen.jsonName(), e);
        }
    }
}
