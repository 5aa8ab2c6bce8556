package io.ranchersg.core;

import java.util.Objects;

/**
 * One security group rule: one direction, one protocol, one port range, one peer, as EC2 counts
 * rules.
 *
 * <p>The compact constructor enforces what EC2 enforces, so an invalid rule never reaches AWS:
 * TCP and UDP need a port range within 0..65535 with {@code from <= to}; {@link Protocol#ALL}
 * takes no ports ({@code ports} is {@code null} exactly then); ICMP and ICMPv6 take a type/code
 * pair from {@link PortRange#icmp(int, int)}, and {@code null} there means any type and code. The
 * description is at most 255 characters from EC2's allowed set; {@code null} becomes {@code ""}.
 *
 * <p>The identity EC2 uses is {@link #key()}; the description is not part of it. Record equality
 * includes the description.
 *
 * @param direction   ingress or egress
 * @param protocol    the protocol
 * @param ports       the port range, or ICMP type/code; {@code null} iff the protocol is ALL
 * @param peer        the source (ingress) or destination (egress)
 * @param description free text for humans, {@code ""} if none
 */
public record Rule(Direction direction, Protocol protocol, PortRange ports, Peer peer, String description) {

    /**
     * Validates, see the class comment; ICMP without type/code becomes any/any, a null description "".
     *
     * @param direction ingress or egress
     * @param protocol the protocol
     * @param ports the port range, or ICMP type/code; {@code null} iff the protocol is ALL
     * @param peer the source (ingress) or destination (egress)
     * @param description free text for humans, {@code ""} if none
     */
    public Rule {
        Objects.requireNonNull(direction, "rule direction must not be null");
        Objects.requireNonNull(protocol, "rule protocol must not be null");
        Objects.requireNonNull(peer, "rule peer must not be null");
        ports = checkPorts(protocol, ports);
        description = Ec2Text.checkRuleDescription(description == null ? "" : description);
    }

    /** Validates ports for the protocol and returns the canonical value (ICMP {@code null} becomes any/any). */
    static PortRange checkPorts(Protocol protocol, PortRange ports) {
        if (protocol == Protocol.ALL) {
            if (ports != null) {
                throw new IllegalArgumentException(
                        "protocol all covers every port and takes no port range, got " + ports);
            }
            return null;
        }
        if (protocol.isIcmp()) {
            if (ports == null) {
                return PortRange.ICMP_ANY;
            }
            ports.checkIcmp();
            return ports;
        }
        if (ports == null) {
            throw new IllegalArgumentException("protocol " + protocol.jsonName() + " needs a port range");
        }
        ports.checkTcpUdp();
        return ports;
    }

    /** An ingress rule. */
    public static Rule ingress(Protocol protocol, PortRange ports, Peer peer, String description) {
        return new Rule(Direction.INGRESS, protocol, ports, peer, description);
    }

    /** An egress rule. */
    public static Rule egress(Protocol protocol, PortRange ports, Peer peer, String description) {
        return new Rule(Direction.EGRESS, protocol, ports, peer, description);
    }

    /** A rule allowing every protocol and port ({@code IpProtocol -1}). */
    public static Rule allTraffic(Direction direction, Peer peer, String description) {
        return new Rule(direction, Protocol.ALL, null, peer, description);
    }

    /** {@return the identity EC2 uses: everything but the description} */
    public RuleKey key() {
        return new RuleKey(direction, protocol, ports, peer);
    }

    /** This rule with another description. */
    public Rule withDescription(String newDescription) {
        return new Rule(direction, protocol, ports, peer, newDescription);
    }

    /** This rule with another peer (used when resolving group names and self references). */
    public Rule withPeer(Peer newPeer) {
        return new Rule(direction, protocol, ports, newPeer, description);
    }

    /** Whether the rule allows traffic on this protocol and port (ALL covers everything). */
    public boolean covers(Protocol p, int port) {
        if (protocol == Protocol.ALL) {
            return true;
        }
        return protocol == p && protocol.hasPorts() && ports.contains(port);
    }

    /** {@return a text such as {@code ingress tcp 22 from 0.0.0.0/0 "SSH"}} */
    @Override
    public String toString() {
        String text = key().toString();
        return description.isEmpty() ? text : text + " \"" + description + "\"";
    }
}
