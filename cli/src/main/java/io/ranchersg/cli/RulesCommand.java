package io.ranchersg.cli;

import io.ranchersg.cli.view.RulesView;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Markdown;
import io.ranchersg.core.Profile;
import io.ranchersg.core.Profiles;
import java.io.PrintWriter;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rancher-sg rules}: prints a profile's rules, or lists the profiles. Needs no AWS access. */
@Command(name = "rules", description = {"Print a profile's rules, or list the profiles.",
            "With --list, the profile names, one a line. Needs no AWS access."})
final class RulesCommand implements Callable<Integer>, JsonOutput {

    /** {@code table}, {@code markdown} (the Rancher page's columns) or {@code json}. */
    enum Format { table, markdown, json }

    /** Reads the format, accepting {@code text} for {@code table} like the other commands' --output. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            String lower = value.toLowerCase(Locale.ROOT);
            if (lower.equals("text")) {
                return Format.table;
            }
            try {
                return Format.valueOf(lower);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(
                        "unknown format '" + value + "': expected table, markdown or json");
            }
        }
    }

    /** Completion candidates for the format. */
    static final class FormatCandidates implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return List.of("table", "markdown", "json").iterator();
        }
    }

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityMixin verbosity;

    @Option(names = "--list", description = "List the profiles, one a line.")
    boolean list;

    @Mixin
    ProfileMixin profile;

    @Mixin
    GroupMixin group;

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "table", converter = FormatConverter.class,
            completionCandidates = FormatCandidates.class,
            description = "Output format: table (or text), markdown or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.table;

    @Override
    public boolean jsonOutput() {
        return format == Format.json;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        if (list) {
            switch (format) {
                case json:
                    out.println(Json.write(RulesView.profilesDocument(Profiles.all())));
                    break;
                case markdown:
                    out.print(Markdown.catalogue());
                    break;
                default:
                    Profiles.names().forEach(out::println);
                    break;
            }
            return ExitCodes.OK;
        }
        ProfileMixin.Resolved resolved = profile.resolve(group.groupName);
        Profile chosen = resolved.profile();
        switch (format) {
            case json:
                out.println(Json.write(RulesView.document(chosen, resolved.options(), resolved.spec(),
                        Findings.of(resolved.spec().rules()))));
                break;
            case markdown:
                out.print(Markdown.profile(chosen, resolved.options()));
                break;
            default:
                out.print(RulesView.table(chosen, resolved.spec(), Findings.of(resolved.spec().rules())));
                break;
        }
        return ExitCodes.OK;
    }
}
