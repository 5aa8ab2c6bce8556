package io.ranchersg.cli.serve;

import java.util.Objects;

/**
 * Where serve's HTTP endpoints listen: {@code HOST:PORT}, an IPv6 host in brackets.
 *
 * @param host a host name or address; {@code 0.0.0.0} for every interface
 * @param port 0 (any free port) to 65535
 */
public record ListenAddress(String host, int port) {

    /** The port serve listens on by default, one not taken by common Prometheus exporters. */
    public static final int DEFAULT_PORT = 9464;

    /** Loopback only, so that nothing is exposed unless asked. */
    public static final ListenAddress DEFAULT = new ListenAddress("127.0.0.1", DEFAULT_PORT);

    /**
     * Checks the components.
     *
     * @param host a host name or address
     * @param port 0 to 65535
     */
    public ListenAddress {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("no host");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port " + port + " is out of range 0..65535");
        }
    }

    /**
     * Reads {@code HOST:PORT}.
     *
     * @param text such as {@code 0.0.0.0:9464} or {@code [::1]:9464}
     * @return the address
     * @throws IllegalArgumentException naming the text
     */
    public static ListenAddress parse(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("invalid address '" + text + "': expected HOST:PORT, such as 0.0.0.0:"
                    + DEFAULT_PORT);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid address '" + text + "': the port is not a number", e);
        }
        try {
            return new ListenAddress(host, port);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid address '" + text + "': " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
