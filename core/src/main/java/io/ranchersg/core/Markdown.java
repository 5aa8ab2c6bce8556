package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Markdown that reads like the Rancher page's tables: columns Type | Protocol | Port Range |
 * Source/Destination | Rule Type, with {@code sg-xxx (name)} for the group itself, {@code All} for
 * all traffic and Inbound/Outbound. Cells never need escaping: EC2's allowed characters exclude
 * {@code |}.
 */
public final class Markdown {

    private static final String[] HEADER = {"Type", "Protocol", "Port Range", "Source/Destination", "Rule Type"};

    private Markdown() {
    }

    /** The group's rules as the page's five-column table, in spec order. */
    public static String table(GroupSpec spec) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        spec.rules().forEach(r -> rows.add(cells(r, spec.name())));
        return render(rows);
    }

    /** The page's table with a sixth column, Description. */
    public static String tableWithDescriptions(GroupSpec spec) {
        List<String[]> rows = new ArrayList<>();
        rows.add(append(HEADER, "Description"));
        spec.rules().forEach(r -> rows.add(append(cells(r, spec.name()), r.description())));
        return render(rows);
    }

    /** A profile for the options: heading, summary, table with descriptions, notes. */
    public static String profile(Profile profile, ProfileOptions options) {
        GroupSpec spec = profile.spec(options);
        return "## " + profile.name() + "\n\n" + profile.summary() + "\n\n" + tableWithDescriptions(spec) + "\n"
                + profile.notes().strip() + "\n";
    }

    /** Every profile of the list with its one-line summary, as a two-column table. */
    public static String catalogue(List<Profile> profiles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Profile", "Summary"});
        profiles.forEach(p -> rows.add(new String[] {p.name(), p.summary()}));
        return render(rows);
    }

    /** The kinds of finding: code, severity, what and why, and the controls a world-wide exposure fails. */
    public static String findings() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"Code", "Severity", "Ports", "Controls (IPv4 world)", "Controls (IPv6 world)", "Why"});
        for (Findings.Kind kind : Findings.catalogue()) {
            rows.add(new String[] {"`" + kind.code() + "`", kind.severity().jsonName(), kind.what(),
                    controls(kind.ipv4Controls()), controls(kind.ipv6Controls()), kind.why()});
        }
        return render(rows);
    }

    private static String controls(List<Control> controls) {
        return controls.stream().map(c -> (c.standard().equals(Control.AWS_FSBP) ? "" : "CIS ") + c.id())
                .collect(Collectors.joining(", "));
    }

    /** {@return the whole catalogue, see {@link #catalogue(List)}} */
    public static String catalogue() {
        return catalogue(Profiles.all());
    }

    /** The five cells of one rule; {@code groupName} stands in for the group's own id. */
    static String[] cells(Rule rule, String groupName) {
        return new String[] {type(rule), rule.protocol().label(), portRange(rule), peer(rule.peer(), groupName),
            rule.direction().label()};
    }

    /** A stack's matrix: who may reach whom on which ports, one row per pair. */
    public static String stackMatrix(StackSpec stack) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"To", "From", "Ports"});
        for (StackMatrix.Entry entry : StackMatrix.of(stack)) {
            rows.add(new String[] {entry.to(), entry.from(), String.join(", ", entry.ports())});
        }
        return render(rows);
    }

    /**
     * A Mermaid graph of a stack's references: an edge from each source to each group it may reach,
     * labelled with the ports; the stack's own groups drawn as boxes, outside peers as rounded nodes.
     */
    public static String stackDiagram(StackSpec stack) {
        StringBuilder out = new StringBuilder("```mermaid\ngraph LR\n");
        Map<String, String> ids = new LinkedHashMap<>();
        for (StackGroup group : stack.groups()) {
            ids.put(group.role(), group.role().replace('-', '_'));
            out.append("  ").append(ids.get(group.role())).append("[\"").append(group.name()).append("\"]\n");
        }
        for (StackMatrix.Entry entry : StackMatrix.of(stack)) {
            String from = ids.computeIfAbsent(entry.from(), f -> {
                String id = "peer" + ids.size();
                out.append("  ").append(id).append("(\"").append(f).append("\")\n");
                return id;
            });
            out.append("  ").append(from).append(" -- \"").append(String.join(", ", entry.ports()))
                    .append("\" --> ").append(ids.get(entry.to())).append('\n');
        }
        return out.append("```\n").toString();
    }

    /** The EC2 console's rule type, as the page spells it. */
    static String type(Rule rule) {
        switch (rule.protocol()) {
            case ALL:
                return "All traffic";
            case TCP:
                if (rule.ports().isSinglePort() && rule.ports().from() == 22) {
                    return "SSH";
                }
                if (rule.ports().isSinglePort() && rule.ports().from() == 80) {
                    return "HTTP";
                }
                return "Custom TCP Rule";
            case UDP:
                return "Custom UDP Rule";
            case ICMP:
                return "Custom ICMP Rule - IPv4";
            default:
                return "Custom ICMP Rule - IPv6";
        }
    }

    private static String portRange(Rule rule) {
        if (rule.ports() == null) {
            return "All";
        }
        return rule.protocol().isIcmp() ? rule.ports().icmpText() : rule.ports().toString();
    }

    private static String peer(Peer peer, String groupName) {
        if (peer instanceof Peer.Self) {
            return "sg-xxx (" + groupName + ")";
        }
        if (peer instanceof Peer.NamedGroup named) {
            return "sg-xxx (" + named.name() + ")";
        }
        return peer.value();
    }

    private static String[] append(String[] cells, String last) {
        String[] more = Arrays.copyOf(cells, cells.length + 1);
        more[cells.length] = last;
        return more;
    }

    private static String render(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            out.append(line(rows.get(r), widths));
            if (r == 0) {
                StringBuilder separator = new StringBuilder("|");
                for (int width : widths) {
                    separator.append("-".repeat(width + 2)).append('|');
                }
                out.append(separator).append('\n');
            }
        }
        return out.toString();
    }

    private static String line(String[] cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            line.append(' ').append(cells[i]).append(" ".repeat(widths[i] - cells[i].length())).append(" |");
        }
        return line.append('\n').toString();
    }
}
