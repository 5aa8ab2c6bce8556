package io.ranchersg.core;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * How much of the public internet a set of CIDR blocks of one address family reaches, judged as a
 * union: {@code 0.0.0.0/1} with {@code 128.0.0.0/1} is the whole world as much as {@code 0.0.0.0/0}
 * is, and so is any split of it. The public space is IPv4 without the ranges that are never routed
 * on the internet (private, shared, loopback, link-local, documentation, multicast, reserved) and
 * IPv6's global unicast {@code 2000::/3}: a union that leaves out only private ranges is still the
 * world.
 *
 * <p>Public for {@link io.ranchersg.core.coverage}, which asks whether rules together reach the world
 * that a requirement names; the findings ask the same question about exposure.
 */
public enum PublicReach {
    /** No public address, or at most a /8's worth of them. */
    LIMITED,
    /** More public addresses than a /8 holds, but not all of them. */
    BROAD,
    /** Every public address of the family. */
    WORLD;

    /** IPv4 ranges that are never public (RFC 6890's special-purpose registry, the parts not routed globally). */
    private static final List<Interval> IPV4_PUBLIC = complement(32, List.of("0.0.0.0/8", "10.0.0.0/8",
            "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.0.2.0/24",
            "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/3"));
    private static final List<Interval> IPV6_PUBLIC = List.of(Interval.of(CidrNotation.parse("2000::/3")));

    /**
     * The reach of the blocks' union.
     *
     * @param blocks blocks of one family
     * @param ipv6   which family
     */
    public static PublicReach of(Collection<Peer.Cidr> blocks, boolean ipv6) {
        List<Interval> union = merge(blocks.stream().map(b -> Interval.of(CidrNotation.parse(b.value()))).toList());
        List<Interval> publicSpace = ipv6 ? IPV6_PUBLIC : IPV4_PUBLIC;
        BigInteger covered = overlap(union, publicSpace);
        if (covered.equals(size(publicSpace))) {
            return WORLD;
        }
        // A /8 is 2^24 IPv4 addresses, 2^120 IPv6 ones.
        return covered.compareTo(BigInteger.ONE.shiftLeft((ipv6 ? 128 : 32) - 8)) > 0 ? BROAD : LIMITED;
    }

    /** An inclusive range of addresses. */
    private record Interval(BigInteger first, BigInteger last) {
        static Interval of(CidrNotation.Block block) {
            BigInteger first = new BigInteger(1, block.address());
            int hostBits = block.address().length * 8 - block.prefixLength();
            return new Interval(first, first.add(BigInteger.ONE.shiftLeft(hostBits)).subtract(BigInteger.ONE));
        }

        BigInteger size() {
            return last.subtract(first).add(BigInteger.ONE);
        }
    }

    private static List<Interval> merge(List<Interval> intervals) {
        List<Interval> sorted = new ArrayList<>(intervals);
        sorted.sort(Comparator.comparing(Interval::first));
        List<Interval> merged = new ArrayList<>();
        for (Interval next : sorted) {
            Interval last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && next.first().compareTo(last.last().add(BigInteger.ONE)) <= 0) {
                merged.set(merged.size() - 1, new Interval(last.first(), last.last().max(next.last())));
            } else {
                merged.add(next);
            }
        }
        return merged;
    }

    /** The whole space of {@code bits} without the blocks. */
    private static List<Interval> complement(int bits, List<String> blocks) {
        List<Interval> out = new ArrayList<>();
        BigInteger next = BigInteger.ZERO;
        for (Interval taken : merge(blocks.stream().map(b -> Interval.of(CidrNotation.parse(b))).toList())) {
            if (taken.first().compareTo(next) > 0) {
                out.add(new Interval(next, taken.first().subtract(BigInteger.ONE)));
            }
            next = taken.last().add(BigInteger.ONE);
        }
        BigInteger end = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
        if (next.compareTo(end) <= 0) {
            out.add(new Interval(next, end));
        }
        return List.copyOf(out);
    }

    /** How many addresses two merged lists have in common. */
    private static BigInteger overlap(List<Interval> a, List<Interval> b) {
        BigInteger total = BigInteger.ZERO;
        for (Interval x : a) {
            for (Interval y : b) {
                BigInteger first = x.first().max(y.first());
                BigInteger last = x.last().min(y.last());
                if (first.compareTo(last) <= 0) {
                    total = total.add(last.subtract(first).add(BigInteger.ONE));
                }
            }
        }
        return total;
    }

    private static BigInteger size(List<Interval> intervals) {
        return intervals.stream().map(Interval::size).reduce(BigInteger.ZERO, BigInteger::add);
    }
}
