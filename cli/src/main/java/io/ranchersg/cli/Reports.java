package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Actions;
import io.ranchersg.aws.DeleteOutcome;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.aws.StackOutcome;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Drift;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Outcomes of {@code plan}, {@code ensure}, {@code check} and {@code scan} as JSON documents and as
 * text. A group entry always has {@code region}, {@code vpc_id}, {@code group_id} (null when absent),
 * {@code group_name}, {@code profile}, {@code exists}, {@code managed}, {@code in_sync} and the drift
 * ({@code missing}, {@code extra}, {@code changed}); plan and ensure entries add the actions
 * ({@code created}, {@code authorized}, {@code revoked}, {@code updated}) and {@code prune}.
 */
final class Reports {

    /** {@code managed_by} of a group carrying rancher-sg's tags. */
    static final String MANAGED_BY_RANCHER_SG = "rancher-sg";

    private Reports() {
    }

    // ---------------------------------------------------------------- JSON

    /**
     * A group entry. With {@code actions} (plan and ensure), the outcome's actions: for plan what
     * ensure would do (created means "would be created"), for ensure what it did. The drift is the
     * group's state after the run.
     */
    static ObjectNode group(Outcome o, boolean actions) {
        return group(o, actions, null, o.managed() ? MANAGED_BY_RANCHER_SG : null);
    }

    /**
     * A group entry naming its account ({@code account_id}, null where the run did not need to know
     * it; {@code account_name} from the accounts file) and who made the group ({@code managed_by}:
     * {@value #MANAGED_BY_RANCHER_SG}, {@code rancher-node-driver}, or null for a group nobody
     * claims).
     */
    static ObjectNode group(Outcome o, boolean actions, String accountName, String managedBy) {
        ObjectNode node = Json.object();
        node.put("account_id", o.location().account());
        node.put("account_name", accountName);
        node.put("region", o.region());
        node.put("vpc_id", o.vpcId());
        node.put("group_id", o.groupId());
        node.put("group_name", o.groupName());
        node.put("profile", o.profile());
        node.put("exists", o.exists());
        node.put("managed", o.managed());
        node.put("managed_by", managedBy);
        node.put("in_sync", o.inSync());
        Drift drift = o.drift();
        node.set("missing", Json.rules(drift.missing()));
        node.set("extra", Json.rules(drift.extra()));
        node.set("changed", Json.changes(drift.changed()));
        if (actions) {
            node.put("prune", o.plan().prune());
            node.put("created", o.created());
            node.set("authorized", Json.rules(o.authorized()));
            node.set("revoked", Json.rules(o.revoked()));
            node.set("updated", Json.changes(o.updated()));
        }
        node.set("findings", Json.findings(o.findings()));
        node.set("warnings", Json.warnings(o.warnings()));
        return node;
    }

    /** The check document. */
    static ObjectNode checkDocument(String command, List<Outcome> outcomes, Map<String, Integer> apiCalls) {
        ObjectNode doc = Json.document();
        doc.put("command", command);
        doc.put("in_sync", outcomes.stream().allMatch(Outcome::inSync));
        ArrayNode groups = doc.putArray("groups");
        outcomes.forEach(o -> groups.add(group(o, false)));
        doc.set("api_calls", Json.apiCalls(apiCalls));
        return doc;
    }

    /**
     * The scan document: the accounts (each with the regions scanned, or {@code "reached": false}),
     * the regions, every group checked with its account and maker, and what could not be read.
     */
    static ObjectNode scanDocument(ScanResult result, List<ScanError> errors) {
        ObjectNode doc = Json.document();
        doc.put("command", "scan");
        doc.put("in_sync", result.outcomes().stream().allMatch(Outcome::inSync) && errors.isEmpty());
        ArrayNode accounts = doc.putArray("accounts");
        Map<String, ObjectNode> byAccount = new LinkedHashMap<>();
        for (ScanTarget target : result.targets()) {
            byAccount.computeIfAbsent(target.accountId() + "/" + target.accountName(), key -> {
                ObjectNode node = accounts.addObject();
                node.put("account_id", target.accountId());
                node.put("account_name", target.accountName());
                node.put("reached", true);
                node.putArray("regions");
                return node;
            }).withArray("regions").add(target.region());
        }
        for (ScanResult.AccountFailure failure : result.failedAccounts()) {
            ObjectNode node = accounts.addObject();
            node.put("account_id", failure.account().id());
            node.put("account_name", failure.account().name());
            node.put("reached", false);
            node.putArray("regions");
        }
        ArrayNode regions = doc.putArray("regions");
        new LinkedHashSet<>(result.targets().stream().map(ScanTarget::region).toList()).forEach(regions::add);
        ArrayNode groups = doc.putArray("groups");
        for (ScanResult.Entry entry : result.entries()) {
            for (GroupCheck.Checked checked : entry.checked()) {
                ObjectNode node = group(checked.outcome(), false, entry.target().accountName(),
                        checked.madeBy().label());
                if (checked.stack() != null) {
                    ObjectNode stack = node.putObject("stack");
                    stack.put("cluster", checked.stack().cluster());
                    stack.put("layout", checked.stack().layout());
                    stack.put("role", checked.stack().role());
                }
                groups.add(node);
            }
        }
        ArrayNode array = doc.putArray("errors");
        for (ScanError error : errors) {
            ObjectNode node = array.addObject();
            node.put("account_id", error.accountId());
            node.put("account_name", error.accountName());
            node.put("region", error.region());
            if (error.groupId() != null) {
                node.put("group_id", error.groupId());
                node.put("group_name", error.groupName());
            }
            node.put("message", error.message());
        }
        doc.set("api_calls", Json.apiCalls(result.apiCalls()));
        return doc;
    }

    /** Everything a scan could not read, in order: accounts, then regions and groups account by account. */
    static List<ScanError> scanErrors(ScanResult result) {
        List<ScanError> errors = new ArrayList<>();
        for (ScanResult.AccountFailure failure : result.failedAccounts()) {
            errors.add(new ScanError(failure.account().id(), failure.account().name(), null, null, null,
                    message(failure.failure())));
        }
        for (ScanResult.Entry entry : result.entries()) {
            ScanTarget target = entry.target();
            entry.failed().ifPresent(e -> errors.add(new ScanError(target.accountId(), target.accountName(),
                    target.region(), null, null, message(e))));
            for (GroupCheck.Unchecked group : entry.unchecked()) {
                errors.add(new ScanError(target.accountId(), target.accountName(), target.region(), group.groupId(),
                        group.groupName(), message(group.error())));
            }
        }
        return errors;
    }

    private static String message(RuntimeException e) {
        return ErrorFunnel.clean(ErrorFunnel.describe(e));
    }

    /** The plan or ensure document; {@code changes} says whether ensure would change (plan) or changed something. */
    static ObjectNode changeDocument(String command, Outcome o, boolean dryRun) {
        ObjectNode doc = Json.document();
        doc.put("command", command);
        if (command.equals("ensure")) {
            doc.put("dry_run", dryRun);
        }
        doc.put("changes", o.actions().any());
        doc.put("in_sync", o.inSync());
        doc.putArray("groups").add(group(o, true));
        doc.set("api_calls", Json.apiCalls(o.apiCalls()));
        return doc;
    }

    /**
     * A stack's check, plan or ensure document: the group entries of the single-group documents,
     * each with its {@code role}, under {@code "stack": {"cluster": .., "layout": ..}};
     * {@code in_sync} only when every group is.
     *
     * @param actions whether entries carry the actions (plan and ensure)
     * @param dryRun  for ensure, whether it only proved permissions; {@code null} for the others
     */
    static ObjectNode stackDocument(String command, StackOutcome o, boolean actions, Boolean dryRun) {
        ObjectNode doc = Json.document();
        doc.put("command", command);
        if (dryRun != null) {
            doc.put("dry_run", dryRun);
        }
        ObjectNode stack = doc.putObject("stack");
        stack.put("cluster", o.cluster());
        stack.put("layout", o.layout().jsonName());
        if (actions) {
            doc.put("changes", o.groups().stream().anyMatch(m -> m.outcome().actions().any()));
        }
        doc.put("in_sync", o.inSync());
        ArrayNode groups = doc.putArray("groups");
        for (StackOutcome.Member member : o.groups()) {
            ObjectNode entry = group(member.outcome(), actions);
            entry.put("role", member.role());
            groups.add(entry);
        }
        doc.set("api_calls", Json.apiCalls(o.apiCalls()));
        return doc;
    }

    /** A delete's document: the groups in order, each with the references revoked first. */
    static ObjectNode deleteDocument(String command, DeleteOutcome o) {
        ObjectNode doc = Json.document();
        doc.put("command", command);
        doc.put("region", o.region());
        doc.put("vpc_id", o.vpcId());
        doc.put("deleted", o.deleted());
        ArrayNode groups = doc.putArray("groups");
        for (DeleteOutcome.Doomed group : o.groups()) {
            ObjectNode entry = groups.addObject();
            entry.put("group_id", group.groupId());
            entry.put("group_name", group.groupName());
            entry.put("role", group.role());
            entry.set("revokes", Json.rules(group.revokes()));
        }
        doc.set("api_calls", Json.apiCalls(o.apiCalls()));
        return doc;
    }

    /** One block per group of the stack, each as the single-group command prints it. */
    static String stackText(StackOutcome o, Function<Outcome, String> block) {
        StringBuilder out = new StringBuilder();
        for (StackOutcome.Member member : o.groups()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("[").append(member.role()).append("] ").append(block.apply(member.outcome()));
        }
        return out.toString();
    }

    /** What a delete did or would do, in order. */
    static String deleteText(DeleteOutcome o, Style style) {
        if (o.groups().isEmpty()) {
            return "No group to delete in " + o.vpcId() + " (" + o.region() + ").\n";
        }
        StringBuilder out = new StringBuilder();
        int references = o.groups().stream().mapToInt(g -> g.revokes().size()).sum();
        out.append(style.bold((o.deleted() ? "Deleted " : "Would delete ") + plural(o.groups().size(), "group")
                + " in " + o.vpcId() + " (" + o.region() + "), after revoking " + plural(references, "reference")
                + " between them:")).append('\n');
        for (DeleteOutcome.Doomed group : o.groups()) {
            group.revokes().forEach(r -> out.append(style.removed("  - " + group.groupName() + ": " + r))
                    .append('\n'));
        }
        for (DeleteOutcome.Doomed group : o.groups()) {
            out.append(style.removed("  x " + group.groupName() + " (" + group.groupId() + ")"
                    + (group.role() == null ? "" : ", role " + group.role()))).append('\n');
        }
        if (!o.deleted()) {
            out.append("Nothing was changed: run again with --yes to delete (it first checks that no network"
                    + " interface and no other group uses them).\n");
        }
        return out.toString();
    }

    /**
     * What a scan could not read, and why: a whole account ({@code region} null), a region of it
     * ({@code groupId} null), or one group in it. The account is null for the caller's own when it
     * is not known.
     */
    record ScanError(String accountId, String accountName, String region, String groupId, String groupName,
                     String message) {

        /** For stderr: {@code scan of ACCOUNT failed: ...}, {@code scan of [ACCOUNT ]REGION failed: ...}, or a group's. */
        String line() {
            String account = accountId == null ? "" : accountName == null ? accountId : accountName + " (" + accountId + ")";
            if (region == null) {
                return "scan of account " + account + " failed: " + message;
            }
            String where = account.isEmpty() ? region : account + " " + region;
            if (groupId == null) {
                return "scan of " + where + " failed: " + message;
            }
            return "scan of " + where + ": security group " + groupId + " ('" + groupName
                    + "') could not be checked: " + message;
        }
    }

    // ---------------------------------------------------------------- text

    /** {@code 'rancher-nodes' (sg-0abc) in vpc-0123 (us-east-1)}; no id when the group does not exist. */
    static String where(Outcome o) {
        return o.location().toString();
    }

    /** The plan as a diff: {@code +} authorize, {@code ~} update, {@code -} revoke, {@code =} extra kept. */
    static String planText(Outcome o, Style style) {
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
    static String ensureText(Outcome o, Style style) {
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

    /** Per group: in sync, or the drift as a diff from the group to its profile; a summary for several groups. */
    static String checkText(List<Outcome> outcomes, Style style) {
        StringBuilder out = new StringBuilder();
        for (Outcome o : outcomes) {
            out.append(driftText(o, style));
            // The page's own warnings (world-open VXLAN, etcd, kubelet, SSH) belong to every check.
            out.append(RulesText.findingsText(o.findings()).replaceFirst("^\n", ""));
        }
        return out.toString();
    }

    private static String driftText(Outcome o, Style style) {
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
                .append(" changed\n");
        List<String[]> rows = new ArrayList<>();
        drift.missing().forEach(r -> rows.add(new String[] {"+", "missing", r.toString()}));
        drift.changed().forEach(c -> rows.add(new String[] {"~", "changed", change(c)}));
        drift.extra().forEach(r -> rows.add(new String[] {"-", "extra", r.toString()}));
        for (String line : Columns.render(rows, "  ").split("\n")) {
            out.append(colourBySign(line, style)).append('\n');
        }
        return out.toString();
    }

    /** The run's warnings, one {@code warning:} line each, then the findings of the rules it leaves. */
    private static String review(Outcome o, Style style) {
        StringBuilder out = new StringBuilder();
        o.warnings().forEach(w -> out.append(style.changed(w.toString())).append('\n'));
        out.append(RulesText.findingsText(o.findings()));
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
    static String change(DescriptionChange c) {
        return c.key() + " \"" + c.before().description() + "\" -> \"" + c.after().description() + "\"";
    }

    private static String counts(Actions actions, String authorized, String updated, String revoked) {
        return plural(actions.authorized().size(), "rule") + " " + authorized + ", " + actions.updated().size() + " "
                + updated + ", " + actions.revoked().size() + " " + revoked;
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
