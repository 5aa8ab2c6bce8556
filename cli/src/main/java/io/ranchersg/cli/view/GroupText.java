package io.ranchersg.cli.view;

import static io.ranchersg.cli.view.Words.plural;

import io.ranchersg.aws.Actions;
import io.ranchersg.aws.Outcome;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Drift;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of one group's plan, ensure or check, as a diff: {@code +} authorize (missing),
 * {@code ~} update (changed), {@code -} revoke (extra), {@code =} extra kept. A stack's text and a
 * scan's are made of these blocks.
 */
final class GroupText {

    /** The line that ends the text of a dry run, ended as {@code println} ends a line. */
    static final String DRY_RUN = "dry run: nothing changed" + System.lineSeparator();

    private GroupText() {
    }

    /** {@code 'rancher-nodes' (sg-0abc) in vpc-0123 (us-east-1)}; no id when the group does not exist. */
    private static String where(Outcome o) {
        return o.location().toString();
    }

    /** The plan as a diff: {@code +} authorize, {@code ~} update, {@code -} revoke, {@code =} extra kept. */
    static String plan(Outcome o, Style style) {
        Actions actions = o.actions();
        StringBuilder out = new StringBuilder();
        out.append(style.bold("Security group " + where(o))).append(": ");
        if (!o.exists()) {
            out.append(style.added("will be created"));
        } else if (!actions.any()) {
            out.append("no changes");
        } else {
            out.append(counts(actions, "to authorize", "to update", "to revoke"));
        }
        out.append('\n');
        out.append(diffLines(actions, keptExtras(o), style));
        if (o.exists() && !o.managed()) {
            out.append("note: this group was not created by rancher-sg; ensure changes it only with --adopt\n");
        }
        out.append("Plan: ").append(o.exists() ? "" : "create the group, ")
                .append(counts(actions, "to authorize", "to update", "to revoke")).append(".\n");
        out.append(review(o, style));
        return out.toString();
    }

    /** What ensure did, as a diff with a summary line. */
    static String ensure(Outcome o, Style style) {
        Actions actions = o.actions();
        StringBuilder out = new StringBuilder();
        if (o.created()) {
            out.append(style.bold("Created security group " + where(o))).append('\n');
        } else if (actions.any()) {
            out.append(style.bold("Repaired security group " + where(o))).append('\n');
        } else {
            out.append("Security group ").append(where(o)).append(" is up to date: nothing changed.\n");
        }
        out.append(diffLines(actions, keptExtras(o), style));
        if (actions.any()) {
            out.append("Done: ").append(counts(actions, "authorized", "updated", "revoked")).append(".\n");
        }
        out.append(review(o, style));
        return out.toString();
    }

    /** Each group's check, one after the other. */
    static String check(List<Outcome> outcomes, Style style) {
        StringBuilder out = new StringBuilder();
        outcomes.forEach(o -> out.append(check(o, style)));
        return out.toString();
    }

    /** In sync, or the drift as a diff from the group to its profile; then the findings. */
    static String check(Outcome o, Style style) {
        // The page's own warnings (world-open VXLAN, etcd, kubelet, SSH) belong to every check.
        return drift(o, style) + RulesView.findingsText(o.findings()).replaceFirst("^\n", "");
    }

    private static String drift(Outcome o, Style style) {
        Drift drift = o.drift();
        StringBuilder out = new StringBuilder("Security group ").append(where(o)).append(": ");
        if (!o.exists()) {
            return out.append(style.removed("does not exist")).append(" (")
                    .append(plural(drift.missing().size(), "rule")).append(" missing)\n").toString();
        }
        if (o.inSync()) {
            return out.append(style.added("in sync")).append('\n').toString();
        }
        out.append(style.changed("drift")).append(": ").append(drift.missing().size()).append(" missing, ")
                .append(drift.extra().size()).append(" extra, ").append(drift.changed().size())
                .append(" changed").append(drift.tags().isEmpty() ? "" : ", " + plural(drift.tags().size(), "tag")
                        + " missing").append('\n');
        List<String[]> rows = new ArrayList<>();
        drift.missing().forEach(r -> rows.add(new String[] {"+", "missing", r.toString()}));
        drift.changed().forEach(c -> rows.add(new String[] {"~", "changed", change(c)}));
        drift.extra().forEach(r -> rows.add(new String[] {"-", "extra", r.toString()}));
        drift.tags().forEach((k, v) -> rows.add(new String[] {"~", "tag", k + "=" + v + " (missing; ensure writes it)"}));
        for (String line : Columns.render(rows, "  ").split("\n")) {
            out.append(colourBySign(line, style)).append('\n');
        }
        return out.toString();
    }

    /** The run's warnings, one {@code warning:} line each, then the findings of the rules it leaves. */
    private static String review(Outcome o, Style style) {
        StringBuilder out = new StringBuilder();
        o.warnings().forEach(w -> out.append(style.changed(w.toString())).append('\n'));
        out.append(RulesView.findingsText(o.findings()));
        return out.toString();
    }

    private static List<Rule> keptExtras(Outcome o) {
        return o.plan().prune() ? List.of() : o.drift().extra();
    }

    private static String diffLines(Actions actions, List<Rule> kept, Style style) {
        StringBuilder out = new StringBuilder();
        actions.authorized().forEach(r -> out.append(style.added("  + " + r)).append('\n'));
        actions.updated().forEach(c -> out.append(style.changed("  ~ " + change(c))).append('\n'));
        actions.revoked().forEach(r -> out.append(style.removed("  - " + r)).append('\n'));
        actions.tagged().forEach((k, v) -> out.append(style.changed("  ~ tag " + k + "=" + v)).append('\n'));
        kept.forEach(r -> out.append(style.dim("  = " + r + "  (extra, kept: --prune revokes it)")).append('\n'));
        return out.toString();
    }

    private static String colourBySign(String line, Style style) {
        String sign = line.strip().isEmpty() ? "" : line.strip().substring(0, 1);
        switch (sign) {
            case "+":
                return style.added(line);
            case "-":
                return style.removed(line);
            case "~":
                return style.changed(line);
            default:
                return line;
        }
    }

    /** {@code ingress tcp 80 from 0.0.0.0/0 "old" -> "new"}. */
    private static String change(DescriptionChange c) {
        return c.key() + " \"" + c.before().description() + "\" -> \"" + c.after().description() + "\"";
    }

    private static String counts(Actions actions, String authorized, String updated, String revoked) {
        return plural(actions.authorized().size(), "rule") + " " + authorized + ", " + actions.updated().size() + " "
                + updated + ", " + actions.revoked().size() + " " + revoked
                + (actions.tagged().isEmpty() ? "" : ", " + plural(actions.tagged().size(), "tag") + " "
                        + (authorized.startsWith("to ") ? "to write" : "written"));
    }
}
