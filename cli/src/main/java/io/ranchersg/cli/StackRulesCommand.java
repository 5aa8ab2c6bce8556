package io.ranchersg.cli;

import io.ranchersg.cli.view.RulesView;
import io.ranchersg.core.Markdown;
import io.ranchersg.core.StackSpec;
import java.io.PrintWriter;
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
                out.println(Json.write(RulesView.stackDocument(resolved)));
                break;
            case markdown:
                out.print(Markdown.stackMatrix(resolved));
                out.println();
                out.print(Markdown.stackDiagram(resolved));
                break;
            default:
                out.print(RulesView.stackText(resolved));
                break;
        }
        return ExitCodes.OK;
    }
}
