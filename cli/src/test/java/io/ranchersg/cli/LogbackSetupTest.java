package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class LogbackSetupTest {

    private final LoggerContext context = new LoggerContext();

    @Test
    void linesCarryTimeLevelThreadShortLoggerAndMessage() {
        LoggingEvent event = event("io.ranchersg.aws.Reconciler", Level.WARN, "group {} drifted", null);
        event.setThreadName("main");

        assertThat(layout().doLayout(event))
                .isEqualTo("12:30:05.007 WARN  [main] i.r.aws.Reconciler - group sg-1 drifted"
                        + System.lineSeparator());
    }

    @Test
    void anExceptionLoggedWithAMessageFollowsWithItsStackTrace() {
        LoggingEvent event = event("software.amazon.awssdk.request", Level.DEBUG, "retrying",
                new IllegalStateException("throttled"));
        event.setThreadName("sdk-1");

        String[] lines = layout().doLayout(event).split(System.lineSeparator());

        assertThat(lines[0]).isEqualTo("12:30:05.007 DEBUG [sdk-1] s.amazon.awssdk.request - retrying");
        assertThat(lines[1]).as("the exception's first line").isEqualTo("java.lang.IllegalStateException: throttled");
        assertThat(lines[2]).as("a frame").startsWith("\tat io.ranchersg.cli.LogbackSetupTest.");
    }

    @Test
    void aConfigurationFileWins() {
        // The tests' logback-test.xml is on the class path.
        LogbackSetup setup = new LogbackSetup();
        setup.setContext(context);

        assertThat(setup.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext())
                .as("no appender added").isFalse();
    }

    private LogbackSetup.Line layout() {
        LogbackSetup.Line layout = new LogbackSetup.Line();
        layout.setContext(context);
        layout.start();
        return layout;
    }

    private LoggingEvent event(String logger, Level level, String message, Throwable thrown) {
        LoggingEvent event = new LoggingEvent(getClass().getName(), context.getLogger(logger), level, message,
                thrown, new Object[] {"sg-1"});
        event.setTimeStamp(LocalTime.of(12, 30, 5, 7_000_000).atDate(LocalDate.of(2026, 1, 2))
                .atZone(ZoneId.systemDefault()).toInstant().toEpochMilli());
        return event;
    }
}
