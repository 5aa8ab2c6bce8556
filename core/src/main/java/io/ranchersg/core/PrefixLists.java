package io.ranchersg.core;

import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The entries of the managed prefix lists a run could read, so that a rule naming a list is judged
 * by the blocks it holds: a list holding {@code 0.0.0.0/0} opens its port to the world as a rule to
 * {@code 0.0.0.0/0} does. A list that could not be read is not judged; {@link #unread} names it.
 *
 * @param entries the blocks of each list read, by list id
 */
public record PrefixLists(Map<String, List<Peer.Cidr>> entries) {

    /** No list read. */
    public static final PrefixLists NONE = new PrefixLists(Map.of());

    public PrefixLists {
        Map<String, List<Peer.Cidr>> copy = new TreeMap<>();
        entries.forEach((id, blocks) -> copy.put(id, List.copyOf(blocks)));
        entries = Collections.unmodifiableMap(copy);
    }

    /** The blocks of the list, when it was read. */
    public Optional<List<Peer.Cidr>> of(Peer.PrefixList list) {
        return Optional.ofNullable(entries.get(list.prefixListId()));
    }

    /** The lists the rules name, by id. */
    public static TreeSet<String> named(Collection<Rule> rules) {
        TreeSet<String> ids = new TreeSet<>();
        rules.forEach(r -> {
            if (r.peer() instanceof Peer.PrefixList list) {
                ids.add(list.prefixListId());
            }
        });
        return ids;
    }

    /** The lists the inbound rules name that were not read: their entries are not judged. */
    public TreeSet<String> unread(Collection<Rule> rules) {
        TreeSet<String> ids = named(rules.stream().filter(r -> r.direction() == Direction.INGRESS).toList());
        ids.removeAll(entries.keySet());
        return ids;
    }
}
