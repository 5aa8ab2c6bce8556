package io.ranchersg.core;

import java.util.Objects;

/**
 * A security warning about one rule.
 *
 * @param severity how bad it is
 * @param code     a stable identifier, e.g. {@code world-open-etcd}, for filtering and JSON
 * @param rule     the rule it is about
 * @param message  what is wrong and why, for humans
 */
public record Finding(Severity severity, String code, Rule rule, String message) {

    /**
     * Refuses missing parts and a blank code.
     *
     * @param severity how bad it is
     * @param code a stable identifier, e.g. {@code world-open-etcd}, for filtering and JSON
     * @param rule the rule it is about
     * @param message what is wrong and why, for humans
     */
    public Finding {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
        if (code == null || code.isBlank()) {
            throw new IllegalArgumentException("finding code must not be blank, got '" + code + "'");
        }
    }

    /** {@return a text such as {@code CRITICAL world-open-etcd: ...}} */
    @Override
    public String toString() {
        return severity + " " + code + ": " + message;
    }
}
