package io.ranchersg.core;

import java.util.List;
import java.util.Objects;

/**
 * A security warning about one rule, or about the union of several that open one port together
 * (then {@code rule} is the widest of them).
 *
 * @param severity how bad it is
 * @param code     a stable identifier, e.g. {@code world-open-etcd}, for filtering and JSON
 * @param rule     the rule it is about
 * @param message  what is wrong and why, for humans
 * @param controls the controls of published standards it fails; empty when none applies (a broad
 *                 but not world-wide exposure, a warning of the Rancher page alone)
 */
public record Finding(Severity severity, String code, Rule rule, String message, List<Control> controls) {

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
        controls = List.copyOf(controls);
    }

    /** A finding no published control names. */
    public Finding(Severity severity, String code, Rule rule, String message) {
        this(severity, code, rule, message, List.of());
    }

    /** {@return a text such as {@code CRITICAL world-open-etcd: ...}} */
    @Override
    public String toString() {
        return severity + " " + code + ": " + message;
    }
}
