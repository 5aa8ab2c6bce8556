package io.ranchersg.core;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The choices of a cluster stack beyond its layout.
 *
 * @param peers          peers from outside the stack, by role ({@code rancher}, {@code workload-clients},
 *                       {@code api-clients}, as the layout takes them)
 * @param ipv6           outbound allow-all to {@code ::/0} too
 * @param windowsOverlay the custom layout's Windows nodes in VXLAN overlay mode (UDP 4789)
 * @param cni            the RKE2 layout's container network
 */
public record StackOptions(Map<String, Peer> peers, boolean ipv6, boolean windowsOverlay, Cni cni) {

    /**
     * Copies and sorts the peers; refuses unknown roles.
     *
     * @param peers peers from outside the stack, by role ({@code rancher}, {@code workload-clients},
     *     {@code api-clients}, as the layout takes them)
     * @param ipv6 outbound allow-all to {@code ::/0} too
     * @param windowsOverlay the custom layout's Windows nodes in VXLAN overlay mode (UDP 4789)
     * @param cni the RKE2 layout's container network
     */
    public StackOptions {
        Map<String, Peer> sorted = new TreeMap<>();
        (peers == null ? Map.<String, Peer>of() : peers).forEach((role, peer) -> {
            Roles.check(role);
            sorted.put(role, Objects.requireNonNull(peer, () -> "peer for role '" + role + "' must not be null"));
        });
        peers = Collections.unmodifiableMap(sorted);
        cni = cni == null ? Cni.CANAL : cni;
    }

    /** {@return the defaults: no peers, IPv4 only, no Windows overlay, Canal} */
    public static StackOptions defaults() {
        return new StackOptions(Map.of(), false, false, Cni.CANAL);
    }

    /** These options with a peer for the role (replacing an earlier one). */
    public StackOptions withPeer(String role, Peer peer) {
        Map<String, Peer> more = new TreeMap<>(peers);
        more.put(role, peer);
        return new StackOptions(more, ipv6, windowsOverlay, cni);
    }

    public StackOptions withIpv6(boolean newIpv6) {
        return new StackOptions(peers, newIpv6, windowsOverlay, cni);
    }

    public StackOptions withWindowsOverlay(boolean newWindowsOverlay) {
        return new StackOptions(peers, ipv6, newWindowsOverlay, cni);
    }

    public StackOptions withCni(Cni newCni) {
        return new StackOptions(peers, ipv6, windowsOverlay, newCni);
    }
}
