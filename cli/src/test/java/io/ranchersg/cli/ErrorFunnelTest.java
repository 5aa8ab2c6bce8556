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
    void oneLineCollapsesLineBreaks() {
        assertThat(ErrorFunnel.oneLine("first\n  second\r\nthird ")).isEqualTo("first second third");
    }
}
