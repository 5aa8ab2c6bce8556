package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The choices a {@link Profile} turns into rules. Profiles ignore options that do not apply to them
 * (their {@link Profile#notes()} say which apply).
 *
 * @param ipv6           add a {@code ::/0} twin to every rule open to {@code 0.0.0.0/0}
 * @param openTo         CIDR blocks to use instead of {@code 0.0.0.0/0} (and {@code ::/0}) in inbound rules
 *                       open to the world; empty means the world. Outbound rules are not affected.
 * @param current        follow what current Rancher releases open, not only the page's table ({@code rancher-nodes})
 * @param windowsOverlay the cluster has Windows nodes in VXLAN overlay mode: add UDP 4789 ({@code custom-*})
 * @param cni            the container network of an RKE2 cluster, whose ports only are opened
 *                       ({@code rke2-server}, {@code rke2-agent}); default {@link Cni#CANAL}
 * @param peers          peers by {@link Roles role name}; unknown role names are refused
 * @param groupName      the name of the group to create; default {@code rancher-nodes}; EC2's rules for
 *                       group names apply, and {@code default} (the VPC's default group) is refused
 */
public record ProfileOptions(boolean ipv6, List<Peer.Cidr> openTo, boolean current, boolean windowsOverlay,
                             Cni cni, Map<String, Peer> peers, String groupName) {

    /** The group name when none is given. */
    public static final String DEFAULT_GROUP_NAME = Profiles.RANCHER_NODES;

    private static final ProfileOptions DEFAULTS =
            new ProfileOptions(false, List.of(), false, false, Cni.CANAL, Map.of(), DEFAULT_GROUP_NAME);

    /**
     * Copies the lists and maps; refuses unknown roles, null peers and a bad group name.
     *
     * @param ipv6 add a {@code ::/0} twin to every rule open to {@code 0.0.0.0/0}
     * @param openTo CIDR blocks to use instead of {@code 0.0.0.0/0} (and {@code ::/0}) in inbound
     *     rules open to the world; empty means the world. Outbound rules are not affected.
     * @param current follow what current Rancher releases open, not only the page's table ({@code
     *     rancher-nodes})
     * @param windowsOverlay the cluster has Windows nodes in VXLAN overlay mode: add UDP 4789 ({@code
     *     custom-*})
     * @param cni the container network of an RKE2 cluster, whose ports only are opened ({@code
     *     rke2-server}, {@code rke2-agent}); default {@link Cni#CANAL}
     * @param peers peers by {@link Roles role name}; unknown role names are refused
     * @param groupName the name of the group to create; default {@code rancher-nodes}; EC2's rules for
     *     group names apply, and {@code default} (the VPC's default group) is refused
     */
    public ProfileOptions {
        openTo = List.copyOf(openTo == null ? List.of() : openTo);
        cni = cni == null ? Cni.CANAL : cni;
        Map<String, Peer> sorted = new TreeMap<>();
        (peers == null ? Map.<String, Peer>of() : peers).forEach((role, peer) -> {
            Roles.check(role);
            sorted.put(role, Objects.requireNonNull(peer, () -> "peer for role '" + role + "' must not be null"));
        });
        peers = Collections.unmodifiableMap(sorted);
        Ec2Text.checkManagedGroupName(groupName);
    }

    /**
     * {@return the defaults: no IPv6, open to the world, the page's table, no Windows overlay, no peers, group
     * {@code rancher-nodes}}
     */
    public static ProfileOptions defaults() {
        return DEFAULTS;
    }

    /** The peer given for a role, if any. */
    public Optional<Peer> peer(String role) {
        return Optional.ofNullable(peers.get(Roles.check(role)));
    }

    /** These options with {@link #ipv6()} changed. */
    public ProfileOptions withIpv6(boolean newIpv6) {
        return new ProfileOptions(newIpv6, openTo, current, windowsOverlay, cni, peers, groupName);
    }

    /**
     * These options open world rules only to the given blocks.
     *
     * @param cidrs elements are {@link Peer.Cidr}s or CIDR strings, read as {@link Peer#cidr(String)} reads
     *              them (host bits set after the prefix are refused); an empty list means the world
     * @throws IllegalArgumentException naming an element that is neither, not a CIDR block, or has host bits set
     */
    public ProfileOptions withOpenTo(List<?> cidrs) {
        List<Peer.Cidr> parsed = new ArrayList<>();
        for (Object cidr : Objects.requireNonNull(cidrs, "cidrs")) {
            if (cidr instanceof Peer.Cidr c) {
                parsed.add(c);
            } else if (cidr instanceof String s) {
                parsed.add(Peer.cidr(s));
            } else {
                throw new IllegalArgumentException("openTo entry '" + cidr + "' is not a CIDR block");
            }
        }
        return new ProfileOptions(ipv6, parsed, current, windowsOverlay, cni, peers, groupName);
    }

    /** These options open world rules only to the given CIDR blocks. */
    public ProfileOptions withOpenTo(String... cidrs) {
        return withOpenTo(List.of(cidrs));
    }

    /** These options with {@link #current()} changed. */
    public ProfileOptions withCurrent(boolean newCurrent) {
        return new ProfileOptions(ipv6, openTo, newCurrent, windowsOverlay, cni, peers, groupName);
    }

    /** These options with {@link #windowsOverlay()} changed. */
    public ProfileOptions withWindowsOverlay(boolean newWindowsOverlay) {
        return new ProfileOptions(ipv6, openTo, current, newWindowsOverlay, cni, peers, groupName);
    }

    /** These options with {@link #cni()} changed. */
    public ProfileOptions withCni(Cni newCni) {
        return new ProfileOptions(ipv6, openTo, current, windowsOverlay, newCni, peers, groupName);
    }

    /**
     * These options with a peer for the role (replacing an earlier one).
     *
     * @throws IllegalArgumentException naming the role if it is not one of {@link Roles#all()}
     */
    public ProfileOptions withPeer(String role, Peer peer) {
        Map<String, Peer> more = new TreeMap<>(peers);
        more.put(Roles.check(role), Objects.requireNonNull(peer, () -> "peer for role '" + role + "' must not be null"));
        return new ProfileOptions(ipv6, openTo, current, windowsOverlay, cni, more, groupName);
    }

    /** These options with a peer for the role, written as {@link Peer#parse(String)} reads it. */
    public ProfileOptions withPeer(String role, String peer) {
        return withPeer(role, Peer.parse(peer));
    }

    /** These options with all the given peers (replacing earlier ones with the same role). */
    public ProfileOptions withPeers(Map<String, Peer> more) {
        Map<String, Peer> all = new TreeMap<>(peers);
        all.putAll(more);
        return new ProfileOptions(ipv6, openTo, current, windowsOverlay, cni, all, groupName);
    }

    /**
     * These options with another group name.
     *
     * @throws IllegalArgumentException naming the name if EC2 would refuse it
     */
    public ProfileOptions withGroupName(String newGroupName) {
        return new ProfileOptions(ipv6, openTo, current, windowsOverlay, cni, peers, newGroupName);
    }
}
