package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ErrorFunnelTest {

    @Test
    void describeJoinsDistinctCauseMessages() {
        Exception ex = new IllegalStateException("cannot write report",
                new UncheckedIOException("disk full", new IOException("disk full")));

        assertThat(ErrorFunnel.describe(ex)).isEqualTo("cannot write report: disk full");
    }

    @Test
    void describeNamesExceptionsWithoutMessage() {
        assertThat(ErrorFunnel.describe(new NullPointerException())).isEqualTo("java.lang.NullPointerException");
    }

    @Test
    void cleanEscapesControlAndFormatCharacters() {
        assertThat(ErrorFunnel.clean("name 'a\u001b[31mb' contains '\u001b'"))
                .isEqualTo("name 'a\\x1b[31mb' contains '\\x1b'");
        assertThat(ErrorFunnel.clean("bell \u0007, tab\tand \u202eevil, \u0085"))
                .isEqualTo("bell \\x07, tab\\x09and \\u202eevil, \\x85");
        assertThat(ErrorFunnel.clean("caf\u00e9 \u2603 '10.0.0.0/8'")).as("printable text stays")
                .isEqualTo("caf\u00e9 \u2603 '10.0.0.0/8'");
    }

    @Test
    void cleanCutsEveryLongQuotedValueTheSameWay() {
        String huge = "x".repeat(100_000);

        assertThat(ErrorFunnel.clean("--vpc-id: invalid VPC id '" + huge + "': expected vpc-"))
                .isEqualTo("--vpc-id: invalid VPC id '" + "x".repeat(64) + "...' (100000 characters): expected vpc-");
        assertThat(ErrorFunnel.clean("a '" + "y".repeat(64) + "' b")).as("64 characters stay")
                .isEqualTo("a '" + "y".repeat(64) + "' b");
        assertThat(ErrorFunnel.clean("name '" + "n".repeat(64) + "...' is 256 characters long"))
                .as("a value core has cut already").isEqualTo("name '" + "n".repeat(64) + "...' is 256 characters long");
    }

    @Test
    void cleanCutsALongLineEvenWithoutQuotes() {
        String line = ErrorFunnel.clean("unquoted " + "z".repeat(100_000));

        assertThat(line).hasSizeLessThan(ErrorFunnel.MAX_LINE_LENGTH + 40).endsWith("(100009 characters)");
    }

    @Test
    void oneLineCollapsesLineBreaks() {
        assertThat(ErrorFunnel.oneLine("first\n  second\r\nthird ")).isEqualTo("first second third");
    }
}
