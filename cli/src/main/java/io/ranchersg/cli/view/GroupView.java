package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.core.Drift;
import java.util.List;

/**
 * One group's plan, ensure or check. Its document holds one group entry; an entry always has
 * {@code region}, {@code vpc_id}, {@code group_id} (null when absent), {@code group_name},
 * {@code profile}, {@code exists}, {@code managed}, {@code in_sync} and the drift ({@code missing},
 * {@code extra}, {@code changed}); plan and ensure entries add the actions ({@code created},
 * {@code authorized}, {@code revoked}, {@code updated}) and {@code prune}. Stack and scan documents
 * are made of the same entries.
 */
public final class GroupView {

    /** {@code managed_by} of a group carrying rancher-sg's tags. */
    static final String MANAGED_BY_RANCHER_SG = "rancher-sg";

    private GroupView() {
    }

    /** What ensure would do: created means "would be created". */
    public static View plan(Outcome o) {
        return new Forms(() -> document("plan", o, true, null), style -> GroupText.plan(o, style));
    }

    /**
     * What ensure did, or with {@code dryRun} what it would do: then {@code o} is the plan whose
     * writes only proved the permissions.
     */
    public static View ensure(Outcome o, boolean dryRun) {
        return new Forms(() -> document("ensure", o, true, dryRun),
                style -> dryRun ? GroupText.plan(o, style) + GroupText.DRY_RUN : GroupText.ensure(o, style));
    }

    /** The group's drift. */
    public static CheckView check(Outcome o) {
        return new CheckedGroups(List.of(o), () -> document("check", o, false, null),
                style -> GroupText.check(o, style));
    }

    /**
     * The document; {@code changes} says whether ensure would change (plan) or changed something.
     *
     * @param actions whether the entry carries the actions (plan and ensure)
     * @param dryRun  for ensure, whether it only proved permissions; {@code null} for the others
     */
    private static ObjectNode document(String command, Outcome o, boolean actions, Boolean dryRun) {
        ObjectNode doc = head(command, dryRun);
        if (actions) {
            doc.put("changes", o.actions().any());
        }
        doc.put("in_sync", o.inSync());
        doc.putArray("groups").add(entry(o, actions));
        doc.set("api_calls", JsonShapes.apiCalls(o.apiCalls()));
        return doc;
    }

    /** How a plan, ensure or check document starts, a group's or a stack's: the command, for ensure {@code dry_run}. */
    static ObjectNode head(String command, Boolean dryRun) {
        ObjectNode doc = JsonShapes.document();
        doc.put("command", command);
        if (dryRun != null) {
            doc.put("dry_run", dryRun);
        }
        return doc;
    }

    /**
     * A group entry. With {@code actions} (plan and ensure), the outcome's actions: for plan what
     * ensure would do, for ensure what it did. The drift is the group's state after the run.
     */
    static ObjectNode entry(Outcome o, boolean actions) {
        return entry(o, actions, null, o.managed() ? MANAGED_BY_RANCHER_SG : null);
    }

    /**
     * A group entry naming its account ({@code account_id}, null where the run did not need to know
     * it; {@code account_name} from the accounts file) and who made the group ({@code managed_by}:
     * {@value #MANAGED_BY_RANCHER_SG}, {@code rancher-node-driver}, or null for a group nobody
     * claims).
     */
    static ObjectNode entry(Outcome o, boolean actions, String accountName, String managedBy) {
        ObjectNode node = JsonShapes.object();
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
        node.set("missing", JsonShapes.rules(drift.missing()));
        node.set("extra", JsonShapes.rules(drift.extra()));
        node.set("changed", JsonShapes.changes(drift.changed()));
        // Only when there are any, so that the documents of groups whose tags are right keep their shape.
        if (!drift.tags().isEmpty()) {
            ObjectNode tags = node.putObject("missing_tags");
            drift.tags().forEach(tags::put);
        }
        if (actions) {
            node.put("prune", o.plan().prune());
            node.put("created", o.created());
            node.set("authorized", JsonShapes.rules(o.authorized()));
            node.set("revoked", JsonShapes.rules(o.revoked()));
            node.set("updated", JsonShapes.changes(o.updated()));
            if (!o.actions().tagged().isEmpty()) {
                ObjectNode tagged = node.putObject("tagged");
                o.actions().tagged().forEach(tagged::put);
            }
        }
        node.set("findings", JsonShapes.findings(o.findings()));
        node.set("warnings", JsonShapes.warnings(o.warnings()));
        return node;
    }
}
