package io.ranchersg.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the figures were measured on: the machine, the Java that ran the CLI and the LocalStack that
 * answered it.
 *
 * @param cpus          processors available to the JVM
 * @param cpuModel      the first processor's model name, from /proc/cpuinfo
 * @param memoryKib     MemTotal from /proc/meminfo
 * @param os            operating system and kernel
 * @param java          the Java runtime (vendor, version, VM)
 * @param localstack    LocalStack's version, from its health endpoint
 */
record Machine(int cpus, String cpuModel, long memoryKib, String os, String java, String localstack) {

    static Machine read(URI endpoint) {
        return new Machine(Runtime.getRuntime().availableProcessors(),
                procField("/proc/cpuinfo", "model name").orElse("unknown"),
                procField("/proc/meminfo", "MemTotal").map(v -> Long.parseLong(v.replaceAll("[^0-9]", ""))).orElse(0L),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " ("
                        + System.getProperty("os.arch") + ")",
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version") + ", "
                        + System.getProperty("java.vm.name"),
                localstackVersion(endpoint));
    }

    /** {@code 23.5 GiB}. */
    String memory() {
        return String.format(Locale.ROOT, "%.1f GiB", memoryKib / 1024.0 / 1024.0);
    }

    private static Optional<String> procField(String file, String name) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream()
                    .filter(l -> l.startsWith(name))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The {@code version} of {@code GET <endpoint>/_localstack/health}. */
    private static String localstackVersion(URI endpoint) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/_localstack/health"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode health = new ObjectMapper().readTree(response.body());
            return health.path("version").asText("unknown");
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
