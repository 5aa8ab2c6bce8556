package io.ranchersg.core;

import java.util.Locale;

/**
 * The IP protocols a rancher-sg rule can name. EC2 answers with names or IANA numbers, so
 * {@link #parse(String)} accepts both and everything else works with this one enum.
 */
public enum Protocol {
    /** TCP, IANA 6. */
    TCP("tcp", "6", "TCP"),
    /** UDP, IANA 17. */
    UDP("udp", "17", "UDP"),
    /** ICMP for IPv4, IANA 1. */
    ICMP("icmp", "1", "ICMP"),
    /** ICMP for IPv6, IANA 58. */
    ICMPV6("icmpv6", "58", "ICMPv6"),
    /** Every protocol and every port; EC2 spells it {@code -1}. */
    ALL("-1", "-1", "All");

    private final String ec2Name;
    private final String number;
    private final String label;

    Protocol(String ec2Name, String number, String label) {
        this.ec2Name = ec2Name;
        this.number = number;
        this.label = label;
    }

    /**
     * {@return the value for EC2's {@code IpProtocol}: {@code tcp}, {@code udp}, {@code icmp}, {@code
     * icmpv6} or {@code -1}}
     */
    public String ec2Name() {
        return ec2Name;
    }

    /**
     * {@return the name used in JSON output: {@code tcp}, {@code udp}, {@code icmp}, {@code icmpv6} or
     * {@code all}}
     */
    public String jsonName() {
        return this == ALL ? "all" : ec2Name;
    }

    /**
     * {@return the spelling of the Rancher page's tables: {@code TCP}, {@code UDP}, {@code ICMP},
     * {@code ICMPv6}, {@code All}}
     */
    public String label() {
        return label;
    }

    /** {@return whether rules of this protocol carry a port range (TCP and UDP)} */
    public boolean hasPorts() {
        return this == TCP || this == UDP;
    }

    /** {@return whether rules of this protocol carry an ICMP type and code instead of ports} */
    public boolean isIcmp() {
        return this == ICMP || this == ICMPV6;
    }

    /**
     * Parses a protocol as a user or EC2 writes it: a name in any case ({@code tcp}, {@code UDP},
     * {@code icmpv6}, {@code all}), {@code -1}, or an IANA number ({@code 6}, {@code 17}, {@code 1},
     * {@code 58}).
     *
     * @throws IllegalArgumentException naming the value if it is not one of these
     */
    public static Protocol parse(String text) {
        if (text != null) {
            String lower = text.toLowerCase(Locale.ROOT);
            for (Protocol p : values()) {
                if (p.ec2Name.equals(lower) || p.number.equals(lower) || p.jsonName().equals(lower)) {
                    return p;
                }
            }
        }
        throw new IllegalArgumentException("unknown protocol '" + text
                + "': expected tcp, udp, icmp, icmpv6, all, -1 or one of the numbers 6, 17, 1, 58");
    }
}
