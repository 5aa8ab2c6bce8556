package io.ranchersg.core;

import java.util.Locale;
import java.util.Objects;

/**
 * The identity of a rule as EC2 sees it: direction, protocol, ports and peer, without the
 * description. EC2 refuses a second rule with the same key ({@code InvalidPermission.Duplicate}),
 * and the diff matches desired and actual rules by it.
 *
 * @param ports as in {@link Rule}: {@code null} iff the protocol is ALL, canonical for ICMP
 */
public record RuleKey(Direction direction, Protocol protocol, PortRange ports, Peer peer) {

    /**
     * Validates as {@link Rule} does.
     *
     * @param ports as in {@link Rule}: {@code null} iff the protocol is ALL, canonical for ICMP
     */
    public RuleKey {
        Objects.requireNonNull(direction, "rule direction must not be null");
        Objects.requireNonNull(protocol, "rule protocol must not be null");
        Objects.requireNonNull(peer, "rule peer must not be null");
        ports = Rule.checkPorts(protocol, ports);
    }

    /** A rule with this key and the description. */
    public Rule toRule(String description) {
        return new Rule(direction, protocol, ports, peer, description);
    }

    /**
     * {@return the ports as text: {@code 22}, {@code 2379-2380}, {@code all}, or {@code type 8 code 0}
     * for ICMP}
     */
    public String portsText() {
        if (ports == null) {
            return "all";
        }
        return protocol.isIcmp() ? ports.icmpText().toLowerCase(Locale.ROOT) : ports.toString();
    }

    /** {@return a text such as {@code ingress tcp 22 from 0.0.0.0/0} or {@code egress all to ::/0}} */
    @Override
    public String toString() {
        return direction.jsonName() + " " + protocol.jsonName()
                + (ports == null ? "" : " " + portsText())
                + " " + direction.preposition() + " " + peer;
    }
}
