package io.ranchersg.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Collects a profile's rules in table order. Rules with an existing key are dropped, so roles that
 * resolve to the same peer (say etcd and controlplane both {@code self}) do not collide.
 */
final class SpecBuilder {

    private final ProfileOptions options;
    private final Map<String, ProfileRole> roles = new LinkedHashMap<>();
    private final Map<RuleKey, Rule> rules = new LinkedHashMap<>();
    private boolean ipv6Twins;

    SpecBuilder(ProfileOptions options, List<ProfileRole> roles) {
        this.options = options;
        roles.forEach(r -> this.roles.put(r.name(), r));
        this.ipv6Twins = options.ipv6();
    }

    ProfileOptions options() {
        return options;
    }

    /** Whether world rules also get a {@code ::/0} twin; starts as {@link ProfileOptions#ipv6()}. */
    SpecBuilder ipv6Twins(boolean twins) {
        this.ipv6Twins = twins;
        return this;
    }

    /** The peer of a required or self-defaulting role. */
    Peer peer(String role) {
        ProfileRole declared = declared(role);
        Optional<Peer> given = options.peer(role);
        if (given.isPresent()) {
            return given.get();
        }
        if (declared.requirement() == ProfileRole.Requirement.DEFAULTS_TO_SELF) {
            return Peer.self();
        }
        // Required roles are checked before building; an optional one must go through optional().
        throw new IllegalStateException("role '" + role + "' is " + declared.requirement() + " and not given");
    }

    /** The peer of an optional role, if given. */
    Optional<Peer> optional(String role) {
        declared(role);
        return options.peer(role);
    }

    private ProfileRole declared(String role) {
        ProfileRole declared = roles.get(role);
        if (declared == null) {
            throw new IllegalStateException("profile does not declare role '" + role + "'");
        }
        return declared;
    }

    /** Inbound rules from each peer. */
    SpecBuilder in(Protocol protocol, PortRange ports, String description, Peer... peers) {
        for (Peer peer : peers) {
            add(Rule.ingress(protocol, ports, peer, description));
        }
        return this;
    }

    /** Outbound rules to each peer. */
    SpecBuilder out(Protocol protocol, PortRange ports, String description, Peer... peers) {
        for (Peer peer : peers) {
            add(Rule.egress(protocol, ports, peer, description));
        }
        return this;
    }

    /**
     * An inbound rule open to the world: from each {@link ProfileOptions#openTo()} block if any
     * were given, else from {@code 0.0.0.0/0}, plus {@code ::/0} with IPv6 twins.
     */
    SpecBuilder inFromWorld(Protocol protocol, PortRange ports, String description) {
        if (!options.openTo().isEmpty()) {
            options.openTo().forEach(cidr -> add(Rule.ingress(protocol, ports, cidr, description)));
            return this;
        }
        add(Rule.ingress(protocol, ports, Peer.Cidr.ANY_IPV4, description));
        if (ipv6Twins) {
            add(Rule.ingress(protocol, ports, Peer.Cidr.ANY_IPV6, description));
        }
        return this;
    }

    /** Outbound all traffic to {@code 0.0.0.0/0}, plus {@code ::/0} with IPv6 twins; never narrowed by openTo. */
    SpecBuilder allOutboundToWorld(String description) {
        add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, description));
        if (ipv6Twins) {
            add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, description));
        }
        return this;
    }

    private void add(Rule rule) {
        rules.putIfAbsent(rule.key(), rule);
    }

    List<Rule> rules() {
        return List.copyOf(rules.values());
    }
}
