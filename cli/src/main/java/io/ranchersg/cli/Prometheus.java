package io.ranchersg.cli;

import io.ranchersg.aws.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * Drift gauges in the Prometheus text format, for node_exporter's textfile collector. One series
 * per group, labelled {@code region}, {@code vpc_id}, {@code group_id} (empty when the group does
 * not exist), {@code group_name} and {@code profile}; plus whether the check ran at all and when.
 */
final class Prometheus {

    private Prometheus() {
    }

    /** The gauges for a completed check or scan. */
    static String report(List<Outcome> outcomes, Instant at) {
        return report(outcomes, List.of(), Map.of(), at);
    }

    /**
     * The gauges of a scan: every group it checked, plus, when it was scanned, whether each region
     * was read ({@code rancher_sg_region_scan_success}) and which groups could not be checked
     * ({@code rancher_sg_group_check_success 0}). The check succeeded only when nothing failed.
     */
    static String report(List<Outcome> outcomes, List<Reports.ScanError> unchecked, Map<String, Boolean> regions,
                         Instant at) {
        StringBuilder out = new StringBuilder();
        gauge(out, "rancher_sg_group_in_sync", "Whether the security group exists and matches its profile (1) or not (0).",
                outcomes, o -> o.inSync() ? 1 : 0);
        gauge(out, "rancher_sg_group_exists", "Whether the security group exists (1) or not (0).",
                outcomes, o -> o.exists() ? 1 : 0);
        gauge(out, "rancher_sg_group_missing_rules", "Rules the profile lists that the security group lacks.",
                outcomes, o -> o.drift().missing().size());
        gauge(out, "rancher_sg_group_extra_rules", "Rules the security group has that the profile does not list.",
                outcomes, o -> o.drift().extra().size());
        gauge(out, "rancher_sg_group_changed_rules", "Rules whose description differs from the profile's.",
                outcomes, o -> o.drift().changed().size());
        if (!unchecked.isEmpty()) {
            header(out, "rancher_sg_group_check_success",
                    "Whether the security group could be checked (0: its rancher-sg tags cannot be read back).");
            for (Reports.ScanError error : unchecked) {
                out.append("rancher_sg_group_check_success{region=\"").append(escape(error.region()))
                        .append("\",group_id=\"").append(escape(error.groupId()))
                        .append("\",group_name=\"").append(escape(error.groupName())).append("\"} 0\n");
            }
        }
        if (!regions.isEmpty()) {
            header(out, "rancher_sg_region_scan_success", "Whether the region could be read (1) or not (0).");
            regions.forEach((region, read) -> out.append("rancher_sg_region_scan_success{region=\"")
                    .append(escape(region)).append("\"} ").append(read ? 1 : 0).append('\n'));
        }
        run(out, unchecked.isEmpty() && !regions.containsValue(false), at);
        return out.toString();
    }

    /** What a check that failed as a whole leaves: no group series (they would be stale), success 0 and the time. */
    static String failure(Instant at) {
        StringBuilder out = new StringBuilder();
        run(out, false, at);
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, List<Outcome> outcomes,
                              ToIntFunction<Outcome> value) {
        header(out, name, help);
        for (Outcome o : outcomes) {
            out.append(name).append('{')
                    .append("region=\"").append(escape(o.region())).append("\",")
                    .append("vpc_id=\"").append(escape(o.vpcId())).append("\",")
                    .append("group_id=\"").append(escape(o.groupId())).append("\",")
                    .append("group_name=\"").append(escape(o.groupName())).append("\",")
                    .append("profile=\"").append(escape(o.profile())).append("\"} ")
                    .append(value.applyAsInt(o)).append('\n');
        }
    }

    private static void run(StringBuilder out, boolean success, Instant at) {
        header(out, "rancher_sg_check_success", "Whether the last rancher-sg check read all it was asked to check (1) or not (0).");
        out.append("rancher_sg_check_success ").append(success ? 1 : 0).append('\n');
        header(out, "rancher_sg_check_timestamp_seconds", "When the last rancher-sg check ran, in seconds since the epoch.");
        out.append("rancher_sg_check_timestamp_seconds ")
                .append(String.format(Locale.ROOT, "%.3f", at.toEpochMilli() / 1000.0)).append('\n');
    }

    private static void header(StringBuilder out, String name, String help) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" gauge\n");
    }

    /** Label values escape backslash, double quote and line feed, as the text format requires. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
