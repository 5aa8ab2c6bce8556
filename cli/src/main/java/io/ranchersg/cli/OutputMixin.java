package io.ranchersg.cli;

import picocli.CommandLine.Option;

/** {@code --output text|json} for the commands that talk to AWS. */
final class OutputMixin {

    /** The formats of a report. */
    enum Format { text, json }

    @Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})."
                    + " JSON carries \"format_version\": 1; on errors stdout still holds one JSON document.")
    Format format = Format.text;

    boolean json() {
        return format == Format.json;
    }
}
