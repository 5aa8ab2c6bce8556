package io.ranchersg.cli.view;

import static io.ranchersg.cli.view.Words.plural;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.DeleteOutcome;

/**
 * What a delete did, or would do without {@code --yes}: the groups in order, each with the
 * references between them that are revoked first.
 */
public final class DeleteView {

    private DeleteView() {
    }

    /** The delete of one group. */
    public static View group(DeleteOutcome o) {
        return of("delete", o);
    }

    /** The delete of a cluster stack's groups. */
    public static View stack(DeleteOutcome o) {
        return of("stack delete", o);
    }

    private static View of(String command, DeleteOutcome o) {
        return new Forms(() -> document(command, o), style -> text(o, style));
    }

    private static ObjectNode document(String command, DeleteOutcome o) {
        ObjectNode doc = JsonShapes.document();
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
            entry.set("revokes", JsonShapes.rules(group.revokes()));
        }
        ArrayNode spared = doc.putArray("not_deleted");
        for (DeleteOutcome.Spared group : o.spared()) {
            ObjectNode entry = spared.addObject();
            entry.put("group_id", group.groupId());
            entry.put("group_name", group.groupName());
            entry.put("reason", "not a member: " + group.reason());
        }
        doc.set("api_calls", JsonShapes.apiCalls(o.apiCalls()));
        return doc;
    }

    private static String text(DeleteOutcome o, Style style) {
        StringBuilder out = new StringBuilder();
        if (o.groups().isEmpty()) {
            out.append("No group to delete in ").append(o.vpcId()).append(" (").append(o.region()).append(").\n");
            return out.append(spared(o, style)).toString();
        }
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
        out.append(spared(o, style));
        if (!o.deleted()) {
            out.append("Nothing was changed: run again with --yes to delete (it first checks that no network"
                    + " interface and no other group uses them).\n");
        }
        return out.toString();
    }

    /** The groups found that are not members: one line each, never deleted. */
    private static String spared(DeleteOutcome o, Style style) {
        StringBuilder out = new StringBuilder();
        for (DeleteOutcome.Spared group : o.spared()) {
            out.append(style.dim("  = " + group.groupName() + " (" + group.groupId() + "): not deleted: not a member ("
                    + group.reason() + ")")).append('\n');
        }
        return out.toString();
    }
}
