package io.ranchersg.cli.serve;

import com.sun.net.httpserver.HttpExchange;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * serve's HTTP side, on the Prometheus client's server: {@code /metrics} (the client's own
 * handler), {@code /healthz} (200 while the loop lives and no pass is stuck, else 503),
 * {@code /readyz} (200 once the first pass finished, else 503) and {@code /status} (the last pass
 * as {@code scan --output json} prints it; 503 before the first).
 */
public final class HttpEndpoints implements AutoCloseable {

    private final HTTPServer server;

    private HttpEndpoints(HTTPServer server) {
        this.server = server;
    }

    /**
     * Starts listening.
     *
     * @param address where
     * @param metrics the registry of /metrics
     * @param guard   whose health, readiness and last pass to tell
     * @param status  the last pass as a JSON document, or empty before the first
     * @return the running endpoints, to be closed
     * @throws IOException when the address cannot be bound
     */
    public static HttpEndpoints start(ListenAddress address, ServeMetrics metrics, Guard guard,
                                      Supplier<Optional<String>> status) throws IOException {
        HTTPServer server = HTTPServer.builder().hostname(address.host()).port(address.port())
                .registry(metrics.registry()).registerHealthHandler(false)
                .defaultHandler(exchange -> {
                    try (exchange) {
                        route(exchange, guard, status);
                    }
                })
                .buildAndStart();
        return new HttpEndpoints(server);
    }

    /** {@return the port listened on: the one asked for, or the one chosen for port 0} */
    public int port() {
        return server.getPort();
    }

    private static void route(HttpExchange exchange, Guard guard, Supplier<Optional<String>> status)
            throws IOException {
        String path = exchange.getRequestURI().getPath();
        switch (path) {
            case "/healthz" -> {
                boolean healthy = guard.healthy();
                send(exchange, healthy ? 200 : 503, "text/plain", healthy ? "ok\n" : "the loop is stopped or stuck\n");
            }
            case "/readyz" -> {
                boolean ready = guard.ready();
                send(exchange, ready ? 200 : 503, "text/plain", ready ? "ok\n" : "the first pass is not finished\n");
            }
            case "/status" -> {
                Optional<String> document = status.get();
                if (document.isPresent()) {
                    send(exchange, 200, "application/json", document.get() + "\n");
                } else {
                    send(exchange, 503, "text/plain", "the first pass is not finished\n");
                }
            }
            default -> send(exchange, 404, "text/plain", "not found: /metrics, /healthz, /readyz, /status\n");
        }
    }

    private static void send(HttpExchange exchange, int code, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(code, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.close();
    }
}
