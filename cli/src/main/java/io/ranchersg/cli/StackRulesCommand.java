package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Markdown;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackMatrix;
import io.ranchersg.core.StackSpec;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rancher-sg stack rules}: who may reach whom on which ports. Needs no AWS access. */
@Command(name = "rules", description = {"Print a stack's matrix: who may reach whom on which ports, then each"
            + " group's rules.", "Needs no AWS access."})
final class StackRulesCommand implements Callable<Integer>, JsonOutput {

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    StackMixin stack;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", converter = RulesCommand.FormatConverter.class,
            completionCandidates = RulesCommand.FormatCandidates.class,
            description = "Output format: table (or text), markdown (the matrix and a Mermaid diagram) or json"
                    + " (default: ${DEFAULT-VALUE}).")
    RulesCommand.Format format = RulesCommand.Format.table;

    @Override
    public boolean jsonOutput() {
        return format == RulesCommand.Format.json;
    }

    @Override
    public Integer call() {
        StackSpec resolved = stack.resolve();
        PrintWriter out = spec.commandLine().getOut();
        switch (format) {
            case json:
                out.println(Json.write(document(resolved)));
                break;
            case markdown:
                out.print(Markdown.stackMatrix(resolved));
                out.println();
                out.print(Markdown.stackDiagram(resolved));
                break;
            default:
                out.print(text(resolved));
                break;
        }
        return ExitCodes.OK;
    }

    private static String text(StackSpec stack) {
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
            out.append('\n').append(RulesText.table(Profiles.get(group.profile()), group.spec(),
                    Findings.of(group.spec().rules())));
        }
        return out.toString();
    }

    private static ObjectNode document(StackSpec stack) {
        ObjectNode doc = Json.document();
        ObjectNode node = doc.putObject("stack");
        node.put("cluster", stack.cluster());
        node.put("layout", stack.layout().jsonName());
        ArrayNode groups = doc.putArray("groups");
        for (StackGroup group : stack.groups()) {
            ObjectNode entry = groups.addObject();
            entry.put("role", group.role());
            entry.put("group_name", group.name());
            entry.put("profile", group.profile());
            entry.set("rules", Json.rules(group.spec().rules()));
            entry.set("findings", Json.findings(Findings.of(group.spec().rules())));
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
