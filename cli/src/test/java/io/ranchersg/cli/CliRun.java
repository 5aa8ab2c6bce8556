package io.ranchersg.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One run of the CLI and what it printed: in process through {@link Main#run} ({@link #of}, {@link #in}),
 * or as a user runs it through {@code bin/rancher-sg} ({@link RancherSg#run}).
 *
 * @param command  the arguments, for assertion descriptions
 * @param exitCode how it ended
 * @param out      stdout
 * @param err      stderr
 */
record CliRun(String command, int exitCode, String out, String err) {

    /**
     * An endpoint where nothing listens: a command that wrongly called AWS would fail with exit 1
     * instead of the expected usage error.
     */
    static final Map<String, String> NOTHING_LISTENS = Map.of(
            "AWS_ENDPOINT_URL", "http://127.0.0.1:9",
            "AWS_REGION", "us-east-1",
            "AWS_ACCESS_KEY_ID", "test",
            "AWS_SECRET_ACCESS_KEY", "test");

    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC);

    static CliRun of(String... args) {
        return in(CliContext.plain().withEnv(NOTHING_LISTENS).withClock(CLOCK), args);
    }

    static CliRun in(CliContext context, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(context, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(String.join(" ", args), code, out.toString(), err.toString());
    }

    List<String> errLines() {
        return err.isEmpty() ? List.of() : Arrays.asList(err.split("\n"));
    }

    List<String> outLines() {
        return out.isEmpty() ? List.of() : Arrays.asList(out.split("\n"));
    }

    @Override
    public String toString() {
        return "rancher-sg " + command + " -> exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
