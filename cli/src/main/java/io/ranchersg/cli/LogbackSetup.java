package io.ranchersg.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.Abbreviator;
import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

/**
 * The CLI's logging, set up in code when Logback starts (found through
 * {@code META-INF/services/ch.qos.logback.classic.spi.Configurator}): one appender on stderr, lines
 * such as {@code 12:30:05.123 WARN  [main] i.r.aws.Reconciler - message}, and the quiet levels of
 * {@link Logging#configure(int)} until the command line sets them from {@code -v}.
 *
 * <p>It replaces a {@code logback.xml}: reading one costs a cold run an XML parser and Logback's
 * configuration model, and the pattern layout's converters, for four fixed settings. A configuration
 * file the user names with {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} (the
 * tests'), still wins: then this steps aside and Logback reads the file.
 */
// No @ConfiguratorRank: this is the only configurator, and an annotation read at start costs a proxy class.
public final class LogbackSetup extends ContextAwareBase implements Configurator {

    /** Logger names are shortened to about this many characters, package by package. */
    static final int LOGGER_NAME_LENGTH = 24;

    /** Created by Logback's service loader. */
    public LogbackSetup() {
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogbackSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        Line layout = new Line();
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(stderr);
        Logging.configure(context, 0);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /**
     * One event as a line: local time to the millisecond, level, thread, shortened logger name,
     * message, and the stack trace of an exception logged with it.
     */
    static final class Line extends LayoutBase<ILoggingEvent> {

        private final Abbreviator abbreviator = new TargetLengthBasedClassNameAbbreviator(LOGGER_NAME_LENGTH);

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(128);
            LocalTime time = LocalTime.ofInstant(Instant.ofEpochMilli(event.getTimeStamp()), ZoneId.systemDefault());
            pad(line, time.getHour(), 2).append(':');
            pad(line, time.getMinute(), 2).append(':');
            pad(line, time.getSecond(), 2).append('.');
            pad(line, time.getNano() / 1_000_000, 3).append(' ');
            String level = event.getLevel().toString();
            line.append(level).append(" ".repeat(Math.max(0, 5 - level.length())));
            line.append(" [").append(event.getThreadName()).append("] ");
            line.append(abbreviator.abbreviate(event.getLoggerName())).append(" - ");
            line.append(event.getFormattedMessage()).append(System.lineSeparator());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                line.append(ThrowableProxyUtil.asString(thrown));
            }
            return line.toString();
        }

        private static StringBuilder pad(StringBuilder line, int value, int width) {
            String digits = Integer.toString(value);
            for (int i = digits.length(); i < width; i++) {
                line.append('0');
            }
            return line.append(digits);
        }
    }
}
