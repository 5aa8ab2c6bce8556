package io.ranchersg.cli;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What a run of the CLI gets from its surroundings, so that tests can set it: the environment,
 * whether stdout and stderr are terminals, and the clock.
 *
 * @param env         the environment variables ({@code AWS_ENDPOINT_URL}, {@code NO_COLOR}, ...)
 * @param colour      whether stdout may carry ANSI colours (a terminal, and {@code NO_COLOR} unset)
 * @param progress    whether progress may be written to stderr (a terminal is attached)
 * @param clock       the time for report timestamps
 */
record CliContext(Map<String, String> env, boolean colour, boolean progress, Clock clock) {

    CliContext {
        env = Map.copyOf(Objects.requireNonNull(env, "env"));
        Objects.requireNonNull(clock, "clock");
    }

    /** No terminal, no environment: what {@link Main#run(java.io.PrintWriter, java.io.PrintWriter, String...)} uses. */
    static CliContext plain() {
        return new CliContext(Map.of(), false, false, Clock.systemUTC());
    }

    /** The real process: colour and progress only when a terminal is attached and the user allows it. */
    static CliContext fromProcess() {
        Map<String, String> env = System.getenv();
        // System.console() is null unless stdin and stdout are both terminals: the safe answer for pipes and cron.
        boolean terminal = System.console() != null;
        boolean colourAllowed = !env.containsKey("NO_COLOR") && !"dumb".equals(env.get("TERM"));
        return new CliContext(env, terminal && colourAllowed, terminal, Clock.systemUTC());
    }

    /** This context with another environment. */
    CliContext withEnv(Map<String, String> newEnv) {
        return new CliContext(newEnv, colour, progress, clock);
    }

    /** This context with another clock. */
    CliContext withClock(Clock newClock) {
        return new CliContext(env, colour, progress, newClock);
    }
}
