package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The desired state of one security group: name, description, tags and rules.
 *
 * <p>The compact constructor applies EC2's own rules so a bad spec fails before anything reaches
 * AWS: the name is 1..255 characters of {@code a-z A-Z 0-9}, space and {@code ._-:/()#,@[]+=&;{}!$*}
 * and must not start with {@code sg-} nor be {@code default} (any case: EC2 reserves it for the VPC's
 * default group); the description is 1..255 characters of the same
 * set; tag keys are 1..128 characters and must not start with {@code aws:}, tag values at most 256;
 * no two rules share a {@link RuleKey}. Rules keep their given order (profiles follow the page's
 * tables); tags are kept sorted by key.
 *
 * <p>Note that EC2 gives a new group an outbound allow-all rule; a spec without egress rules asks
 * for that rule to be revoked when the plan prunes.
 */
public record GroupSpec(String name, String description, Map<String, String> tags, List<Rule> rules) {

    /** Applies EC2's rules, see the class comment; copies rules and tags. */
    public GroupSpec {
        Ec2Text.checkManagedGroupName(name);
        Ec2Text.checkGroupDescription(description);
        tags = checkTags(tags == null ? Map.of() : tags);
        rules = List.copyOf(rules == null ? List.of() : rules);
        Map<RuleKey, Rule> seen = new HashMap<>();
        for (Rule rule : rules) {
            Rule earlier = seen.putIfAbsent(rule.key(), rule);
            if (earlier != null) {
                throw new IllegalArgumentException("security group '" + name + "' has two rules with the key "
                        + rule.key() + " (\"" + earlier.description() + "\" and \"" + rule.description()
                        + "\"); EC2 keeps only one rule per key");
            }
        }
    }

    /** A spec without tags. */
    public static GroupSpec of(String name, String description, List<Rule> rules) {
        return new GroupSpec(name, description, Map.of(), rules);
    }

    private static Map<String, String> checkTags(Map<String, String> tags) {
        Map<String, String> sorted = new TreeMap<>();
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > 128) {
                throw new IllegalArgumentException("tag key '" + key + "' must be 1 to 128 characters long");
            }
            if (key.toLowerCase(Locale.ROOT).startsWith("aws:")) {
                throw new IllegalArgumentException("tag key '" + key + "' must not start with 'aws:', which AWS reserves");
            }
            if (value == null || value.length() > 256) {
                throw new IllegalArgumentException("value of tag '" + key + "' must be 0 to 256 characters long");
            }
            sorted.put(key, value);
        });
        return Collections.unmodifiableMap(sorted);
    }

    /** {@return the ingress rules, in spec order} */
    public List<Rule> ingress() {
        return rules(Direction.INGRESS);
    }

    /** {@return the egress rules, in spec order} */
    public List<Rule> egress() {
        return rules(Direction.EGRESS);
    }

    /** The rules of one direction, in spec order. */
    public List<Rule> rules(Direction direction) {
        return rules.stream().filter(r -> r.direction() == direction).toList();
    }

    /** This spec under another name. */
    public GroupSpec withName(String newName) {
        return new GroupSpec(newName, description, tags, rules);
    }

    /** This spec with another description. */
    public GroupSpec withDescription(String newDescription) {
        return new GroupSpec(name, newDescription, tags, rules);
    }

    /** This spec with other tags. */
    public GroupSpec withTags(Map<String, String> newTags) {
        return new GroupSpec(name, description, newTags, rules);
    }

    /** This spec with one more tag (replacing a tag with the same key). */
    public GroupSpec withTag(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(key, value);
        return withTags(more);
    }

    /** This spec with other rules. */
    public GroupSpec withRules(Collection<Rule> newRules) {
        return new GroupSpec(name, description, tags, List.copyOf(newRules));
    }

    /** This spec with other rules. */
    public GroupSpec withRules(Rule... newRules) {
        return withRules(List.of(newRules));
    }

    /** This spec with more rules appended. */
    public GroupSpec plusRules(Collection<Rule> more) {
        List<Rule> all = new ArrayList<>(rules);
        all.addAll(more);
        return withRules(all);
    }

    /**
     * Resolves peers to what EC2 reports, for diffing against a group read from EC2: a
     * {@link Peer.NamedGroup} naming this spec becomes {@link Peer#self()}, other names become
     * {@link Peer.Group}s through {@code groupIdByName}, and a {@link Peer.Group} with this group's
     * own id becomes {@link Peer#self()} (as {@link Rules#localiseSelf} does for the actual side).
     * Rules that end up with the same key are merged, keeping the first.
     *
     * @param ownGroupId    this group's id, or {@code null} if it does not exist yet
     * @param groupIdByName group id for a group name, or {@code null} if there is no such group
     * @throws IllegalArgumentException naming the group if a name cannot be resolved
     */
    public GroupSpec resolvePeers(String ownGroupId, Function<String, String> groupIdByName) {
        return resolve(ownGroupId, groupIdByName, true);
    }

    /**
     * As {@link #resolvePeers}, but a name without an id stays a {@link Peer.NamedGroup}: for plans
     * of groups whose peers are about to be created with them (a cluster stack), which show such
     * rules by the peer's name.
     */
    public GroupSpec resolveKnownPeers(String ownGroupId, Function<String, String> groupIdByName) {
        return resolve(ownGroupId, groupIdByName, false);
    }

    private GroupSpec resolve(String ownGroupId, Function<String, String> groupIdByName, boolean requireAll) {
        Objects.requireNonNull(groupIdByName, "groupIdByName");
        Peer.Group own = ownGroupId == null ? null : Peer.group(ownGroupId);
        Map<RuleKey, Rule> resolved = new LinkedHashMap<>();
        for (Rule rule : rules) {
            Peer peer = rule.peer();
            if (peer instanceof Peer.NamedGroup named) {
                if (named.name().equals(name)) {
                    peer = Peer.self();
                } else {
                    String id = groupIdByName.apply(named.name());
                    if (id != null) {
                        peer = Peer.group(id);
                    } else if (requireAll) {
                        throw new IllegalArgumentException("rule " + rule.key() + " of security group '" + name
                                + "' names security group '" + named.name() + "', which does not exist");
                    }
                }
            }
            if (peer.equals(own)) {
                peer = Peer.self();
            }
            Rule r = rule.withPeer(peer);
            resolved.putIfAbsent(r.key(), r);
        }
        return withRules(resolved.values());
    }
}
