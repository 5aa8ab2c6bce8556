package io.ranchersg.cli.serve;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.ScanResult;
import java.util.Map;
import java.util.TreeMap;

/**
 * The groups of the last pass as series, read at each scrape from {@link PassState}: whether each
 * is in sync, and per group, severity and code the rules with that finding
 * ({@code rancher_sg_findings}, as in the textfile). The group labels are those of the textfile:
 * {@code account}, {@code region}, {@code vpc_id}, {@code group_id}, {@code group_name}, and
 * {@code managed_by} (rancher-sg, rancher-node-driver, vpc-default), so that one alert rule serves
 * both.
 */
final class PassCollector implements MultiCollector {

    private final PassState state;

    PassCollector(PassState state) {
        this.state = state;
    }

    @Override
    public MetricSnapshots collect() {
        GaugeSnapshot.Builder inSync = GaugeSnapshot.builder().name("rancher_sg_group_in_sync")
                .help("Whether the security group exists and matches its profile (1) or not (0).");
        GaugeSnapshot.Builder findings = GaugeSnapshot.builder().name("rancher_sg_findings")
                .help("Rules of the security group with this finding (effective exposure: rules that open a port"
                        + " together count once).");
        ScanResult result = state.result().orElse(null);
        if (result != null) {
            for (ScanResult.Entry entry : result.entries()) {
                for (GroupCheck.Checked checked : entry.checked()) {
                    Outcome o = checked.outcome();
                    String account = o.location().account() != null ? o.location().account()
                            : entry.target().accountId();
                    Labels group = Labels.of("account", nonNull(account), "region", o.region(),
                            "vpc_id", nonNull(o.vpcId()), "group_id", nonNull(o.groupId()),
                            "group_name", nonNull(o.groupName()), "managed_by", checked.madeBy().label());
                    inSync.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(group)
                            .value(o.inSync() ? 1 : 0).build());
                    Map<String, Integer> counts = new TreeMap<>();
                    o.findings().forEach(f -> counts.merge(f.severity().jsonName() + "\u0000" + f.code(), 1,
                            Integer::sum));
                    counts.forEach((key, count) -> {
                        String[] parts = key.split("\u0000", 2);
                        findings.dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder()
                                .labels(group.merge(Labels.of("severity", parts[0], "code", parts[1])))
                                .value(count).build());
                    });
                }
            }
        }
        return MetricSnapshots.of(inSync.build(), findings.build());
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
