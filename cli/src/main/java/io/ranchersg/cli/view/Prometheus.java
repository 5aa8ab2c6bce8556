package io.ranchersg.cli.view;

import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Location;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.aws.Verification;
import io.ranchersg.core.Finding;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Drift gauges in the Prometheus text format, for node_exporter's textfile collector. One series
 * per group, labelled {@code account} (empty where the run did not need to know it),
 * {@code account_name} (from the accounts file), {@code region}, {@code vpc_id}, {@code group_id}
 * (empty when the group does not exist), {@code group_name}, {@code profile} and {@code managed_by}
 * (who made the group); a scan adds per account and region whether it was read; plus whether the
 * check ran at all and when, labelled by {@link RunLabels} (for a fleet scan, its accounts file and
 * shard). The textfiles of a fleet's shards hold disjoint series, so that together they are the
 * fleet's.
 *
 * <p>The series of every check are written here, in one place, so that their names and labels stay
 * alike: the check views ({@link GroupView#check}, {@link StackView#check}, {@link ScanView}) give
 * their gauges through this class.
 */
public final class Prometheus {

    /** {@code managed_by} of a group nobody claims (a checked group without rancher-sg's tags, or absent). */
    static final String UNMANAGED = "unmanaged";

    private Prometheus() {
    }

    /**
     * The labels of the run-level series ({@code rancher_sg_check_success},
     * {@code rancher_sg_check_timestamp_seconds}), so that the textfiles of several runs in one
     * directory hold different series: {@code accounts_file} (the accounts file's name, without its
     * directory) and {@code shard} ({@code I/N}); each left out when {@code null}.
     *
     * @param accountsFile the accounts file's name, or {@code null}
     * @param shard        the shard, {@code I/N}, or {@code null}
     */
    public record RunLabels(String accountsFile, String shard) {

        /** A run of no accounts file: the series have no labels. */
        public static final RunLabels NONE = new RunLabels(null, null);

        /** {@return {@code {accounts_file="..",shard=".."}}, or nothing without either} */
        String text() {
            List<String> labels = new ArrayList<>();
            if (accountsFile != null) {
                labels.add("accounts_file=\"" + escape(accountsFile) + "\"");
            }
            if (shard != null) {
                labels.add("shard=\"" + escape(shard) + "\"");
            }
            return labels.isEmpty() ? "" : "{" + String.join(",", labels) + "}";
        }
    }

    /** The gauges for a completed check. */
    static String report(List<Outcome> outcomes, Instant at, RunLabels labels) {
        StringBuilder out = new StringBuilder();
        groups(out, outcomes.stream().map(o -> new Named(o, null, o.managed() ? GroupView.MANAGED_BY_RANCHER_SG
                : UNMANAGED)).toList());
        run(out, true, at, labels);
        return out.toString();
    }

    /**
     * The gauges of a scan: every group it checked, whether each account was reached
     * ({@code rancher_sg_account_scan_success}, for the accounts of an accounts file or a role) and
     * each region read ({@code rancher_sg_region_scan_success}), and which groups could not be
     * checked ({@code rancher_sg_group_check_success 0}). The check succeeded only when nothing failed.
     */
    static String scan(ScanResult result, Instant at, RunLabels run) {
        StringBuilder out = new StringBuilder();
        List<Named> named = new ArrayList<>();
        for (ScanResult.Entry entry : result.entries()) {
            entry.checked().forEach(c -> named.add(new Named(c.outcome(), entry.target().accountName(),
                    c.madeBy().label())));
        }
        groups(out, named);
        List<String> unchecked = new ArrayList<>();
        for (ScanResult.Entry entry : result.entries()) {
            for (GroupCheck.Unchecked group : entry.unchecked()) {
                unchecked.add("rancher_sg_group_check_success{" + accountLabels(entry.target()) + ",region=\""
                        + escape(entry.target().region()) + "\",group_id=\"" + escape(group.groupId())
                        + "\",group_name=\"" + escape(group.groupName()) + "\",managed_by=\""
                        // Only rancher-sg's groups can be left unchecked (unreadable tags, missing peers).
                        + GroupView.MANAGED_BY_RANCHER_SG + "\"} 0\n");
            }
        }
        if (!unchecked.isEmpty()) {
            header(out, "rancher_sg_group_check_success",
                    "Whether the security group could be checked (0: its rancher-sg tags cannot be read back).");
            unchecked.forEach(out::append);
        }
        Map<String, String> accounts = new LinkedHashMap<>();
        for (ScanTarget target : result.targets()) {
            if (target.accountId() != null) {
                accounts.putIfAbsent(accountLabels(target), "1");
            }
        }
        for (ScanResult.AccountFailure failure : result.failedAccounts()) {
            accounts.put("account=\"" + escape(failure.account().id()) + "\",account_name=\""
                    + escape(failure.account().name()) + "\"", "0");
        }
        if (!accounts.isEmpty()) {
            header(out, "rancher_sg_account_scan_success",
                    "Whether the account could be reached: its role assumed, its regions listed (1) or not (0).");
            accounts.forEach((labels, value) -> out.append("rancher_sg_account_scan_success{").append(labels)
                    .append("} ").append(value).append('\n'));
        }
        if (!result.entries().isEmpty()) {
            header(out, "rancher_sg_region_scan_success", "Whether the region could be read (1) or not (0).");
            for (ScanResult.Entry entry : result.entries()) {
                out.append("rancher_sg_region_scan_success{").append(accountLabels(entry.target()))
                        .append(",region=\"").append(escape(entry.target().region())).append("\"} ")
                        .append(entry.failed().isPresent() ? 0 : 1).append('\n');
            }
        }
        run(out, result.complete(), at, run);
        return out.toString();
    }

    /**
     * The gauges of a verification: per group, the requirements its rules do not wholly cover
     * ({@code rancher_sg_requirements_uncovered}; all of them for a group that does not exist), whether
     * it exists, and its findings.
     */
    static String verify(List<Verification> groups, Instant at, RunLabels run) {
        StringBuilder out = new StringBuilder();
        List<String> labels = groups.stream().map(v -> labels(v.location(), null, v.profile(), managedBy(v))).toList();
        header(out, "rancher_sg_requirements_uncovered", "Requirements of the profile the security group's rules do"
                + " not wholly cover (0: Rancher's traffic is allowed).");
        for (int i = 0; i < groups.size(); i++) {
            out.append("rancher_sg_requirements_uncovered{").append(labels.get(i)).append("} ")
                    .append(groups.get(i).uncovered()).append('\n');
        }
        header(out, "rancher_sg_group_exists", "Whether the security group exists (1) or not (0).");
        for (int i = 0; i < groups.size(); i++) {
            out.append("rancher_sg_group_exists{").append(labels.get(i)).append("} ")
                    .append(groups.get(i).exists() ? 1 : 0).append('\n');
        }
        List<Map.Entry<String, List<Finding>>> findings = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            findings.add(Map.entry(labels.get(i), groups.get(i).coverage().findings()));
        }
        findingSeries(out, findings);
        run(out, true, at, run);
        return out.toString();
    }

    /** Who made a verified group, as the {@code managed_by} label says it. */
    private static String managedBy(Verification v) {
        return v.managed() ? GroupView.MANAGED_BY_RANCHER_SG : v.driverMade() ? "rancher-node-driver" : UNMANAGED;
    }

    /** What a check that failed as a whole leaves: no group series (they would be stale), success 0 and the time. */
    public static String failure(Instant at, RunLabels labels) {
        StringBuilder out = new StringBuilder();
        run(out, false, at, labels);
        return out.toString();
    }

    private static void groups(StringBuilder out, List<Named> groups) {
        gauge(out, "rancher_sg_group_in_sync", "Whether the security group exists and matches its profile (1) or not (0).",
                groups, o -> o.inSync() ? 1 : 0);
        gauge(out, "rancher_sg_group_exists", "Whether the security group exists (1) or not (0).",
                groups, o -> o.exists() ? 1 : 0);
        gauge(out, "rancher_sg_group_missing_rules", "Rules the profile lists that the security group lacks.",
                groups, o -> o.drift().missing().size());
        gauge(out, "rancher_sg_group_extra_rules", "Rules the security group has that the profile does not list.",
                groups, o -> o.drift().extra().size());
        gauge(out, "rancher_sg_group_changed_rules", "Rules whose description differs from the profile's.",
                groups, o -> o.drift().changed().size());
        findings(out, groups);
    }

    /**
     * {@code rancher_sg_findings}: per group, severity and code, the rules (or unions of rules) with
     * that finding, for alerting on, say, {@code severity="critical"}. Groups without findings have
     * no series.
     */
    private static void findings(StringBuilder out, List<Named> groups) {
        findingSeries(out, groups.stream().map(g -> Map.entry(labels(g), g.outcome().findings())).toList());
    }

    /** {@code rancher_sg_findings} of groups given by their labels, in order. */
    private static void findingSeries(StringBuilder out, List<Map.Entry<String, List<Finding>>> byGroup) {
        StringBuilder series = new StringBuilder();
        for (Map.Entry<String, List<Finding>> group : byGroup) {
            Map<String, Integer> counts = new TreeMap<>();
            group.getValue().forEach(f -> counts.merge("severity=\"" + f.severity().jsonName()
                    + "\",code=\"" + escape(f.code()) + "\"", 1, Integer::sum));
            counts.forEach((labels, count) -> series.append("rancher_sg_findings{").append(group.getKey())
                    .append(',').append(labels).append("} ").append(count).append('\n'));
        }
        if (!series.isEmpty()) {
            header(out, "rancher_sg_findings", "Rules of the security group with this finding (effective exposure:"
                    + " rules that open a port together count once).");
            out.append(series);
        }
    }

    private static void gauge(StringBuilder out, String name, String help, List<Named> groups,
                              ToIntFunction<Outcome> value) {
        header(out, name, help);
        for (Named group : groups) {
            out.append(name).append('{').append(labels(group)).append("} ")
                    .append(value.applyAsInt(group.outcome())).append('\n');
        }
    }

    /** The labels that name one group. */
    private static String labels(Named group) {
        return labels(group.outcome().location(), group.accountName(), group.outcome().profile(), group.managedBy());
    }

    private static String labels(Location where, String accountName, String profile, String managedBy) {
        return "account=\"" + escape(where.account()) + "\",account_name=\"" + escape(accountName)
                + "\",region=\"" + escape(where.region()) + "\",vpc_id=\"" + escape(where.vpcId()) + "\",group_id=\""
                + escape(where.groupId()) + "\",group_name=\"" + escape(where.groupName()) + "\",profile=\""
                + escape(profile) + "\",managed_by=\"" + escape(managedBy) + "\"";
    }

    private static String accountLabels(ScanTarget target) {
        return "account=\"" + escape(target.accountId()) + "\",account_name=\"" + escape(target.accountName()) + "\"";
    }

    private static void run(StringBuilder out, boolean success, Instant at, RunLabels labels) {
        header(out, "rancher_sg_check_success", "Whether the last rancher-sg check read all it was asked to check (1) or not (0).");
        out.append("rancher_sg_check_success").append(labels.text()).append(' ').append(success ? 1 : 0).append('\n');
        header(out, "rancher_sg_check_timestamp_seconds", "When the last rancher-sg check ran, in seconds since the epoch.");
        out.append("rancher_sg_check_timestamp_seconds").append(labels.text()).append(' ')
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

    /** A group's outcome with its account's name, where the accounts file gives one, and who made it. */
    private record Named(Outcome outcome, String accountName, String managedBy) {
    }
}
