package io.ranchersg.core.coverage;

import io.ranchersg.core.CidrSet;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.PublicReach;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a group's rules meet a profile's requirements, and what they allow beyond them.
 *
 * <p>A requirement is covered when, for its direction, the rules of its protocol (or of all
 * traffic) together allow every port of its range from (to) its peer. Its range is cut where a rule's
 * range starts or ends; each piece is allowed when the union of the peers of the rules that allow the
 * piece whole holds the requirement's peer. So {@code 30000-31000} on one rule and {@code 31001-32767}
 * on another cover the NodePort range, and {@code 10.0.0.0/17} with {@code 10.0.128.0/17} covers
 * {@code 10.0.0.0/16}.
 *
 * <p>A union of peers holds:
 * <ul>
 *   <li>a CIDR block when the union of its CIDR blocks (a prefix list standing for its entries) holds
 *       every address of it; the world ({@code 0.0.0.0/0}, {@code ::/0}) when it reaches every public
 *       address ({@link PublicReach}), as the findings judge exposure;</li>
 *   <li>a prefix list when it names the same list, or its blocks hold every entry of the list;</li>
 *   <li>{@code self} or a group when it names the same, or when its blocks hold every block of the
 *       VPC: then the verdict says that it assumes the nodes live in that VPC.</li>
 * </ul>
 *
 * <p>A rule allows more than needed when the same question, asked the other way round (do the
 * requirements hold the rule?), is answered no: it opens ports no requirement of its protocol names,
 * or reaches beyond the requirements' peers. That question never takes a VPC block for a group: a
 * rule open to the VPC reaches more than {@code self} does.
 */
public final class Coverage {

    private Coverage() {
    }

    /** How a union of peers holds one peer. */
    private enum Hold {
        /** It does not. */
        NO,
        /** It holds it by the peer's own name or addresses. */
        DIRECTLY,
        /** It holds a group by the VPC's blocks. */
        BY_VPC
    }

    /**
     * A piece of a rule's ports with the rules that allow it whole, and how their peers hold the rule's peer.
     *
     * @param ports    the piece; the rule's own ports where they are not a port range (ICMP, all traffic)
     * @param covering the rules that allow the whole piece, whatever their peer
     * @param hold     how the union of their peers holds the rule's peer
     */
    private record Piece(PortRange ports, List<Rule> covering, Hold hold) {
    }

    /**
     * How the actual rules meet the required ones.
     *
     * @param required the profile's rules, in the order the verdicts keep
     * @param actual   the group's rules, {@code self} for its own id
     * @param network  the VPC's blocks and the prefix lists' entries
     * @return a verdict per requirement, the rules in excess, and the findings of the group's rules
     */
    public static GroupCoverage of(Collection<Rule> required, Collection<Rule> actual, Network network) {
        List<RequirementCoverage> verdicts = required.stream()
                .map(r -> new RequirementCoverage(r, verdict(r, actual, network))).toList();
        List<Finding> findings = Findings.of(actual, network.prefixLists(), required);
        // The other way round, no VPC block stands for a group: a rule open to the VPC is broader than self.
        Network strict = new Network(List.of(), network.prefixLists());
        List<Excess> excess = new ArrayList<>();
        for (Rule rule : Rules.sorted(actual)) {
            List<Piece> pieces = pieces(rule, required, strict);
            boolean ports = pieces.stream().anyMatch(p -> p.covering().isEmpty());
            boolean peer = pieces.stream().anyMatch(p -> !p.covering().isEmpty() && p.hold() == Hold.NO);
            if (ports || peer) {
                excess.add(new Excess(rule, ports, peer,
                        findings.stream().filter(f -> f.rule().equals(rule)).toList()));
            }
        }
        return new GroupCoverage(verdicts, excess, findings);
    }

    /**
     * Whether the VPC's blocks could change a verdict: some {@code self} or group requirement is not
     * met by a reference to the same group. Only then does a run need to read the VPC.
     *
     * @param required the profile's rules
     * @param actual the group's rules
     * @param lists the prefix lists' entries
     * @return whether to read the VPC's blocks
     */
    public static boolean needsVpcBlocks(Collection<Rule> required, Collection<Rule> actual, PrefixLists lists) {
        Network without = new Network(List.of(), lists);
        return required.stream().filter(r -> isGroup(r.peer()))
                .anyMatch(r -> !(verdict(r, actual, without) instanceof Verdict.Covered));
    }

    private static Verdict verdict(Rule required, Collection<Rule> actual, Network network) {
        List<Piece> pieces = pieces(required, actual, network);
        List<Piece> allowed = pieces.stream().filter(p -> p.hold() != Hold.NO).toList();
        if (allowed.isEmpty()) {
            return new Verdict.NotCovered();
        }
        Set<Rule> by = new LinkedHashSet<>();
        for (Piece piece : allowed) {
            // The rules that allow a piece alone say best what covers it; else all that have a part in it.
            List<Rule> alone = piece.covering().stream()
                    .filter(r -> hold(List.of(r), required.peer(), network) != Hold.NO).toList();
            by.addAll(!alone.isEmpty() ? alone : piece.covering().stream()
                    .filter(r -> touches(r.peer(), required.peer(), network)).toList());
        }
        boolean assumes = allowed.stream().anyMatch(p -> p.hold() == Hold.BY_VPC);
        List<PortRange> missing = merged(pieces.stream().filter(p -> p.hold() == Hold.NO).map(Piece::ports).toList());
        return missing.isEmpty() ? new Verdict.Covered(List.copyOf(by), assumes)
                : new Verdict.Partly(List.copyOf(by), missing, assumes);
    }

    /** The pieces of the target's ports, each with the rules that allow it whole and how they hold its peer. */
    private static List<Piece> pieces(Rule target, Collection<Rule> others, Network network) {
        List<Rule> candidates = others.stream()
                .filter(o -> o.direction() == target.direction() && allows(o, target)).toList();
        if (!target.protocol().hasPorts()) {
            return List.of(new Piece(target.ports(), candidates, hold(candidates, target.peer(), network)));
        }
        PortRange range = target.ports();
        TreeSet<Integer> cuts = new TreeSet<>(List.of(range.from(), range.to() + 1));
        for (Rule c : candidates) {
            if (c.protocol() != Protocol.ALL) {
                cuts.add(Math.max(c.ports().from(), range.from()));
                cuts.add(Math.min(c.ports().to(), range.to()) + 1);
            }
        }
        List<Piece> pieces = new ArrayList<>();
        for (int from : cuts.headSet(range.to() + 1)) {
            int to = cuts.higher(from) - 1;
            List<Rule> covering = candidates.stream().filter(c -> c.protocol() == Protocol.ALL
                    || (c.ports().from() <= from && to <= c.ports().to())).toList();
            pieces.add(new Piece(PortRange.of(from, to), covering, hold(covering, target.peer(), network)));
        }
        return pieces;
    }

    /** Whether the rule allows some of the target's protocol and ports, whatever its peer. */
    private static boolean allows(Rule rule, Rule target) {
        if (rule.protocol() == Protocol.ALL) {
            return true;
        }
        if (rule.protocol() != target.protocol()) {
            return false;
        }
        if (rule.protocol().hasPorts()) {
            return rule.ports().overlaps(target.ports());
        }
        // ICMP: -1 is any type, or any code of the type.
        PortRange has = rule.ports();
        PortRange wants = target.ports();
        return has.from() == -1 || (has.from() == wants.from() && (has.to() == -1 || has.to() == wants.to()));
    }

    private static Hold hold(List<Rule> rules, Peer peer, Network network) {
        if (rules.stream().anyMatch(r -> r.peer().equals(peer))) {
            return Hold.DIRECTLY;
        }
        List<Peer.Cidr> blocks = new ArrayList<>();
        rules.forEach(r -> blocks.addAll(blocks(r.peer(), network)));
        if (peer instanceof Peer.Cidr cidr) {
            return holds(blocks, cidr) ? Hold.DIRECTLY : Hold.NO;
        }
        if (peer instanceof Peer.PrefixList list) {
            Optional<List<Peer.Cidr>> entries = network.prefixLists().of(list);
            boolean held = entries.isPresent() && !entries.get().isEmpty()
                    && entries.get().stream().allMatch(e -> holds(blocks, e));
            return held ? Hold.DIRECTLY : Hold.NO;
        }
        boolean vpc = !network.vpcBlocks().isEmpty() && CidrSet.of(blocks).containsAll(network.vpcBlocks());
        return vpc ? Hold.BY_VPC : Hold.NO;
    }

    /** Whether the blocks hold the block; the world is held by reaching every public address. */
    private static boolean holds(List<Peer.Cidr> blocks, Peer.Cidr block) {
        if (block.isAnywhere()) {
            return PublicReach.of(blocks.stream().filter(b -> b.ipv6() == block.ipv6()).toList(), block.ipv6())
                    == PublicReach.WORLD;
        }
        return CidrSet.of(blocks).contains(block);
    }

    /** The addresses a peer stands for: its block, a read prefix list's entries; none for a group. */
    private static List<Peer.Cidr> blocks(Peer peer, Network network) {
        if (peer instanceof Peer.Cidr cidr) {
            return List.of(cidr);
        }
        if (peer instanceof Peer.PrefixList list) {
            return network.prefixLists().of(list).orElse(List.of());
        }
        return List.of();
    }

    /** Whether a rule's peer has a part in allowing the target's: the same, or addresses in common. */
    private static boolean touches(Peer rulePeer, Peer target, Network network) {
        if (rulePeer.equals(target)) {
            return true;
        }
        List<Peer.Cidr> wanted = isGroup(target) ? network.vpcBlocks() : blocks(target, network);
        CidrSet own = CidrSet.of(blocks(rulePeer, network));
        return wanted.stream().anyMatch(own::overlaps);
    }

    private static boolean isGroup(Peer peer) {
        return peer instanceof Peer.Self || peer instanceof Peer.Group || peer instanceof Peer.NamedGroup;
    }

    /** Adjacent pieces joined: {@code 8472, 8473-8480} becomes {@code 8472-8480}. */
    private static List<PortRange> merged(List<PortRange> pieces) {
        List<PortRange> out = new ArrayList<>();
        for (PortRange p : pieces) {
            PortRange last = out.isEmpty() ? null : out.get(out.size() - 1);
            if (last != null && p != null && last.to() + 1 == p.from()) {
                out.set(out.size() - 1, PortRange.of(last.from(), p.to()));
            } else {
                out.add(p);
            }
        }
        return out;
    }
}
