package io.ranchersg.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets log levels from {@code -v}: quiet by default, {@code -v} for what rancher-sg does and the
 * EC2 calls it makes, {@code -vv} for debugging.
 *
 * <p>Loggers that can print headers, bodies or signing material (HTTP wire and header loggers,
 * the SigV4 signer) are switched off at every verbosity, so credentials and signed headers never
 * reach a log. The SDK's request logger, which prints header names but no values, is enabled only
 * with {@code -vv}.
 *
 * <p>Logs go to stderr, set up by {@link LogbackSetup}.
 */
final class Logging {

    /** rancher-sg's own loggers, the provisioner's included. */
    static final String PROJECT = "io.ranchersg";
    /** The SDK's request logger: method, host, header names, request ids. */
    static final String SDK_REQUESTS = "software.amazon.awssdk.request";
    /** Never enabled: these may write header values, bodies or canonical requests. */
    static final List<String> NEVER = List.of(
            "org.apache.http.wire",
            "org.apache.http.headers",
            "org.apache.hc.client5.http.wire",
            "org.apache.hc.client5.http.headers",
            "software.amazon.awssdk.auth.signer",
            "software.amazon.awssdk.http.auth",
            "io.netty.handler.logging");

    private Logging() {
    }

    /**
     * Applies the verbosity. Every level is set each time, so that repeated runs in one JVM (tests)
     * do not inherit a previous run's levels. Does nothing when Logback is not the SLF4J backend.
     *
     * @param verbosity 0 (quiet), 1 ({@code -v}) or 2 and more ({@code -vv})
     */
    static void configure(int verbosity) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            configure(context, verbosity);
        }
    }

    /** Applies the verbosity to {@code context}; {@link LogbackSetup} starts with 0. */
    static void configure(LoggerContext context, int verbosity) {
        Level project = verbosity <= 0 ? Level.WARN : verbosity == 1 ? Level.INFO : Level.DEBUG;
        context.getLogger(PROJECT).setLevel(project);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(verbosity <= 0 ? Level.ERROR : Level.WARN);
        context.getLogger(SDK_REQUESTS).setLevel(verbosity >= 2 ? Level.DEBUG : Level.WARN);
        for (String name : NEVER) {
            context.getLogger(name).setLevel(Level.OFF);
        }
    }
}
