package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** serve refuses bad options before it starts anything: exit 64, one line naming the value, no listener. */
class ServeUsageTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--interval 5x               | --interval: invalid duration '5x'",
        "--interval 0s               | --interval: invalid duration '0s'",
        "--interval 5                | --interval: invalid duration '5'",
        "--listen nowhere            | --listen: invalid address 'nowhere'",
        "--listen 127.0.0.1:99999    | --listen: invalid address '127.0.0.1:99999'",
        "--prune                     | --prune: applies to repairs: give --repair too",
        "--repair --accept-risk bogus | --accept-risk",
        "--events-queue ftp://q      | --events-queue: invalid endpoint URL 'ftp://q'",
    })
    void badOptionsExit64InOneLine(String options, String expected) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] args = ("serve --region eu-west-1 --endpoint-url http://127.0.0.1:9 " + options).split(" +");

        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).startsWith("rancher-sg: ").contains(expected)
                .doesNotContain("listening").hasLineCount(1);
        assertThat(out.toString()).isEmpty();
    }
}
