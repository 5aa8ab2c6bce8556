package io.ranchersg.cli.view;

import java.util.List;

/** Left-aligned text columns for the readable outputs. */
final class Columns {

    private Columns() {
    }

    /**
     * The rows as columns separated by two spaces, each line prefixed with {@code indent}, trailing
     * blanks stripped, each line ending with a newline.
     */
    static String render(List<String[]> rows, String indent) {
        if (rows.isEmpty()) {
            return "";
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }
}
