package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.ToIntFunction;

/**
 * EC2's quota on rules per security group: by default 60 inbound and 60 outbound, each counted
 * separately for IPv4 and IPv6.
 *
 * <p>Counting, as EC2 does: a rule with an IPv4 CIDR counts one against its direction's IPv4 count,
 * a rule with an IPv6 CIDR one against the IPv6 count. A rule referencing a security group (by id,
 * by name, or itself) counts one against both counts. A rule referencing a prefix list counts the
 * list's maximum number of entries against both; core cannot know that number, so it counts 1
 * unless the caller supplies the weight through {@link #check(Collection, ToIntFunction)}.
 *
 * @param ingress the inbound limit per family
 * @param egress  the outbound limit per family
 */
public record RuleQuota(int ingress, int egress) {

    /** EC2's default quota: 60 inbound and 60 outbound rules per family. */
    public static final RuleQuota DEFAULT = new RuleQuota(60, 60);

    /**
     * Refuses limits below 1.
     *
     * @param ingress the inbound limit per family
     * @param egress the outbound limit per family
     */
    public RuleQuota {
        if (ingress < 1) {
            throw new IllegalArgumentException("ingress rule quota " + ingress + " must be at least 1");
        }
        if (egress < 1) {
            throw new IllegalArgumentException("egress rule quota " + egress + " must be at least 1");
        }
    }

    /** The limit for one direction. */
    public int limit(Direction direction) {
        return direction == Direction.INGRESS ? ingress : egress;
    }

    /** The violations of this quota by the rules, counting each prefix list as one rule. */
    public List<QuotaViolation> check(Collection<Rule> rules) {
        return check(rules, prefixList -> 1);
    }

    /**
     * The violations of this quota by the rules, in direction then family order; empty if the rules
     * fit.
     *
     * @param prefixListWeight the number of rules a prefix list reference counts as (its maximum entries)
     */
    public List<QuotaViolation> check(Collection<Rule> rules, ToIntFunction<Peer.PrefixList> prefixListWeight) {
        Objects.requireNonNull(prefixListWeight, "prefixListWeight");
        Map<Direction, int[]> counts = new EnumMap<>(Direction.class);
        for (Direction d : Direction.values()) {
            counts.put(d, new int[AddressFamily.values().length]);
        }
        for (Rule rule : rules) {
            int[] perFamily = counts.get(rule.direction());
            Peer peer = rule.peer();
            if (peer instanceof Peer.Cidr cidr) {
                perFamily[cidr.family().ordinal()]++;
            } else {
                int weight = peer instanceof Peer.PrefixList list ? prefixListWeight.applyAsInt(list) : 1;
                for (AddressFamily family : AddressFamily.values()) {
                    perFamily[family.ordinal()] += weight;
                }
            }
        }
        List<QuotaViolation> violations = new ArrayList<>();
        for (Direction d : Direction.values()) {
            for (AddressFamily family : AddressFamily.values()) {
                int count = counts.get(d)[family.ordinal()];
                if (count > limit(d)) {
                    violations.add(new QuotaViolation(d, family, count, limit(d)));
                }
            }
        }
        return List.copyOf(violations);
    }
}
