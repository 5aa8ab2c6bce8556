package io.ranchersg.cli.view;

import static io.ranchersg.cli.view.Words.plural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.StackVerification;
import io.ranchersg.aws.Verification;
import io.ranchersg.core.Finding;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.coverage.Excess;
import io.ranchersg.core.coverage.RequirementCoverage;
import io.ranchersg.core.coverage.Verdict;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A verification of one group, or of a stack's groups: for every requirement covered, partly
 * covered or not; the rules that allow more than needed, with their findings and controls.
 *
 * <p>The document holds one entry per group under {@code groups}: where it is ({@code account_id},
 * {@code region}, {@code vpc_id}, {@code group_id}, {@code group_name}), {@code profile},
 * {@code exists}, {@code managed_by}, {@code covered}, {@code uncovered} (how many requirements are
 * not wholly covered), {@code assumes_nodes_in_vpc} with {@code vpc_blocks}, then {@code coverage}: per
 * requirement {@code {"requirement": rule, "verdict": "covered"|"partly"|"not_covered", "by": [rules],
 * "missing": [{"from_port","to_port"}]}}; {@code excess}: {@code {"rule", "broader": "ports"|"peer"|
 * "ports and peer", "findings"}}; and {@code findings} about all the group's rules.
 */
public final class VerifyView {

    private VerifyView() {
    }

    /** One group's verification. */
    public static CheckView group(Verification v) {
        return new Verified(List.of(v), () -> {
            ObjectNode doc = head("verify", List.of(v));
            doc.putArray("groups").add(entry(v));
            doc.set("api_calls", JsonShapes.apiCalls(v.apiCalls()));
            return doc;
        }, style -> text(v, style));
    }

    /** Every group of a stack, each under its role. */
    public static CheckView stack(StackVerification s) {
        List<Verification> all = s.groups().stream().map(StackVerification.Member::verification).toList();
        return new Verified(all, () -> {
            ObjectNode doc = head("stack verify", all);
            ObjectNode stack = doc.putObject("stack");
            stack.put("cluster", s.cluster());
            stack.put("layout", s.layout().jsonName());
            ArrayNode groups = doc.putArray("groups");
            for (StackVerification.Member member : s.groups()) {
                groups.add(entry(member.verification()).put("role", member.role()));
            }
            doc.set("api_calls", JsonShapes.apiCalls(s.apiCalls()));
            return doc;
        }, style -> {
            StringBuilder out = new StringBuilder();
            for (StackVerification.Member member : s.groups()) {
                if (out.length() > 0) {
                    out.append('\n');
                }
                out.append('[').append(member.role()).append("] ").append(text(member.verification(), style));
            }
            return out.toString();
        });
    }

    private static ObjectNode head(String command, List<Verification> all) {
        ObjectNode doc = GroupView.head(command, null);
        doc.put("covered", all.stream().allMatch(Verification::covered));
        return doc;
    }

    private static ObjectNode entry(Verification v) {
        ObjectNode node = JsonShapes.object();
        node.put("account_id", v.location().account());
        node.put("region", v.location().region());
        node.put("vpc_id", v.location().vpcId());
        node.put("group_id", v.location().groupId());
        node.put("group_name", v.location().groupName());
        node.put("profile", v.profile());
        node.put("exists", v.exists());
        node.put("managed_by", managedBy(v));
        node.put("covered", v.covered());
        node.put("uncovered", v.uncovered());
        node.put("assumes_nodes_in_vpc", v.coverage().assumesNodesInVpc());
        ArrayNode blocks = node.putArray("vpc_blocks");
        v.vpcBlocks().forEach(b -> blocks.add(b.value()));
        ArrayNode coverage = node.putArray("coverage");
        for (RequirementCoverage r : v.coverage().requirements()) {
            ObjectNode item = coverage.addObject();
            item.set("requirement", JsonShapes.rule(r.required()));
            item.put("verdict", r.verdict().jsonName());
            item.set("by", JsonShapes.rules(r.verdict().by()));
            ArrayNode missing = item.putArray("missing");
            missing(r).forEach(p -> missing.addObject().put("from_port", p.from()).put("to_port", p.to()));
        }
        ArrayNode excess = node.putArray("excess");
        for (Excess e : v.coverage().excess()) {
            ObjectNode item = excess.addObject();
            item.set("rule", JsonShapes.rule(e.rule()));
            item.put("broader", e.broader());
            item.set("findings", JsonShapes.findings(e.findings()));
        }
        node.set("findings", JsonShapes.findings(v.coverage().findings()));
        return node;
    }

    /** The ports a requirement misses: the gaps of a partial one, the whole range of an uncovered one. */
    private static List<PortRange> missing(RequirementCoverage r) {
        if (r.verdict() instanceof Verdict.Partly partly) {
            return partly.missing();
        }
        boolean ports = r.required().protocol().hasPorts();
        return r.verdict() instanceof Verdict.NotCovered && ports ? List.of(r.required().ports()) : List.of();
    }

    private static String managedBy(Verification v) {
        return v.managed() ? GroupView.MANAGED_BY_RANCHER_SG : v.driverMade() ? "rancher-node-driver" : null;
    }

    private static String text(Verification v, Style style) {
        StringBuilder out = new StringBuilder("Security group ").append(v.location()).append(": ");
        int total = v.coverage().requirements().size();
        if (!v.exists()) {
            return out.append(style.removed("does not exist")).append(" (").append(plural(total, "requirement"))
                    .append(" not covered)\n").toString();
        }
        int uncovered = v.uncovered();
        out.append(uncovered == 0 ? style.added("every requirement of " + v.profile() + " covered")
                : style.removed(uncovered + " of " + plural(total, "requirement") + " of " + v.profile()
                        + " not covered"));
        out.append(v.managed() ? "" : v.driverMade() ? " (made by Rancher's node driver)" : " (not made by rancher-sg)")
                .append('\n');
        List<String[]> rows = new ArrayList<>();
        for (RequirementCoverage r : v.coverage().requirements()) {
            Verdict verdict = r.verdict();
            String how = verdict instanceof Verdict.NotCovered ? ""
                    : "by " + verdict.by().stream().map(rule -> rule.key().toString()).collect(Collectors.joining("; "));
            if (verdict instanceof Verdict.Partly partly) {
                how = "missing " + partly.missing().stream().map(PortRange::toString).collect(Collectors.joining(", "))
                        + "; " + how;
            }
            rows.add(new String[] {label(verdict), r.required().key().toString(), how});
        }
        for (String line : Columns.render(rows, "  ").split("\n")) {
            out.append(line.startsWith("  covered") ? line : style.removed(line)).append('\n');
        }
        if (v.coverage().assumesNodesInVpc()) {
            out.append("note: self and group references are met by CIDR blocks holding the VPC's (")
                    .append(v.vpcBlocks().stream().map(b -> b.value()).collect(Collectors.joining(", ")))
                    .append("): this holds while the nodes live in ").append(v.location().vpcId()).append('\n');
        }
        if (!v.coverage().excess().isEmpty()) {
            out.append("\nAllows more than ").append(v.profile()).append(" needs:\n");
            for (Excess e : v.coverage().excess()) {
                out.append(style.changed("  " + e.rule() + "  (broader " + e.broader() + ")")).append('\n');
                for (Finding f : e.findings()) {
                    out.append("    ").append(f.severity().jsonName()).append(' ').append(f.code())
                            .append(f.controls().isEmpty() ? "" : " [" + f.controls().stream().map(Object::toString)
                                    .collect(Collectors.joining(", ")) + "]").append('\n');
                }
            }
        }
        out.append(RulesView.findingsText(v.coverage().findings()));
        return out.toString();
    }

    private static String label(Verdict verdict) {
        return verdict instanceof Verdict.Covered ? "covered" : verdict instanceof Verdict.Partly ? "PARTLY"
                : "NOT COVERED";
    }

    /** The verifications' views: their gauges, and whether every requirement of every group is covered. */
    private static final class Verified extends Forms implements CheckView {
        private final List<Verification> verifications;

        Verified(List<Verification> verifications, Supplier<ObjectNode> document, Function<Style, String> text) {
            super(document, text);
            this.verifications = verifications;
        }

        @Override
        public String prometheus(Instant at, Prometheus.RunLabels labels) {
            return Prometheus.verify(verifications, at, labels);
        }

        /** None: the findings of a verification are not offered as ASFF. */
        @Override
        public List<Outcome> outcomes() {
            return List.of();
        }

        @Override
        public boolean inSync() {
            return verifications.stream().allMatch(Verification::covered);
        }
    }
}
