package io.ranchersg.core;

import java.util.Objects;

/**
 * Too many rules of one direction and address family for the group's quota.
 *
 * @param direction the direction over its limit
 * @param family    the address family over its limit
 * @param count     how many rules count against the limit
 * @param limit     the limit
 */
public record QuotaViolation(Direction direction, AddressFamily family, int count, int limit) {

    /**
     * Refuses a count that is within the limit.
     *
     * @param direction the direction over its limit
     * @param family the address family over its limit
     * @param count how many rules count against the limit
     * @param limit the limit
     */
    public QuotaViolation {
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(family, "family");
        if (count <= limit) {
            throw new IllegalArgumentException("count " + count + " does not exceed limit " + limit);
        }
    }

    /** {@return by how many rules the count exceeds the limit} */
    public int excess() {
        return count - limit;
    }

    /** {@return a text such as {@code ingress IPv4 rules: 65, limit 60 (5 over)}} */
    public String message() {
        return direction.jsonName() + " " + family.label() + " rules: " + count + ", limit " + limit
                + " (" + excess() + " over)";
    }

    @Override
    public String toString() {
        return message();
    }
}
