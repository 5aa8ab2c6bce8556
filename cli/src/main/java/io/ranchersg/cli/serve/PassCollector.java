package io.ranchersg.cli.serve;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.cli.view.Gauges;
import io.ranchersg.cli.view.Prometheus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The last pass as series, read at each scrape from {@link PassState}: the very families the
 * textfile of {@code scan --prometheus-textfile} holds for the same scan ({@link Prometheus#scanGauges}),
 * with the same names, help texts and labels, so that one alert rule serves both. The run-level
 * {@code rancher_sg_check_success} and {@code rancher_sg_check_timestamp_seconds} describe the last
 * pass, with the re-checks since in place.
 */
final class PassCollector implements MultiCollector {

    private final PassState state;
    private final Prometheus.RunLabels run;

    PassCollector(PassState state, Prometheus.RunLabels run) {
        this.state = state;
        this.run = Objects.requireNonNull(run, "run");
    }

    @Override
    public MetricSnapshots collect() {
        ScanResult result = state.result().orElse(null);
        if (result == null) {
            return MetricSnapshots.of();
        }
        Instant finished = state.lastFinished().orElse(Instant.EPOCH);
        List<MetricSnapshot> snapshots = new ArrayList<>();
        for (Gauges gauges : Prometheus.scanGauges(result, finished, run)) {
            snapshots.add(snapshot(gauges));
        }
        return new MetricSnapshots(snapshots);
    }

    static GaugeSnapshot snapshot(Gauges gauges) {
        Gauges.Family family = gauges.family();
        GaugeSnapshot.Builder builder = GaugeSnapshot.builder().name(family.name()).help(family.help());
        for (Gauges.Sample sample : gauges.samples()) {
            Labels.Builder labels = Labels.builder();
            for (int i = 0; i < family.labelNames().size(); i++) {
                labels.label(family.labelNames().get(i), sample.labelValues().get(i));
            }
            builder.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(labels.build())
                    .value(sample.value()).build());
        }
        return builder.build();
    }
}
