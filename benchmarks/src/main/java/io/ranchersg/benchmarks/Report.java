package io.ranchersg.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown document built in order: headings, paragraphs and tables. Cells are
 * escaped ({@code |} and line breaks), so any text can go in a table.
 */
final class Report {

    private final StringBuilder text = new StringBuilder();

    Report heading(int level, String title) {
        if (level < 1 || level > 6) {
            throw new IllegalArgumentException("heading level must be 1 to 6, not " + level);
        }
        separate();
        text.append("#".repeat(level)).append(' ').append(title.strip()).append('\n');
        return this;
    }

    Report paragraph(String paragraph) {
        separate();
        text.append(paragraph.strip()).append('\n');
        return this;
    }

    /** A table; every row must have as many cells as the header. */
    Report table(List<String> header, List<List<String>> rows) {
        if (header.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        separate();
        row(header);
        List<String> rule = new ArrayList<>();
        header.forEach(h -> rule.add("---"));
        row(rule);
        for (List<String> cells : rows) {
            if (cells.size() != header.size()) {
                throw new IllegalArgumentException("row has " + cells.size() + " cells, the header "
                        + header.size() + ": " + cells);
            }
            row(cells);
        }
        return this;
    }

    String render() {
        return text.toString();
    }

    /** A cell's text with pipes escaped and line breaks folded, so that it stays one cell. */
    static String cell(String value) {
        return value == null ? "" : value.strip().replace("\\", "\\\\").replace("|", "\\|")
                .replace("\r", "").replace("\n", "<br>");
    }

    private void row(List<String> cells) {
        text.append('|');
        cells.forEach(c -> text.append(' ').append(cell(c)).append(" |"));
        text.append('\n');
    }

    private void separate() {
        if (text.length() > 0) {
            text.append('\n');
        }
    }
}
