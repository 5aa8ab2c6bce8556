package io.ranchersg.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json} for the commands that talk to AWS. */
final class OutputMixin {

    /** The formats of a report: asff only for the findings of check, stack check and scan. */
    enum Format { text, json, asff }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."
                    + " JSON carries \"format_version\": 1; on errors stdout still holds one JSON document."
                    + " asff (check, stack check, scan): the findings in AWS Security Finding Format, for"
                    + " aws securityhub batch-import-findings --cli-input-json.")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }

    boolean asff() {
        return format == Format.asff;
    }
}
