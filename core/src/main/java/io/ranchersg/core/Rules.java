package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Ordering and small transformations over collections of rules. */
public final class Rules {

    /**
     * Peers in a stable, readable order: CIDR blocks (IPv4 before IPv6, then numerically), self,
     * groups by id, groups by name, prefix lists.
     */
    public static final Comparator<Peer> PEER_ORDER = Rules::comparePeers;

    /**
     * The deterministic order of rule keys used by plans and output: direction, protocol, ports
     * (ALL first, then by from/to), peer.
     */
    public static final Comparator<RuleKey> KEY_ORDER = Comparator
            .comparing(RuleKey::direction)
            .thenComparing(RuleKey::protocol)
            .thenComparing(RuleKey::ports, Comparator.nullsFirst(
                    Comparator.comparingInt(PortRange::from).thenComparingInt(PortRange::to)))
            .thenComparing(RuleKey::peer, PEER_ORDER);

    /** {@link #KEY_ORDER}, then the description. */
    public static final Comparator<Rule> ORDER = Comparator
            .comparing(Rule::key, KEY_ORDER)
            .thenComparing(Rule::description);

    private Rules() {
    }

    /** The rules as an immutable list in {@link #ORDER}. */
    public static List<Rule> sorted(Collection<Rule> rules) {
        List<Rule> copy = new ArrayList<>(rules);
        copy.sort(ORDER);
        return List.copyOf(copy);
    }

    /**
     * Rewrites references to the group's own id as {@link Peer#self()}. EC2 reports a
     * self-referencing rule with the group's id, while specs say {@code self}; the provisioner
     * calls this on what it reads before diffing, so both sides speak the same language. When this
     * makes two rules share a key, the first one is kept.
     *
     * @param ownGroupId the id of the group the rules belong to
     */
    public static List<Rule> localiseSelf(Collection<Rule> rules, String ownGroupId) {
        Peer.Group own = Peer.group(ownGroupId);
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        for (Rule rule : rules) {
            Rule local = own.equals(rule.peer()) ? rule.withPeer(Peer.self()) : rule;
            byKey.putIfAbsent(local.key(), local);
        }
        return List.copyOf(byKey.values());
    }

    private static int comparePeers(Peer a, Peer b) {
        int byKind = Integer.compare(kindRank(a), kindRank(b));
        if (byKind != 0) {
            return byKind;
        }
        if (a instanceof Peer.Cidr ca && b instanceof Peer.Cidr cb) {
            return compareCidrs(ca, cb);
        }
        return Objects.compare(a.value(), b.value(), Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    private static int kindRank(Peer peer) {
        if (peer instanceof Peer.Cidr) {
            return 0;
        } else if (peer instanceof Peer.Self) {
            return 1;
        } else if (peer instanceof Peer.Group) {
            return 2;
        } else if (peer instanceof Peer.NamedGroup) {
            return 3;
        }
        return 4;
    }

    private static int compareCidrs(Peer.Cidr a, Peer.Cidr b) {
        CidrNotation.Block x = CidrNotation.parse(a.value());
        CidrNotation.Block y = CidrNotation.parse(b.value());
        int byFamily = Integer.compare(x.address().length, y.address().length);
        if (byFamily != 0) {
            return byFamily;
        }
        int byAddress = Arrays.compareUnsigned(x.address(), y.address());
        return byAddress != 0 ? byAddress : Integer.compare(x.prefixLength(), y.prefixLength());
    }
}
