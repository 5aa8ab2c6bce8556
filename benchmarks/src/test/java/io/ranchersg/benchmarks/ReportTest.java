package io.ranchersg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {

    @Test
    void writesHeadingsParagraphsAndTablesSeparatedByBlankLines() {
        String markdown = new Report()
                .heading(1, "Title")
                .paragraph("Some text.")
                .table(List.of("a", "b"), List.of(List.of("1", "2")))
                .render();

        assertThat(markdown).as("the rendered document").isEqualTo("""
                # Title

                Some text.

                | a | b |
                | --- | --- |
                | 1 | 2 |
                """);
    }

    @Test
    void escapesPipesAndFoldsLineBreaksSoThatACellStaysOneCell() {
        assertThat(Report.cell("a|b\nc")).as("a cell with a pipe and a line break").isEqualTo("a\\|b<br>c");
    }

    @Test
    void refusesARowOfTheWrongWidth() {
        assertThatThrownBy(() -> new Report().table(List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("row has 1 cells, the header 2");
    }
}
