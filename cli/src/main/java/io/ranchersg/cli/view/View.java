package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A result as a command prints it: the document of {@code --output json}, or the text. Each form
 * is rendered only when asked for, so that a run builds what it prints and no more.
 */
public interface View {

    /** The {@code format_version} 1 document, for the CLI to write on one line. */
    ObjectNode document();

    /** The text, every line ended by a line break. */
    String text(Style style);
}
