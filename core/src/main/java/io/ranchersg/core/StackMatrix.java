package io.ranchersg.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Who may reach whom on which ports in a cluster stack: the inbound rules of its groups, gathered
 * per pair of (to, from). Groups of the stack are named by role; outside peers by their role and
 * value ({@code rancher 10.1.0.0/16}).
 */
public final class StackMatrix {

    /**
     * One pair.
     *
     * @param to    the role of the group that accepts the traffic
     * @param from  where it comes from: a role of the stack, or an outside peer
     * @param ports the protocols and ports, in rule order ({@code TCP 2379}, {@code ICMP 8/0})
     */
    public record Entry(String to, String from, List<String> ports) {
        /**
         * Checks the components.
         *
         * @param to the role of the group that accepts the traffic
         * @param from where it comes from: a role of the stack, or an outside peer
         * @param ports the protocols and ports, in rule order ({@code TCP 2379}, {@code ICMP 8/0})
         */
        public Entry {
            Objects.requireNonNull(to, "to");
            Objects.requireNonNull(from, "from");
            ports = List.copyOf(ports);
        }
    }

    private StackMatrix() {
    }

    /** Every pair, in the layout's order of groups and then in rule order. */
    public static List<Entry> of(StackSpec stack) {
        Map<String, String> roleByName = new LinkedHashMap<>();
        stack.groups().forEach(g -> roleByName.put(g.name(), g.role()));
        List<Entry> entries = new ArrayList<>();
        for (StackGroup group : stack.groups()) {
            Map<String, List<String>> byPeer = new LinkedHashMap<>();
            for (Rule rule : group.spec().ingress()) {
                byPeer.computeIfAbsent(label(rule.peer(), group, roleByName, stack.options()), k -> new ArrayList<>())
                        .add(ports(rule));
            }
            byPeer.forEach((from, ports) -> entries.add(new Entry(group.role(), from, ports)));
        }
        return List.copyOf(entries);
    }

    /** {@code TCP 2379}, {@code UDP 30000-32767}, {@code ICMP 8/0}, {@code all}. */
    public static String ports(Rule rule) {
        if (rule.protocol() == Protocol.ALL) {
            return "all";
        }
        String ports = rule.protocol().isIcmp() ? rule.ports().icmpText() : rule.ports().toString();
        return rule.protocol().jsonName().toUpperCase(Locale.ROOT) + " " + ports;
    }

    private static String label(Peer peer, StackGroup group, Map<String, String> roleByName, StackOptions options) {
        if (peer instanceof Peer.Self) {
            return group.role();
        }
        if (peer instanceof Peer.NamedGroup named && roleByName.containsKey(named.name())) {
            return roleByName.get(named.name());
        }
        for (Map.Entry<String, Peer> outside : options.peers().entrySet()) {
            if (outside.getValue().equals(peer)) {
                return outside.getKey() + " " + peer;
            }
        }
        return peer.toString();
    }
}
