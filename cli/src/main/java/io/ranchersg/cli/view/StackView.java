package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.StackOutcome;
import java.util.function.BiFunction;

/**
 * A cluster stack's plan, ensure or check: the single group's forms, once per group of the stack.
 * The document holds the group entries of {@link GroupView}, each with its {@code role}, under
 * {@code "stack": {"cluster": .., "layout": ..}}; {@code in_sync} only when every group is. The
 * text is one block per group, as the single-group command prints it, headed by the role.
 */
public final class StackView {

    private StackView() {
    }

    /** What stack ensure would do. */
    public static View plan(StackOutcome o) {
        return new Forms(() -> document("stack plan", o, true, null), style -> text(o, style, GroupText::plan));
    }

    /** What stack ensure did, or with {@code dryRun} what it would do (its writes only proved the permissions). */
    public static View ensure(StackOutcome o, boolean dryRun) {
        return new Forms(() -> document("stack ensure", o, true, dryRun), style -> dryRun
                ? text(o, style, GroupText::plan) + GroupText.DRY_RUN
                : text(o, style, GroupText::ensure));
    }

    /** The drift of every group. */
    public static CheckView check(StackOutcome o) {
        return new CheckedGroups(o.groups().stream().map(StackOutcome.Member::outcome).toList(),
                () -> document("stack check", o, false, null),
                style -> text(o, style, GroupText::check));
    }

    /**
     * @param actions whether entries carry the actions (plan and ensure)
     * @param dryRun  for ensure, whether it only proved permissions; {@code null} for the others
     */
    private static ObjectNode document(String command, StackOutcome o, boolean actions, Boolean dryRun) {
        ObjectNode doc = GroupView.head(command, dryRun);
        ObjectNode stack = doc.putObject("stack");
        stack.put("cluster", o.cluster());
        stack.put("layout", o.layout().jsonName());
        if (actions) {
            doc.put("changes", o.groups().stream().anyMatch(m -> m.outcome().actions().any()));
        }
        doc.put("in_sync", o.inSync());
        ArrayNode groups = doc.putArray("groups");
        for (StackOutcome.Member member : o.groups()) {
            ObjectNode entry = GroupView.entry(member.outcome(), actions);
            entry.put("role", member.role());
            groups.add(entry);
        }
        doc.set("api_calls", JsonShapes.apiCalls(o.apiCalls()));
        return doc;
    }

    /** One block per group of the stack, each as the single-group command prints it. */
    private static String text(StackOutcome o, Style style, BiFunction<Outcome, Style, String> block) {
        StringBuilder out = new StringBuilder();
        for (StackOutcome.Member member : o.groups()) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append("[").append(member.role()).append("] ").append(block.apply(member.outcome(), style));
        }
        return out.toString();
    }
}
