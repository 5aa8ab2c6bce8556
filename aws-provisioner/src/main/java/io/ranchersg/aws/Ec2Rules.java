package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Translation between core rules (one peer each, as EC2 counts and stores them) and EC2's
 * {@link IpPermission}s (one protocol and port range with many peers).
 */
final class Ec2Rules {

    private static final Logger log = LoggerFactory.getLogger(Ec2Rules.class);

    private Ec2Rules() {
    }

    /**
     * Expands EC2 permissions into rules, one per peer. Permissions that the model cannot express
     * (another IP protocol such as ESP) are left out with a warning: they are never revoked, because
     * only rules that were read can be.
     */
    static List<Rule> fromEc2(Direction direction, Collection<IpPermission> permissions) {
        List<Rule> rules = new ArrayList<>();
        for (IpPermission permission : permissions) {
            Protocol protocol;
            try {
                protocol = Protocol.parse(permission.ipProtocol());
            } catch (IllegalArgumentException e) {
                log.warn("left alone: {} rule with IP protocol {}, which rancher-sg does not manage",
                        direction.jsonName(), permission.ipProtocol());
                continue;
            }
            PortRange ports = portsOf(protocol, permission);
            for (IpRange range : permission.ipRanges()) {
                rules.add(rule(direction, protocol, ports, new Peer.Cidr(range.cidrIp()), range.description()));
            }
            for (Ipv6Range range : permission.ipv6Ranges()) {
                rules.add(rule(direction, protocol, ports, new Peer.Cidr(range.cidrIpv6()), range.description()));
            }
            for (UserIdGroupPair pair : permission.userIdGroupPairs()) {
                rules.add(rule(direction, protocol, ports, Peer.group(pair.groupId()), pair.description()));
            }
            for (PrefixListId prefixList : permission.prefixListIds()) {
                rules.add(rule(direction, protocol, ports, Peer.prefixList(prefixList.prefixListId()),
                        prefixList.description()));
            }
        }
        return rules;
    }

    /**
     * Packs rules into as few permissions as possible: one per protocol and port range, in first-seen
     * order. {@code self} becomes the group's own id; named groups must have been resolved.
     */
    static List<IpPermission> toEc2(Collection<Rule> rules, String ownGroupId) {
        Map<List<Object>, IpPermission.Builder> byPorts = new LinkedHashMap<>();
        Map<List<Object>, Peers> peers = new LinkedHashMap<>();
        for (Rule rule : rules) {
            List<Object> key = new ArrayList<>();
            key.add(rule.protocol());
            key.add(rule.ports());
            byPorts.computeIfAbsent(key, k -> permission(rule.protocol(), rule.ports()));
            peers.computeIfAbsent(key, k -> new Peers()).add(rule, ownGroupId);
        }
        List<IpPermission> permissions = new ArrayList<>();
        byPorts.forEach((key, builder) -> permissions.add(peers.get(key).into(builder).build()));
        return permissions;
    }

    private static IpPermission.Builder permission(Protocol protocol, PortRange ports) {
        IpPermission.Builder builder = IpPermission.builder().ipProtocol(protocol.ec2Name());
        if (ports != null) {
            builder.fromPort(ports.from()).toPort(ports.to());
        }
        return builder;
    }

    private static PortRange portsOf(Protocol protocol, IpPermission permission) {
        if (protocol == Protocol.ALL) {
            return null;
        }
        int from = Objects.requireNonNullElse(permission.fromPort(), -1);
        int to = Objects.requireNonNullElse(permission.toPort(), -1);
        return protocol.isIcmp() ? PortRange.icmp(from, to) : PortRange.of(from, to);
    }

    private static Rule rule(Direction direction, Protocol protocol, PortRange ports, Peer peer, String description) {
        String text = description == null ? "" : description;
        try {
            return new Rule(direction, protocol, ports, peer, text);
        } catch (IllegalArgumentException e) {
            // A description EC2 accepted but the model would not write: keep the rule, so that it is
            // never taken for missing; a description update then restores the profile's text.
            return new Rule(direction, protocol, ports, peer, "");
        }
    }

    /** The peers of one permission, in EC2's four lists. */
    private static final class Peers {
        private final List<IpRange> ipv4 = new ArrayList<>();
        private final List<Ipv6Range> ipv6 = new ArrayList<>();
        private final List<UserIdGroupPair> groups = new ArrayList<>();
        private final List<PrefixListId> prefixLists = new ArrayList<>();

        void add(Rule rule, String ownGroupId) {
            String description = rule.description().isEmpty() ? null : rule.description();
            Peer peer = rule.peer();
            if (peer instanceof Peer.Cidr cidr) {
                if (cidr.ipv6()) {
                    ipv6.add(Ipv6Range.builder().cidrIpv6(cidr.value()).description(description).build());
                } else {
                    ipv4.add(IpRange.builder().cidrIp(cidr.value()).description(description).build());
                }
            } else if (peer instanceof Peer.Self) {
                groups.add(UserIdGroupPair.builder().groupId(ownGroupId).description(description).build());
            } else if (peer instanceof Peer.Group group) {
                groups.add(UserIdGroupPair.builder().groupId(group.groupId()).description(description).build());
            } else if (peer instanceof Peer.PrefixList prefixList) {
                prefixLists.add(PrefixListId.builder().prefixListId(prefixList.prefixListId())
                        .description(description).build());
            } else {
                throw new IllegalStateException("peer not resolved to an id before writing: " + peer);
            }
        }

        IpPermission.Builder into(IpPermission.Builder builder) {
            return builder.ipRanges(ipv4).ipv6Ranges(ipv6).userIdGroupPairs(groups).prefixListIds(prefixLists);
        }
    }
}
