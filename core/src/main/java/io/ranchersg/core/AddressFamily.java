package io.ranchersg.core;

/** IPv4 or IPv6: EC2 counts rule quotas separately per family. */
public enum AddressFamily {
    /** IPv4: CIDR blocks such as {@code 10.0.0.0/8}. */
    IPV4("IPv4"),
    /** IPv6: CIDR blocks such as {@code 2001:db8::/32}. */
    IPV6("IPv6");

    private final String label;

    AddressFamily(String label) {
        this.label = label;
    }

    /** {@return {@code IPv4} or {@code IPv6}} */
    public String label() {
        return label;
    }
}
