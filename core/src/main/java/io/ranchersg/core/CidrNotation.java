package io.ranchersg.core;

import java.util.Arrays;

/**
 * A strict, hand-written parser and formatter for IPv4 and IPv6 CIDR blocks.
 *
 * <p>Hand-written because {@code InetAddress} may resolve host names and accepts forms (octal,
 * short IPv4) that EC2 refuses. The canonical form is what EC2 stores: host bits cleared, IPv6
 * lower case and compressed per RFC 5952 (without the dotted IPv4 tail).
 */
final class CidrNotation {

    /** A parsed block: the address bytes (4 or 16) with host bits cleared, and the prefix length. */
    record Block(byte[] address, int prefixLength) {
        boolean ipv6() {
            return address.length == 16;
        }

        String canonical() {
            return (ipv6() ? formatIpv6(address) : formatIpv4(address)) + "/" + prefixLength;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Block b && b.prefixLength == prefixLength && Arrays.equals(b.address, address);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(address) + prefixLength;
        }

        @Override
        public String toString() {
            return canonical();
        }
    }

    private CidrNotation() {
    }

    /**
     * Parses and canonicalises, clearing host bits, or throws an IAE naming the text and what is wrong
     * with it. For what EC2 reports, which is canonical already; a user's text goes through
     * {@link #parseExact(String)}.
     */
    static Block parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("CIDR block must not be null");
        }
        int slash = text.indexOf('/');
        String addressText = slash < 0 ? text : text.substring(0, slash);
        boolean ipv6 = addressText.indexOf(':') >= 0;
        byte[] address = ipv6 ? parseIpv6(addressText, text) : parseIpv4(addressText, text);
        if (slash < 0) {
            throw invalid(text, "missing prefix length (for a single address write /"
                    + (ipv6 ? "128" : "32") + ")");
        }
        int maxPrefix = address.length * 8;
        int prefix = parseDecimal(text.substring(slash + 1), maxPrefix, text, "prefix length");
        clearHostBits(address, prefix);
        return new Block(address, prefix);
    }

    /**
     * Parses a block as a user writes it: like {@link #parse(String)}, but host bits set after the
     * prefix are refused, since {@code 10.0.0.1/8} is more likely a typo for {@code 10.0.0.1/32} than
     * a way of writing {@code 10.0.0.0/8}. The message names both readings.
     */
    static Block parseExact(String text) {
        Block block = parse(text);
        String written = text.substring(0, text.indexOf('/'));
        byte[] address = block.ipv6() ? parseIpv6(written, text) : parseIpv4(written, text);
        if (!Arrays.equals(address, block.address())) {
            String single = (block.ipv6() ? formatIpv6(address) : formatIpv4(address)) + "/" + address.length * 8;
            throw invalid(text, "host bits are set after the /" + block.prefixLength() + " prefix; write "
                    + single + " for the single address or " + block.canonical() + " for the whole block");
        }
        return block;
    }

    private static byte[] parseIpv4(String addressText, String whole) {
        String[] parts = addressText.split("\\.", -1);
        if (parts.length != 4) {
            throw invalid(whole, "an IPv4 address has four dot-separated numbers");
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) parseDecimal(parts[i], 255, whole, "IPv4 number");
        }
        return bytes;
    }

    private static byte[] parseIpv6(String addressText, String whole) {
        int gap = addressText.indexOf("::");
        if (gap >= 0 && addressText.indexOf("::", gap + 1) >= 0) {
            throw invalid(whole, "'::' may appear only once");
        }
        int[] head;
        int[] tail;
        if (gap < 0) {
            head = parseGroups(addressText, whole, true);
            tail = new int[0];
            if (head.length != 8) {
                throw invalid(whole, "an IPv6 address without '::' has eight groups");
            }
        } else {
            head = parseGroups(addressText.substring(0, gap), whole, false);
            tail = parseGroups(addressText.substring(gap + 2), whole, true);
            if (head.length + tail.length > 7) {
                throw invalid(whole, "too many groups for an IPv6 address with '::'");
            }
        }
        byte[] bytes = new byte[16];
        for (int i = 0; i < head.length; i++) {
            bytes[2 * i] = (byte) (head[i] >>> 8);
            bytes[2 * i + 1] = (byte) head[i];
        }
        int offset = 8 - tail.length;
        for (int i = 0; i < tail.length; i++) {
            bytes[2 * (offset + i)] = (byte) (tail[i] >>> 8);
            bytes[2 * (offset + i) + 1] = (byte) tail[i];
        }
        return bytes;
    }

    /** Parses colon-separated hex groups; the last one may be a dotted IPv4 address (two groups). */
    private static int[] parseGroups(String text, String whole, boolean mayEndWithIpv4) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        int last = parts.length - 1;
        boolean ipv4Tail = mayEndWithIpv4 && parts[last].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (ipv4Tail ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (i == last && ipv4Tail) {
                byte[] v4 = parseIpv4(parts[i], whole);
                groups[i] = ((v4[0] & 0xff) << 8) | (v4[1] & 0xff);
                groups[i + 1] = ((v4[2] & 0xff) << 8) | (v4[3] & 0xff);
            } else {
                groups[i] = parseHexGroup(parts[i], whole);
            }
        }
        return groups;
    }

    private static int parseHexGroup(String part, String whole) {
        if (part.isEmpty() || part.length() > 4) {
            throw invalid(whole, "an IPv6 group has one to four hex digits, got '" + part + "'");
        }
        int value = 0;
        for (int i = 0; i < part.length(); i++) {
            int digit = Character.digit(part.charAt(i), 16);
            // Character.digit also accepts non-ASCII digits, which no address contains.
            if (digit < 0 || part.charAt(i) > 'f') {
                throw invalid(whole, "'" + part + "' is not a hex group");
            }
            value = value * 16 + digit;
        }
        return value;
    }

    /** A decimal without sign or leading zeros (which some parsers read as octal), up to max. */
    private static int parseDecimal(String digits, int max, String whole, String what) {
        boolean allDigits = !digits.isEmpty() && digits.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!allDigits || digits.length() > 3 || (digits.length() > 1 && digits.charAt(0) == '0')) {
            throw invalid(whole, what + " '" + digits + "' is not a decimal number 0.." + max);
        }
        int value = Integer.parseInt(digits);
        if (value > max) {
            throw invalid(whole, what + " " + value + " is out of range 0.." + max);
        }
        return value;
    }

    private static void clearHostBits(byte[] address, int prefix) {
        for (int i = 0; i < address.length; i++) {
            int bitsKept = Math.max(0, Math.min(8, prefix - 8 * i));
            int mask = bitsKept == 0 ? 0 : (0xff << (8 - bitsKept)) & 0xff;
            address[i] = (byte) (address[i] & mask);
        }
    }

    private static String formatIpv4(byte[] a) {
        return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }

    /** RFC 5952: lower case, no leading zeros, the longest run (first on ties) of two or more zero groups as '::'. */
    private static String formatIpv6(byte[] a) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < 8 && groups[i] == 0) {
                i++;
            }
            if (i - start > bestLength) {
                bestStart = start;
                bestLength = i - start;
            }
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }

    private static IllegalArgumentException invalid(String text, String reason) {
        return new IllegalArgumentException("invalid CIDR block '" + text + "': " + reason);
    }
}
