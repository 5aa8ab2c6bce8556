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
import java.util.function.ToDoubleFunction;

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
 * <p>The families of every check are defined here, once ({@link Gauges.Family}), and their samples
 * computed here, so that their names and labels stay alike: the check views ({@link GroupView#check},
 * {@link StackView#check}, {@link ScanView}) give their gauges through this class, and serve's
 * {@code /metrics} exposes those of {@link #scanGauges} for its last pass.
 */
public final class Prometheus {

    /** {@code managed_by} of a group nobody claims (a checked group without rancher-sg's tags, or absent). */
    static final String UNMANAGED = "unmanaged";

    /** The labels that name one group, on every per-group family. */
    public static final List<String> GROUP_LABELS = List.of("account", "account_name", "region", "vpc_id",
            "group_id", "group_name", "profile", "managed_by");

    /** Whether the group exists and matches its profile. */
    public static final Gauges.Family IN_SYNC = group("rancher_sg_group_in_sync",
            "Whether the security group exists and matches its profile (1) or not (0).");
    /** Whether the group exists. */
    public static final Gauges.Family EXISTS = group("rancher_sg_group_exists",
            "Whether the security group exists (1) or not (0).");
    /** Rules the group lacks. */
    public static final Gauges.Family MISSING_RULES = group("rancher_sg_group_missing_rules",
            "Rules the profile lists that the security group lacks.");
    /** Rules the profile does not list. */
    public static final Gauges.Family EXTRA_RULES = group("rancher_sg_group_extra_rules",
            "Rules the security group has that the profile does not list.");
    /** Rules described otherwise. */
    public static final Gauges.Family CHANGED_RULES = group("rancher_sg_group_changed_rules",
            "Rules whose description differs from the profile's.");
    /** Rules with a finding, per severity and code. */
    public static final Gauges.Family FINDINGS = group("rancher_sg_findings", "Rules of the security group with this"
            + " finding (effective exposure: rules that open a port together count once).")
            .with(List.of("severity", "code"));
    /** Requirements a verified group's rules do not wholly cover. */
    public static final Gauges.Family REQUIREMENTS_UNCOVERED = group("rancher_sg_requirements_uncovered",
            "Requirements of the profile the security group's rules do not wholly cover (0: Rancher's traffic is"
                    + " allowed).");
    /** A group of rancher-sg a scan could not check. */
    public static final Gauges.Family GROUP_CHECK_SUCCESS = new Gauges.Family("rancher_sg_group_check_success",
            "Whether the security group could be checked (0: its rancher-sg tags cannot be read back).",
            List.of("account", "account_name", "region", "group_id", "group_name", "managed_by"), false);
    /** Whether a scan reached an account. */
    public static final Gauges.Family ACCOUNT_SCAN_SUCCESS = new Gauges.Family("rancher_sg_account_scan_success",
            "Whether the account could be reached: its role assumed, its regions listed (1) or not (0).",
            List.of("account", "account_name"), false);
    /** Whether a scan read a region. */
    public static final Gauges.Family REGION_SCAN_SUCCESS = new Gauges.Family("rancher_sg_region_scan_success",
            "Whether the region could be read (1) or not (0).", List.of("account", "account_name", "region"), false);

    private Prometheus() {
    }

    private static Gauges.Family group(String name, String help) {
        return new Gauges.Family(name, help, GROUP_LABELS, false);
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

        /** {@return the labels given, in order} */
        public List<String> names() {
            List<String> names = new ArrayList<>();
            if (accountsFile != null) {
                names.add("accounts_file");
            }
            if (shard != null) {
                names.add("shard");
            }
            return names;
        }

        /** {@return their values, in the order of {@link #names()}} */
        public List<String> values() {
            List<String> values = new ArrayList<>();
            if (accountsFile != null) {
                values.add(accountsFile);
            }
            if (shard != null) {
                values.add(shard);
            }
            return values;
        }

        /** {@return whether the last check read all it was asked to, labelled by these} */
        public Gauges.Family checkSuccess() {
            return new Gauges.Family("rancher_sg_check_success",
                    "Whether the last rancher-sg check read all it was asked to check (1) or not (0).", names(), false);
        }

        /** {@return when the last check ran, labelled by these} */
        public Gauges.Family checkTimestamp() {
            return new Gauges.Family("rancher_sg_check_timestamp_seconds",
                    "When the last rancher-sg check ran, in seconds since the epoch.", names(), true);
        }
    }

    /** The gauges for a completed check. */
    static String report(List<Outcome> outcomes, Instant at, RunLabels labels) {
        List<Gauges> gauges = new ArrayList<>(groups(outcomes.stream().map(o -> new Named(o, null,
                o.managed() ? GroupView.MANAGED_BY_RANCHER_SG : UNMANAGED)).toList()));
        gauges.addAll(run(true, at, labels));
        return text(gauges);
    }

    /**
     * The gauges of a scan: every group it checked, whether each account was reached
     * ({@code rancher_sg_account_scan_success}, for the accounts of an accounts file or a role) and
     * each region read ({@code rancher_sg_region_scan_success}), and which groups could not be
     * checked ({@code rancher_sg_group_check_success 0}). The check succeeded only when nothing failed.
     */
    static String scan(ScanResult result, Instant at, RunLabels run) {
        return text(scanGauges(result, at, run));
    }

    /**
     * The gauge families of a scan, with their samples: what {@link #scan} writes, and what serve
     * exposes for its last pass. A family without samples is left out, but for the per-group ones.
     *
     * @param result the scan
     * @param at     when it finished
     * @param run    the run's labels
     * @return the families, in the order the textfile holds them
     */
    public static List<Gauges> scanGauges(ScanResult result, Instant at, RunLabels run) {
        List<Named> named = new ArrayList<>();
        for (ScanResult.Entry entry : result.entries()) {
            entry.checked().forEach(c -> named.add(new Named(c.outcome(), entry.target(), c.madeBy().label())));
        }
        List<Gauges> gauges = new ArrayList<>(groups(named));
        List<Gauges.Sample> unchecked = new ArrayList<>();
        for (ScanResult.Entry entry : result.entries()) {
            for (GroupCheck.Unchecked group : entry.unchecked()) {
                // Only rancher-sg's groups can be left unchecked (unreadable tags, missing peers).
                unchecked.add(new Gauges.Sample(List.of(nonNull(entry.target().accountId()),
                        nonNull(entry.target().accountName()), entry.target().region(), nonNull(group.groupId()),
                        nonNull(group.groupName()), GroupView.MANAGED_BY_RANCHER_SG), 0));
            }
        }
        optional(gauges, GROUP_CHECK_SUCCESS, unchecked);
        Map<List<String>, Double> accounts = new LinkedHashMap<>();
        for (ScanTarget target : result.targets()) {
            if (target.accountId() != null) {
                accounts.putIfAbsent(List.of(target.accountId(), nonNull(target.accountName())), 1.0);
            }
        }
        for (ScanResult.AccountFailure failure : result.failedAccounts()) {
            accounts.put(List.of(nonNull(failure.account().id()), nonNull(failure.account().name())), 0.0);
        }
        optional(gauges, ACCOUNT_SCAN_SUCCESS, accounts.entrySet().stream()
                .map(e -> new Gauges.Sample(e.getKey(), e.getValue())).toList());
        optional(gauges, REGION_SCAN_SUCCESS, result.entries().stream().map(e -> new Gauges.Sample(List.of(
                nonNull(e.target().accountId()), nonNull(e.target().accountName()), e.target().region()),
                e.failed().isPresent() ? 0 : 1)).toList());
        gauges.addAll(run(result.complete(), at, run));
        return gauges;
    }

    /**
     * The gauges of a verification: per group, the requirements its rules do not wholly cover
     * ({@code rancher_sg_requirements_uncovered}; all of them for a group that does not exist), whether
     * it exists, and its findings.
     */
    static String verify(List<Verification> groups, Instant at, RunLabels run) {
        List<List<String>> labels = groups.stream()
                .map(v -> labels(v.location(), null, v.profile(), managedBy(v))).toList();
        List<Gauges> gauges = new ArrayList<>();
        List<Gauges.Sample> uncovered = new ArrayList<>();
        List<Gauges.Sample> exists = new ArrayList<>();
        List<Map.Entry<List<String>, List<Finding>>> findings = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) {
            uncovered.add(new Gauges.Sample(labels.get(i), groups.get(i).uncovered()));
            exists.add(new Gauges.Sample(labels.get(i), groups.get(i).exists() ? 1 : 0));
            findings.add(Map.entry(labels.get(i), groups.get(i).coverage().findings()));
        }
        gauges.add(new Gauges(REQUIREMENTS_UNCOVERED, uncovered));
        gauges.add(new Gauges(EXISTS, exists));
        optional(gauges, FINDINGS, findingSamples(findings));
        gauges.addAll(run(true, at, run));
        return text(gauges);
    }

    /** Who made a verified group, as the {@code managed_by} label says it. */
    private static String managedBy(Verification v) {
        return v.managed() ? GroupView.MANAGED_BY_RANCHER_SG : v.driverMade() ? "rancher-node-driver" : UNMANAGED;
    }

    /** What a check that failed as a whole leaves: no group series (they would be stale), success 0 and the time. */
    public static String failure(Instant at, RunLabels labels) {
        return text(run(false, at, labels));
    }

    private static List<Gauges> groups(List<Named> groups) {
        List<Gauges> gauges = new ArrayList<>();
        gauges.add(gauge(IN_SYNC, groups, o -> o.inSync() ? 1 : 0));
        gauges.add(gauge(EXISTS, groups, o -> o.exists() ? 1 : 0));
        gauges.add(gauge(MISSING_RULES, groups, o -> o.drift().missing().size()));
        gauges.add(gauge(EXTRA_RULES, groups, o -> o.drift().extra().size()));
        gauges.add(gauge(CHANGED_RULES, groups, o -> o.drift().changed().size()));
        // rancher_sg_findings: for alerting on, say, severity="critical". Groups without findings have no series.
        optional(gauges, FINDINGS, findingSamples(groups.stream()
                .map(g -> Map.entry(labels(g), g.outcome().findings())).toList()));
        return gauges;
    }

    /** {@code rancher_sg_findings} of groups given by their labels, in order: per severity and code, the rules. */
    private static List<Gauges.Sample> findingSamples(List<Map.Entry<List<String>, List<Finding>>> byGroup) {
        List<Gauges.Sample> samples = new ArrayList<>();
        for (Map.Entry<List<String>, List<Finding>> group : byGroup) {
            Map<List<String>, Integer> counts = new TreeMap<>((a, b) -> String.join("\u0000", a)
                    .compareTo(String.join("\u0000", b)));
            group.getValue().forEach(f -> counts.merge(List.of(f.severity().jsonName(), f.code()), 1, Integer::sum));
            counts.forEach((labels, count) -> {
                List<String> values = new ArrayList<>(group.getKey());
                values.addAll(labels);
                samples.add(new Gauges.Sample(values, count));
            });
        }
        return samples;
    }

    private static Gauges gauge(Gauges.Family family, List<Named> groups, ToDoubleFunction<Outcome> value) {
        return new Gauges(family, groups.stream()
                .map(g -> new Gauges.Sample(labels(g), value.applyAsDouble(g.outcome()))).toList());
    }

    private static void optional(List<Gauges> gauges, Gauges.Family family, List<Gauges.Sample> samples) {
        if (!samples.isEmpty()) {
            gauges.add(new Gauges(family, samples));
        }
    }

    /** The labels that name one group. */
    private static List<String> labels(Named group) {
        return labels(group.outcome().location(), group.target() == null ? null : group.target().accountName(),
                group.outcome().profile(), group.managedBy());
    }

    private static List<String> labels(Location where, String accountName, String profile, String managedBy) {
        return labels(where, where.account(), accountName, profile, managedBy);
    }

    private static List<String> labels(Location where, String account, String accountName, String profile,
                                       String managedBy) {
        return java.util.Arrays.asList(account, accountName, where.region(), where.vpcId(), where.groupId(),
                where.groupName(), profile, managedBy);
    }

    private static List<Gauges> run(boolean success, Instant at, RunLabels labels) {
        return List.of(new Gauges(labels.checkSuccess(), List.of(new Gauges.Sample(labels.values(), success ? 1 : 0))),
                new Gauges(labels.checkTimestamp(), List.of(new Gauges.Sample(labels.values(),
                        at.toEpochMilli() / 1000.0))));
    }

    /** The families in the text format, each with its HELP and TYPE. */
    static String text(List<Gauges> gauges) {
        StringBuilder out = new StringBuilder();
        for (Gauges g : gauges) {
            Gauges.Family family = g.family();
            out.append("# HELP ").append(family.name()).append(' ').append(family.help()).append('\n');
            out.append("# TYPE ").append(family.name()).append(" gauge\n");
            for (Gauges.Sample sample : g.samples()) {
                out.append(family.name());
                if (!family.labelNames().isEmpty()) {
                    out.append('{');
                    for (int i = 0; i < family.labelNames().size(); i++) {
                        out.append(i == 0 ? "" : ",").append(family.labelNames().get(i)).append("=\"")
                                .append(escape(sample.labelValues().get(i))).append('"');
                    }
                    out.append('}');
                }
                out.append(' ').append(family.seconds()
                        ? String.format(Locale.ROOT, "%.3f", sample.value())
                        : Long.toString((long) sample.value())).append('\n');
            }
        }
        return out.toString();
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }

    /** Label values escape backslash, double quote and line feed, as the text format requires. */
    static String escape(String value) {
        if (value == null) {
            return "";
        }
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** A group's outcome with where the scan read it (for the account's name, where a file gives one), and who made it. */
    private record Named(Outcome outcome, ScanTarget target, String managedBy) {
    }
}
