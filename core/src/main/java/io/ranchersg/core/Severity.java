package io.ranchersg.core;

import java.util.Locale;

/** How bad a {@link Finding} is, in increasing order. */
public enum Severity {
    /** Worth knowing. */
    LOW,
    /** Exposes a management port more widely than needed (SSH, Docker TLS). */
    MEDIUM,
    /** Exposes an API that controls nodes (kubelet). */
    HIGH,
    /** Exposes the cluster itself (etcd, VXLAN, all traffic). */
    CRITICAL;

    /** Whether this severity is at least as bad as the other (for thresholds such as "fail on high"). */
    public boolean isAtLeast(Severity other) {
        return compareTo(other) >= 0;
    }

    /** {@return the name for JSON and flags: {@code low}, {@code medium}, {@code high}, {@code critical}} */
    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a severity name in any case.
     *
     * @throws IllegalArgumentException naming the value if it is not a severity
     */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.name().equalsIgnoreCase(text)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown severity '" + text + "': expected low, medium, high or critical");
    }
}
