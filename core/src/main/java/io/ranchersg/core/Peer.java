package io.ranchersg.core;

import java.util.Objects;

/**
 * The other end of a rule: its source for ingress, its destination for egress.
 *
 * <p>A closed set, as EC2 allows exactly these: a {@linkplain Cidr CIDR block} (IPv4 or IPv6), the
 * {@linkplain Self group itself}, {@linkplain Group another group by id}, {@linkplain PrefixList a
 * managed prefix list}, plus {@linkplain NamedGroup another group by name}, which exists only
 * before the provisioner resolves it to an id.
 *
 * <p>Equality is value equality of the records, on canonical forms: CIDR blocks are stored with host
 * bits cleared, as EC2 stores them, so {@code new Peer.Cidr("10.0.0.1/8")} equals {@code Peer.cidr("10.0.0.0/8")}.
 *
 * <p>What a user writes is read strictly, what EC2 reports leniently: {@link #cidr(String)} and
 * {@link #parse(String)} refuse a CIDR block with host bits set ({@code 10.0.0.1/8}, most likely a
 * typo for {@code 10.0.0.1/32}), while the {@link Cidr} record's constructor clears them, so that
 * reading EC2's rules never fails on a form EC2 accepted.
 * {@link Self} and a {@link Group} with the group's own id are <em>not</em> equal; see
 * {@link Rules#localiseSelf(java.util.Collection, String)}.
 *
 * <p>{@code toString()} gives the text {@link #parse(String)} reads back.
 */
public sealed interface Peer permits Peer.Cidr, Peer.Self, Peer.Group, Peer.NamedGroup, Peer.PrefixList {

    /**
     * {@return the kind for JSON: {@code cidr}, {@code self}, {@code group}, {@code group_name} or
     * {@code prefix_list}}
     */
    String kind();

    /**
     * {@return the value for JSON: the canonical CIDR, group id, group name or prefix list id; {@code
     * null} for {@link Self}}
     */
    String value();

    /**
     * A CIDR block, IPv4 or IPv6, as a user writes it; IPv6 is normalised to canonical form. Host bits
     * set after the prefix are refused ({@code 10.0.0.1/8}: the message offers {@code 10.0.0.1/32} and
     * {@code 10.0.0.0/8}); use {@code new Peer.Cidr(text)} to clear them instead.
     *
     * @throws IllegalArgumentException naming the text if it is not a CIDR block or has host bits set
     */
    static Cidr cidr(String text) {
        return new Cidr(CidrNotation.parseExact(text).canonical());
    }

    /** {@return the group the rule belongs to} */
    static Self self() {
        return Self.INSTANCE;
    }

    /**
     * Another security group by id.
     *
     * @throws IllegalArgumentException naming the id if it is not {@code sg-} followed by hex digits
     */
    static Group group(String groupId) {
        return new Group(groupId);
    }

    /**
     * Another security group by name, to be resolved to an id before diffing.
     *
     * @throws IllegalArgumentException naming the name if EC2 would refuse it as a group name
     */
    static NamedGroup groupNamed(String name) {
        return new NamedGroup(name);
    }

    /**
     * A managed prefix list by id.
     *
     * @throws IllegalArgumentException naming the id if it is not {@code pl-} followed by hex digits
     */
    static PrefixList prefixList(String id) {
        return new PrefixList(id);
    }

    /**
     * Reads a peer as a user writes it (and as {@code toString()} writes it): {@code self},
     * {@code sg-0123abcd}, {@code pl-0123abcd}, a CIDR block ({@code 10.0.0.0/8}, {@code ::/0}),
     * or explicitly {@code kind:value} with a {@link #kind()} ({@code group_name:rancher-etcd},
     * {@code cidr:10.0.0.0/8}). CIDR blocks are read as {@link #cidr(String)} reads them: host bits
     * set after the prefix are refused.
     *
     * @throws IllegalArgumentException naming the text if it is none of these
     */
    static Peer parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("peer must not be null");
        }
        if (text.equals("self")) {
            return self();
        }
        if (text.startsWith("sg-")) {
            return group(text);
        }
        if (text.startsWith("pl-")) {
            return prefixList(text);
        }
        int colon = text.indexOf(':');
        if (colon > 0) {
            String kind = text.substring(0, colon);
            String value = text.substring(colon + 1);
            switch (kind) {
                case "cidr":
                    return cidr(value);
                case "group":
                    return group(value);
                case "group_name":
                    return groupNamed(value);
                case "prefix_list":
                    return prefixList(value);
                default:
                    break; // not a kind: an IPv6 block such as 2001:db8::/32
            }
        }
        if (text.indexOf('/') >= 0) {
            return cidr(text);
        }
        throw new IllegalArgumentException("unknown peer '" + text + "': expected self, sg-<hex>, pl-<hex>,"
                + " a CIDR block such as 10.0.0.0/8, or group_name:<name>");
    }

    /**
     * An IPv4 or IPv6 CIDR block in canonical form.
     *
     * <p>The constructor is lenient, for blocks EC2 reports (and constants): non-canonical input is
     * <em>normalised</em>, not refused: {@code new Cidr("10.0.0.1/8").value()}
     * is {@code "10.0.0.0/8"}, and IPv6 is written lower case and compressed per RFC 5952
     * ({@code 2001:DB8:0:0::/32} becomes {@code 2001:db8::/32}). EC2 stores the same canonical form, so a
     * desired rule and the rule EC2 reports compare equal. Values that are not CIDR blocks at all
     * ({@code banana}, {@code 10.0.0.0/33}, {@code 300.1.1.1/8}, no prefix length) throw
     * {@link IllegalArgumentException} naming the value. For a user's input use {@link Peer#cidr(String)},
     * which refuses host bits instead of clearing them.
     *
     * @param value the block; stored in canonical form
     */
    record Cidr(String value) implements Peer {
        /** Every IPv4 address. */
        public static final Cidr ANY_IPV4 = new Cidr("0.0.0.0/0");
        /** Every IPv6 address. */
        public static final Cidr ANY_IPV6 = new Cidr("::/0");

        /**
         * Parses and canonicalises the value.
         *
         * @param value the block; stored in canonical form
         */
        public Cidr {
            value = CidrNotation.parse(value).canonical();
        }

        /** {@return whether this is an IPv6 block} */
        public boolean ipv6() {
            return value.indexOf(':') >= 0;
        }

        /** {@return the address family, which EC2 quotas count separately} */
        public AddressFamily family() {
            return ipv6() ? AddressFamily.IPV6 : AddressFamily.IPV4;
        }

        /** {@return the prefix length, 0..32 or 0..128} */
        public int prefixLength() {
            return Integer.parseInt(value.substring(value.indexOf('/') + 1));
        }

        /**
         * {@return whether this block is the whole internet of its family ({@code 0.0.0.0/0} or {@code
         * ::/0})}
         */
        public boolean isAnywhere() {
            return prefixLength() == 0;
        }

        @Override
        public String kind() {
            return "cidr";
        }

        @Override
        public String toString() {
            return value;
        }
    }

    /** The security group the rule belongs to ({@code sg-xxx (rancher-nodes)} on the Rancher page). */
    record Self() implements Peer {
        static final Self INSTANCE = new Self();

        @Override
        public String kind() {
            return "self";
        }

        /** {@return always {@code null}: the group's own id is not known to the model} */
        @Override
        public String value() {
            return null;
        }

        @Override
        public String toString() {
            return "self";
        }
    }

    /**
     * Another security group by id: {@code sg-} followed by 1 to 17 lower-case hex digits (EC2 ids
     * have 8 or 17).
     */
    record Group(String groupId) implements Peer {
        /** Checks the id's form. */
        public Group {
            requireHexId("security group id", groupId, "sg-");
        }

        @Override
        public String kind() {
            return "group";
        }

        @Override
        public String value() {
            return groupId;
        }

        @Override
        public String toString() {
            return groupId;
        }
    }

    /** Another security group by name; the provisioner resolves it to a {@link Group} before diffing. */
    record NamedGroup(String name) implements Peer {
        /** Checks the name against EC2's group name rules. */
        public NamedGroup {
            Ec2Text.checkGroupName(name);
        }

        @Override
        public String kind() {
            return "group_name";
        }

        @Override
        public String value() {
            return name;
        }

        @Override
        public String toString() {
            return "group_name:" + name;
        }
    }

    /** A managed prefix list by id: {@code pl-} followed by 1 to 17 lower-case hex digits. */
    record PrefixList(String prefixListId) implements Peer {
        /** Checks the id's form. */
        public PrefixList {
            requireHexId("prefix list id", prefixListId, "pl-");
        }

        @Override
        public String kind() {
            return "prefix_list";
        }

        @Override
        public String value() {
            return prefixListId;
        }

        @Override
        public String toString() {
            return prefixListId;
        }
    }

    private static void requireHexId(String what, String id, String prefix) {
        Objects.requireNonNull(id, () -> what + " must not be null");
        String hex = id.startsWith(prefix) ? id.substring(prefix.length()) : "";
        boolean valid = !hex.isEmpty() && hex.length() <= 17
                && hex.chars().allMatch(c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
        if (!valid) {
            throw new IllegalArgumentException("invalid " + what + " '" + id + "': expected " + prefix
                    + " followed by 1 to 17 lower-case hex digits");
        }
    }
}
