package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.core.Finding;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Profile;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackMatrix;
import io.ranchersg.core.StackSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a profile or of a cluster stack, and the list of profiles, as text and JSON; no AWS
 * result is involved. The Markdown forms are core's, shared with the README.
 */
public final class RulesView {

    private RulesView() {
    }

    /** Heading, a table with one rule a row, and the page's warnings about the rules. */
    public static String table(Profile profile, GroupSpec spec, List<Finding> findings) {
        StringBuilder out = new StringBuilder();
        out.append("Profile ").append(profile.name()).append(": ").append(profile.summary()).append('\n');
        out.append("Group '").append(spec.name()).append("': ").append(spec.rules().size()).append(" rules (")
                .append(spec.ingress().size()).append(" inbound, ").append(spec.egress().size())
                .append(" outbound)\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"DIRECTION", "PROTOCOL", "PORTS", "PEER", "DESCRIPTION"});
        for (Rule rule : spec.rules()) {
            RuleKey key = rule.key();
            rows.add(new String[] {key.direction().jsonName(), key.protocol().jsonName(), key.portsText(),
                key.peer().toString(), rule.description()});
        }
        out.append(Columns.render(rows, ""));
        out.append(findingsText(findings));
        return out.toString();
    }

    /** "Findings:" and one finding a line, most severe first, or nothing when there are none. */
    static String findingsText(List<Finding> findings) {
        if (findings.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder("\nFindings:\n");
        List<String[]> rows = new ArrayList<>();
        for (Finding finding : findings) {
            rows.add(new String[] {finding.severity().jsonName(), finding.code(), finding.message()});
        }
        out.append(Columns.render(rows, "  "));
        return out.toString();
    }

    /** The {@code rules} document: the profile, its options, its rules and the page's warnings about them. */
    public static ObjectNode document(Profile profile, ProfileOptions options, GroupSpec spec, List<Finding> findings) {
        ObjectNode doc = JsonShapes.document();
        doc.put("profile", profile.name());
        doc.put("group_name", spec.name());
        doc.put("description", spec.description());
        doc.set("options", options(options));
        doc.set("rules", JsonShapes.rules(spec.rules()));
        doc.set("findings", JsonShapes.findings(findings));
        return doc;
    }

    /** The options a profile was built with, as given on the command line. */
    private static ObjectNode options(ProfileOptions options) {
        ObjectNode node = JsonShapes.object();
        node.put("ipv6", options.ipv6());
        ArrayNode openTo = node.putArray("open_to");
        options.openTo().forEach(c -> openTo.add(c.value()));
        node.put("current", options.current());
        node.put("windows_overlay", options.windowsOverlay());
        ObjectNode peers = node.putObject("peers");
        options.peers().forEach((role, peer) -> peers.put(role, peer.toString()));
        return node;
    }

    /** The {@code rules --list} document: {@code {"profiles":[{"name","summary"}]}}. */
    public static ObjectNode profilesDocument(List<Profile> profiles) {
        ObjectNode doc = JsonShapes.document();
        ArrayNode array = doc.putArray("profiles");
        for (Profile profile : profiles) {
            ObjectNode node = array.addObject();
            node.put("name", profile.name());
            node.put("summary", profile.summary());
        }
        return doc;
    }

    /** The stack's groups, its matrix (who may reach whom on which ports), then each group's table. */
    public static String stackText(StackSpec stack) {
        StringBuilder out = new StringBuilder();
        out.append("Stack ").append(stack.cluster()).append(" (layout ").append(stack.layout().jsonName())
                .append("): ").append(String.join(", ", stack.groupNames())).append("\n\n");
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"TO", "FROM", "PORTS"});
        for (StackMatrix.Entry entry : StackMatrix.of(stack)) {
            rows.add(new String[] {entry.to(), entry.from(), String.join(", ", entry.ports())});
        }
        out.append(Columns.render(rows, ""));
        for (StackGroup group : stack.groups()) {
            out.append('\n').append(table(Profiles.get(group.profile()), group.spec(),
                    Findings.of(group.spec().rules())));
        }
        return out.toString();
    }

    /** The {@code stack rules} document: the stack, each group's rules and findings, and the matrix. */
    public static ObjectNode stackDocument(StackSpec stack) {
        ObjectNode doc = JsonShapes.document();
        ObjectNode node = doc.putObject("stack");
        node.put("cluster", stack.cluster());
        node.put("layout", stack.layout().jsonName());
        ArrayNode groups = doc.putArray("groups");
        for (StackGroup group : stack.groups()) {
            ObjectNode entry = groups.addObject();
            entry.put("role", group.role());
            entry.put("group_name", group.name());
            entry.put("profile", group.profile());
            entry.set("rules", JsonShapes.rules(group.spec().rules()));
            entry.set("findings", JsonShapes.findings(Findings.of(group.spec().rules())));
        }
        ArrayNode matrix = doc.putArray("matrix");
        for (StackMatrix.Entry entry : StackMatrix.of(stack)) {
            ObjectNode pair = matrix.addObject();
            pair.put("to", entry.to());
            pair.put("from", entry.from());
            ArrayNode ports = pair.putArray("ports");
            entry.ports().forEach(ports::add);
        }
        return doc;
    }
}
