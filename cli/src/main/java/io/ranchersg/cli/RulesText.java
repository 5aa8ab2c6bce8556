package io.ranchersg.cli;

import io.ranchersg.core.Finding;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Profile;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.ArrayList;
import java.util.List;

/** The readable form of a profile's rules. */
final class RulesText {

    private RulesText() {
    }

    /** Heading, a table with one rule a row, and the page's warnings about the rules. */
    static String table(Profile profile, GroupSpec spec, List<Finding> findings) {
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
}
