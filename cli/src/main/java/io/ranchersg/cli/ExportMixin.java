package io.ranchersg.cli;

import io.ranchersg.aws.RefusedException;
import io.ranchersg.export.ExportFormat;
import io.ranchersg.export.ExportSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --format} and {@code --output-file} of the export commands, and where the text goes. */
final class ExportMixin {

    /** Reads a format name through core's parser, so that the error names the value and the choices. */
    static final class FormatConverter implements CommandLine.ITypeConverter<ExportFormat> {
        @Override
        public ExportFormat convert(String value) {
            try {
                return ExportFormat.parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** Completion candidates for {@code --format}. */
    static final class FormatNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return ExportFormat.names().iterator();
        }
    }

    @Option(names = "--format", paramLabel = "FORMAT", required = true, converter = FormatConverter.class,
            completionCandidates = FormatNames.class,
            description = "terraform (AWS provider resources and variables), cloudformation (a YAML template) or"
                    + " aws-cli (a bash script of aws ec2 calls).")
    ExportFormat format;

    @Option(names = "--accept-risk", paramLabel = "CODE|SEVERITY", split = ",",
            description = "Export rules with these critical findings all the same, each noted beside its rule: a"
                    + " finding code such as world-open-etcd, or a severity such as critical (refused by default,"
                    + " as ensure refuses them).")
    List<String> acceptedRisks = new ArrayList<>();

    @Option(names = "--output-file", paramLabel = "PATH",
            description = "Write the export to this file (replaced atomically) instead of stdout.")
    Path outputFile;

    /**
     * The export held to ensure's gate: its critical findings are refused unless accepted, before
     * anything is written.
     *
     * @throws RefusedException naming the findings and the codes that accept them
     */
    ExportSet gated(ExportSet set) {
        ExportSet accepted = set.withAcceptedRisks(ChangeMixin.accepted(acceptedRisks));
        if (!accepted.refusals().isEmpty()) {
            throw new RefusedException(accepted.refusals());
        }
        return accepted;
    }

    /**
     * Checks, before anything else happens, that the output file can be written.
     *
     * @throws UsageException naming the path
     */
    void validate() {
        if (outputFile != null) {
            AtomicFiles.checkWritable("--output-file", outputFile);
        }
    }

    /** Prints the export, or writes it to the output file. */
    void write(String text, PrintWriter out) {
        if (outputFile == null) {
            out.print(text);
            out.flush();
            return;
        }
        try {
            AtomicFiles.write(outputFile, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write --output-file '" + outputFile + "': "
                    + e.getMessage(), e);
        }
    }
}
