package io.ranchersg.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The union of CIDR blocks, IPv4 and IPv6 apart, as merged address ranges: so that {@code
 * 10.0.0.0/17} with {@code 10.0.128.0/17} holds {@code 10.0.0.0/16} as surely as {@code 10.0.0.0/8}
 * does. Immutable.
 */
public final class CidrSet {

    /** An inclusive range of addresses of one family. */
    private record Range(BigInteger first, BigInteger last) {
        static Range of(Peer.Cidr cidr) {
            CidrNotation.Block block = CidrNotation.parse(cidr.value());
            BigInteger first = new BigInteger(1, block.address());
            int hostBits = block.address().length * 8 - block.prefixLength();
            return new Range(first, first.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE));
        }
    }

    private final List<Range> ipv4;
    private final List<Range> ipv6;

    private CidrSet(List<Range> ipv4, List<Range> ipv6) {
        this.ipv4 = ipv4;
        this.ipv6 = ipv6;
    }

    /** {@return the union of the blocks} */
    public static CidrSet of(Collection<Peer.Cidr> blocks) {
        return new CidrSet(merge(blocks.stream().filter(b -> !b.ipv6()).map(Range::of).toList()),
                merge(blocks.stream().filter(Peer.Cidr::ipv6).map(Range::of).toList()));
    }

    /** {@return whether every address of the block is in the union} */
    public boolean contains(Peer.Cidr block) {
        Range wanted = Range.of(block);
        return ranges(block).stream().anyMatch(r -> r.first().compareTo(wanted.first()) <= 0
                && wanted.last().compareTo(r.last()) <= 0);
    }

    /** {@return whether every address of every block is in the union} */
    public boolean containsAll(Collection<Peer.Cidr> blocks) {
        return blocks.stream().allMatch(this::contains);
    }

    /** {@return whether some address of the block is in the union} */
    public boolean overlaps(Peer.Cidr block) {
        Range wanted = Range.of(block);
        return ranges(block).stream().anyMatch(r -> r.first().compareTo(wanted.last()) <= 0
                && wanted.first().compareTo(r.last()) <= 0);
    }

    /** {@return whether the union holds no address} */
    public boolean isEmpty() {
        return ipv4.isEmpty() && ipv6.isEmpty();
    }

    private List<Range> ranges(Peer.Cidr block) {
        return block.ipv6() ? ipv6 : ipv4;
    }

    /** Sorted, with touching and overlapping ranges joined, so that a block inside the union lies in one range. */
    private static List<Range> merge(List<Range> ranges) {
        List<Range> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(Range::first));
        List<Range> merged = new ArrayList<>();
        for (Range next : sorted) {
            Range last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.first().compareTo(last.last().add(BigInteger.ONE)) <= 0) {
                merged.set(merged.size() - 1, new Range(last.first(), last.last().max(next.last())));
            } else {
                merged.add(next);
            }
        }
        return List.copyOf(merged);
    }
}
