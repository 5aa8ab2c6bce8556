package io.ranchersg.core;

/**
 * The ports of a rule, as EC2 stores them in {@code FromPort} and {@code ToPort}.
 *
 * <p>For TCP and UDP this is an inclusive port range {@code from..to} within 0..65535 with
 * {@code from <= to}; build it with {@link #of(int)}, {@link #of(int, int)} or {@link #parse(String)}.
 * For ICMP and ICMPv6 EC2 reuses the same two fields for the ICMP type ({@code from}) and code
 * ({@code to}), with -1 meaning "any"; build that with {@link #icmp(int, int)}. Which reading
 * applies depends on the protocol, so the per-protocol checks live in {@link Rule}; this record
 * only refuses values that no protocol accepts.
 *
 * <p>Equality is on the two numbers.
 */
public record PortRange(int from, int to) {

    /** The largest TCP or UDP port. */
    public static final int MAX_PORT = 65_535;
    /** The largest ICMP type or code. */
    public static final int MAX_ICMP = 255;
    /** Any ICMP type and code ({@code -1/-1}). */
    public static final PortRange ICMP_ANY = new PortRange(-1, -1);
    /** Every TCP or UDP port. */
    public static final PortRange ALL_PORTS = new PortRange(0, MAX_PORT);

    /** Refuses numbers that are neither a port nor an ICMP type/code. */
    public PortRange {
        if (from < -1 || from > MAX_PORT) {
            throw new IllegalArgumentException("port " + from + " is out of range 0..65535");
        }
        if (to < -1 || to > MAX_PORT) {
            throw new IllegalArgumentException("port " + to + " is out of range 0..65535");
        }
    }

    /** A single TCP/UDP port. */
    public static PortRange of(int port) {
        return of(port, port);
    }

    /**
     * An inclusive TCP/UDP port range.
     *
     * @throws IllegalArgumentException naming the value if a port is outside 0..65535 or {@code from > to}
     */
    public static PortRange of(int from, int to) {
        PortRange range = new PortRange(from, to);
        range.checkTcpUdp();
        return range;
    }

    /**
     * An ICMP type and code as EC2 stores them; -1 means any. A code needs a type: any type
     * ({@code -1}) with a specific code is refused, as EC2 does.
     *
     * @throws IllegalArgumentException naming the value if type or code is outside -1..255
     */
    public static PortRange icmp(int type, int code) {
        PortRange range = new PortRange(type, code);
        range.checkIcmp();
        return range;
    }

    /**
     * Parses {@code "22"} or {@code "2379-2380"}: decimal digits only, no spaces or signs.
     *
     * @throws IllegalArgumentException naming the text if it is not such a range or not valid
     */
    public static PortRange parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("port range must not be null");
        }
        int dash = text.indexOf('-');
        if (dash < 0) {
            int port = parsePort(text, text);
            return of(port, port);
        }
        return of(parsePort(text.substring(0, dash), text), parsePort(text.substring(dash + 1), text));
    }

    private static int parsePort(String digits, String whole) {
        // Six digits already exceed 65535; the cap keeps Integer.parseInt from overflowing.
        if (digits.isEmpty() || digits.length() > 6 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(
                    "invalid port range '" + whole + "': expected a port like 22 or a range like 2379-2380");
        }
        int port = Integer.parseInt(digits);
        if (port > MAX_PORT) {
            throw new IllegalArgumentException(
                    "port " + port + " in '" + whole + "' is out of range 0..65535");
        }
        return port;
    }

    /** Whether this TCP/UDP range contains the port. */
    public boolean contains(int port) {
        return from <= port && port <= to;
    }

    /** Whether this TCP/UDP range shares at least one port with the other. */
    public boolean overlaps(PortRange other) {
        return from <= other.to && other.from <= to;
    }

    /** {@return whether this is a single port} */
    public boolean isSinglePort() {
        return from == to;
    }

    void checkTcpUdp() {
        if (from < 0 || from > MAX_PORT) {
            throw new IllegalArgumentException("port " + from + " is out of range 0..65535");
        }
        if (to < 0 || to > MAX_PORT) {
            throw new IllegalArgumentException("port " + to + " is out of range 0..65535");
        }
        if (from > to) {
            throw new IllegalArgumentException(
                    "port range " + from + "-" + to + " is reversed: from must not exceed to");
        }
    }

    void checkIcmp() {
        if (from < -1 || from > MAX_ICMP) {
            throw new IllegalArgumentException("ICMP type " + from + " is out of range -1..255");
        }
        if (to < -1 || to > MAX_ICMP) {
            throw new IllegalArgumentException("ICMP code " + to + " is out of range -1..255");
        }
        if (from == -1 && to != -1) {
            throw new IllegalArgumentException(
                    "ICMP code " + to + " needs an ICMP type, but the type is -1 (any)");
        }
    }

    /** {@return the range as an ICMP type/code: {@code "All"}, {@code "type 8"} or {@code "type 8 code 0"}} */
    public String icmpText() {
        if (from == -1) {
            return "All";
        }
        return to == -1 ? "type " + from : "type " + from + " code " + to;
    }

    /**
     * {@return {@code "22"} for a single port, {@code "2379-2380"} for a range; the form {@link
     * #parse(String)} reads}
     */
    @Override
    public String toString() {
        return from == to ? Integer.toString(from) : from + "-" + to;
    }
}
