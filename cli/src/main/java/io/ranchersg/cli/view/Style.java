package io.ranchersg.cli.view;

/**
 * ANSI colours for diffs, or none: colour only when stdout is a terminal (see the CLI's context),
 * so that pipes, files and cron mail stay plain. Commands choose the style; only views paint.
 */
public record Style(boolean colour) {

    static final Style PLAIN = new Style(false);

    String added(String text) {
        return paint("32", text);
    }

    String removed(String text) {
        return paint("31", text);
    }

    String changed(String text) {
        return paint("33", text);
    }

    String dim(String text) {
        return paint("2", text);
    }

    String bold(String text) {
        return paint("1", text);
    }

    private String paint(String code, String text) {
        return colour ? "\u001B[" + code + "m" + text + "\u001B[0m" : text;
    }
}
