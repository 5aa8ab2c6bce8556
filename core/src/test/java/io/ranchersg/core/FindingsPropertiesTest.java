package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** Properties of effective exposure: the union of blocks is judged, however it is split. */
class FindingsPropertiesTest {

    /**
     * Splits 0.0.0.0/0 into blocks: each block is halved while the seed says so, down to /{@code depth}
     * at most.
     */
    private static List<String> split(long seed, int depth) {
        List<String> blocks = new ArrayList<>();
        split(0L, 0, seed, depth, blocks);
        return blocks;
    }

    private static void split(long start, int prefix, long seed, int depth, List<String> out) {
        boolean halve = prefix < depth && ((seed >>> (prefix * 3 % 61)) & 1L) == 1L || prefix == 0;
        if (!halve) {
            out.add(((start >>> 24) & 255) + "." + ((start >>> 16) & 255) + "." + ((start >>> 8) & 255) + "."
                    + (start & 255) + "/" + prefix);
            return;
        }
        long half = 1L << (31 - prefix);
        split(start, prefix + 1, seed * 31 + 7, depth, out);
        split(start + half, prefix + 1, seed * 17 + 3, depth, out);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void anySplitOfTheWorldIsTheWorld(@ForAll long seed, @ForAll @IntRange(min = 1, max = 12) int depth) {
        List<Rule> rules = split(seed, depth).stream()
                .map(b -> Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr(b), "")).toList();

        assertThat(Findings.of(rules)).extracting(Finding::severity).as("VXLAN from " + rules.size() + " blocks")
                .containsExactly(Severity.CRITICAL);
    }

    @Property(tries = 200, edgeCases = EdgeCasesMode.NONE)
    void aSplitMissingOnePublicBlockIsNotTheWorld(@ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int depth) {
        List<String> blocks = split(seed, depth);
        // 8.0.0.0/7 and every block below it hold only public addresses: drop whichever block holds 8.8.8.8.
        blocks.removeIf(b -> holds(b, (8L << 24) | (8L << 16) | (8L << 8) | 8L));
        List<Rule> rules = blocks.stream()
                .map(b -> Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr(b), "")).toList();

        assertThat(Findings.of(rules)).extracting(Finding::severity).as("without the block of 8.8.8.8")
                .doesNotContain(Severity.CRITICAL);
    }

    private static boolean holds(String block, long address) {
        String[] parts = block.split("[./]");
        long start = (Long.parseLong(parts[0]) << 24) | (Long.parseLong(parts[1]) << 16)
                | (Long.parseLong(parts[2]) << 8) | Long.parseLong(parts[3]);
        int prefix = Integer.parseInt(parts[4]);
        long size = 1L << (32 - prefix);
        return start <= address && address < start + size;
    }
}
