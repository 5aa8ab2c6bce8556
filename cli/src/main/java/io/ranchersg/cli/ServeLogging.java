package io.ranchersg.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * serve's logs: its one line per pass and per event at info even without {@code -v} (a service's
 * log is its record, where a command's stderr is for failures), and with {@code --log-format json}
 * one JSON object per line from Logback's own {@link JsonEncoder}, for log pipelines.
 */
final class ServeLogging {

    /** The loggers of serve's loop. */
    static final String SERVE = "io.ranchersg.cli.serve";

    /** How log lines look. */
    enum Format {
        /** As every command logs: time, level, thread, logger, message. */
        TEXT,
        /** One JSON object per line. */
        JSON
    }

    private ServeLogging() {
    }

    static void configure(Format format, int verbosity) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger(SERVE).setLevel(verbosity >= 2 ? Level.DEBUG : Level.INFO);
        if (format != Format.JSON) {
            return;
        }
        Appender<ILoggingEvent> appender = context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
        if (appender instanceof ConsoleAppender<ILoggingEvent> stderr) {
            JsonEncoder encoder = new JsonEncoder();
            encoder.setContext(context);
            // The logger context's name and properties, the same on every line, would only add noise.
            encoder.setWithContext(false);
            // The message as written, not its template and arguments; no per-context counters.
            encoder.setWithFormattedMessage(true);
            encoder.setWithMessage(false);
            encoder.setWithArguments(false);
            encoder.setWithSequenceNumber(false);
            encoder.setWithNanoseconds(false);
            encoder.start();
            stderr.stop();
            stderr.setEncoder(encoder);
            stderr.start();
        }
    }
}
