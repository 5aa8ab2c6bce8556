package io.ranchersg.core;

import java.util.List;

/** Plain-text column alignment for the readable outputs. */
final class TextTable {

    private TextTable() {
    }

    /** Left-aligned columns separated by two spaces, trailing blanks stripped, one line per row. */
    static String columns(List<String[]> rows) {
        int[] widths = widths(rows);
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(pad(row[i], widths[i]));
                if (i < row.length - 1) {
                    line.append("  ");
                }
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    static int[] widths(List<String[]> rows) {
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        return widths;
    }

    static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }
}
