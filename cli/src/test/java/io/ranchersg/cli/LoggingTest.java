package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class LoggingTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void quiet() {
        Logging.configure(0);
    }

    @Test
    void quietByDefault() {
        Logging.configure(0);

        assertThat(level(Logging.PROJECT)).isEqualTo(Level.WARN);
        assertThat(level(org.slf4j.Logger.ROOT_LOGGER_NAME)).isEqualTo(Level.ERROR);
    }

    @Test
    void oneVShowsWhatRancherSgDoesButNotTheSdksRequests() {
        Logging.configure(1);

        assertThat(level(Logging.PROJECT)).isEqualTo(Level.INFO);
        assertThat(context.getLogger(Logging.SDK_REQUESTS).isDebugEnabled()).isFalse();
    }

    @Test
    void twoVsDebug() {
        Logging.configure(2);

        assertThat(level(Logging.PROJECT)).isEqualTo(Level.DEBUG);
        assertThat(context.getLogger(Logging.SDK_REQUESTS).isDebugEnabled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 5})
    void wireHeaderAndSignerLoggersAreAlwaysOff(int verbosity) {
        Logging.configure(verbosity);

        for (String name : Logging.NEVER) {
            assertThat(context.getLogger(name).isErrorEnabled()).as(name).isFalse();
            assertThat(context.getLogger(name + ".child").isTraceEnabled()).as(name + " children").isFalse();
        }
    }

    private Level level(String name) {
        return context.getLogger(name).getLevel();
    }
}
