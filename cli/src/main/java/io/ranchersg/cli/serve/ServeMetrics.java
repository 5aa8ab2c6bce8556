package io.ranchersg.cli.serve;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * serve's own series, next to the pass's groups ({@link PassCollector}): how long passes take,
 * the AWS calls they make, what failed, when a pass last succeeded, and what the events queue
 * brought. Every family is declared here, in one registry that {@code /metrics} exposes.
 */
public final class ServeMetrics {

    /** What a message of the events queue turned out to be. */
    public enum EventResult {
        /** A group in scope was re-checked. */
        HANDLED,
        /** Another source or call, another account or region, or a group serve does not guard. */
        IGNORED,
        /** Not an EventBridge event of a security-group call. */
        MALFORMED;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Histogram passDuration = Histogram.builder().name("rancher_sg_pass_duration_seconds")
            .help("How long a pass over every account and region took.").classicOnly()
            .classicUpperBounds(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300).register(registry);
    private final Counter calls = Counter.builder().name("rancher_sg_api_calls")
            .help("AWS API calls made (EC2, STS, SQS), by operation.").labelNames("operation").register(registry);
    private final Counter errors = Counter.builder().name("rancher_sg_errors")
            .help("Failures, by kind: account, region, group (could not be read), recheck, repair, queue.")
            .labelNames("kind").register(registry);
    private final Gauge lastSuccess = Gauge.builder().name("rancher_sg_last_success_timestamp_seconds")
            .help("When the last pass that read everything it was asked to finished, in seconds since the epoch.")
            .register(registry);
    private final Gauge passes = Gauge.builder().name("rancher_sg_up")
            .help("1 while the guard's loop runs.").register(registry);
    private final Counter eventsReceived = Counter.builder().name("rancher_sg_events_received")
            .help("Messages received from the events queue.").register(registry);
    private final Counter events = Counter.builder().name("rancher_sg_events")
            .help("Messages of the events queue by result: handled, ignored, malformed.")
            .labelNames("result").register(registry);
    private final Counter repairs = Counter.builder().name("rancher_sg_repairs")
            .help("Repairs of drifted groups (--repair), by result: repaired, refused, failed.")
            .labelNames("result").register(registry);
    private final Counter conflicts = Counter.builder().name("rancher_sg_repair_conflicts")
            .help("Groups found drifted again within the hold-off after a repair: another writer undoes them.")
            .register(registry);

    /** A registry with every family, their counters at zero. */
    public ServeMetrics() {
        for (EventResult result : EventResult.values()) {
            events.labelValues(result.label());
        }
        passes.set(1);
    }

    /** {@return the registry /metrics exposes} */
    public PrometheusRegistry registry() {
        return registry;
    }

    void pass(Duration took, boolean complete, Instant finished) {
        passDuration.observe(took.toNanos() / 1e9);
        if (complete) {
            lastSuccess.set(finished.toEpochMilli() / 1000.0);
        }
    }

    void calls(Map<String, Integer> byOperation) {
        byOperation.forEach((operation, count) -> calls.labelValues(operation).inc(count));
    }

    void call(String operation) {
        calls.labelValues(operation).inc();
    }

    void error(String kind) {
        errors.labelValues(kind).inc();
    }

    void errors(String kind, int count) {
        if (count > 0) {
            errors.labelValues(kind).inc(count);
        }
    }

    void received(int count) {
        eventsReceived.inc(count);
    }

    void event(EventResult result) {
        events.labelValues(result.label()).inc();
    }

    void repair(String result) {
        repairs.labelValues(result).inc();
    }

    void conflict() {
        conflicts.inc();
    }

    void stopped() {
        passes.set(0);
    }
}
