package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;
import software.amazon.awssdk.services.ec2.model.PrefixListId;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Translation between core rules (one peer each, as EC2 counts and stores them) and EC2's
 * {@link IpPermission}s (one protocol and port range with many peers).
 */
final class Ec2Rules {

    private static final Logger log = LoggerFactory.getLogger(Ec2Rules.class);

    private Ec2Rules() {
    }

    /** A group's rules in both directions, one peer each. */
    static List<Rule> rulesOf(SecurityGroup group) {
        List<Rule> rules = new ArrayList<>(fromEc2(Direction.INGRESS, group.ipPermissions()));
        rules.addAll(fromEc2(Direction.EGRESS, group.ipPermissionsEgress()));
        return rules;
    }

    /**
     * A rule as {@code DescribeSecurityGroupRules} reports it, as a key; empty for what the model
     * cannot express (another IP protocol), as {@link #fromEc2} leaves such rules out.
     */
    static Optional<RuleKey> keyOf(SecurityGroupRule rule, String ownGroupId) {
        Optional<Protocol> protocol = protocol(rule.ipProtocol());
        if (protocol.isEmpty()) {
            return Optional.empty();
        }
        Peer peer;
        if (rule.cidrIpv4() != null) {
            peer = new Peer.Cidr(rule.cidrIpv4());
        } else if (rule.cidrIpv6() != null) {
            peer = new Peer.Cidr(rule.cidrIpv6());
        } else if (rule.prefixListId() != null) {
            peer = Peer.prefixList(rule.prefixListId());
        } else if (rule.referencedGroupInfo() != null && rule.referencedGroupInfo().groupId() != null) {
            String id = rule.referencedGroupInfo().groupId();
            peer = id.equals(ownGroupId) ? Peer.self() : Peer.group(id);
        } else {
            return Optional.empty();
        }
        Direction direction = Boolean.TRUE.equals(rule.isEgress()) ? Direction.EGRESS : Direction.INGRESS;
        return Optional.of(new RuleKey(direction, protocol.get(), ports(protocol.get(), rule.fromPort(),
                rule.toPort()), peer));
    }

    private static Optional<Protocol> protocol(String ec2Name) {
        try {
            return Optional.of(Protocol.parse(ec2Name));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Expands EC2 permissions into rules, one per peer. Permissions that the model cannot express
     * (another IP protocol such as ESP) are left out with a warning: they are never revoked, because
     * only rules that were read can be.
     */
    static List<Rule> fromEc2(Direction direction, Collection<IpPermission> permissions) {
        List<Rule> rules = new ArrayList<>();
        for (IpPermission permission : permissions) {
            Optional<Protocol> parsed = protocol(permission.ipProtocol());
            if (parsed.isEmpty()) {
                log.warn("left alone: {} rule with IP protocol {}, which rancher-sg does not manage",
                        direction.jsonName(), permission.ipProtocol());
                continue;
            }
            Protocol protocol = parsed.get();
            PortRange ports = ports(protocol, permission.fromPort(), permission.toPort());
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

    private static PortRange ports(Protocol protocol, Integer fromPort, Integer toPort) {
        if (protocol == Protocol.ALL) {
            return null;
        }
        int from = Objects.requireNonNullElse(fromPort, -1);
        int to = Objects.requireNonNullElse(toPort, -1);
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
