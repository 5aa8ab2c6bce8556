package io.ranchersg.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Turns one run's figures into the results part of docs/benchmarks.md: one section per measurement. */
final class ReportWriter {

    /** Where the written part of docs/benchmarks.md starts; the text above it is kept. */
    static final String MARKER = "<!-- Everything below is written by scripts/benchmark.sh: run it again instead of"
            + " editing. -->";
    /** Around the fleet section, which {@code --fleet-only} replaces alone. */
    static final String FLEET_BEGIN = "<!-- BEGIN fleet scan -->";
    static final String FLEET_END = "<!-- END fleet scan -->";
    /** Around the serve section, which only {@code --serve-only} measures and replaces. */
    static final String SERVE_BEGIN = "<!-- BEGIN serve -->";
    static final String SERVE_END = "<!-- END serve -->";

    /**
     * Everything one run measured.
     *
     * @param options   how it was run
     * @param version   {@code rancher-sg --version}
     * @param started   when it started
     * @param finished  when it finished
     * @param calls     calls per operation
     * @param coldStart the cold check and --version, with and without the archive
     * @param awsCli    the cold check with a VPC id beside the AWS CLI, or null when not measured
     * @param fleet     creating the multi-region scan's groups
     * @param scans     the multi-region scan per pool size
     * @param growth    the one-region scan per number of groups
     * @param fleetScans the scan of a simulated fleet of accounts
     */
    record Results(Options options, String version, Instant started, Instant finished,
                   List<CallsPerOperation.Counted> calls, List<ColdStart.Result> coldStart,
                   AwsCliComparison.Result awsCli, Fleet.Creation fleet,
                   List<Scans.Scan> scans, List<Scans.Scan> growth, FleetScans.Results fleetScans) {
    }

    private ReportWriter() {
    }

    static String write(Results r) {
        Report report = new Report();
        report.heading(2, "Results");
        Duration took = Duration.between(r.started(), r.finished());
        report.table(List.of("", ""), List.of(
                List.of("Date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(r.started().atOffset(ZoneOffset.UTC)
                        .toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)) + " UTC"),
                List.of("Command", "`" + r.options().command() + "`, " + took.toMinutes() + " min "
                        + took.toSecondsPart() + " s"),
                List.of("Machine", Runtime.getRuntime().availableProcessors() + " CPUs, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch")),
                List.of("Java", System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version")),
                List.of("rancher-sg", r.version() + (r.options().revision() == null ? ""
                        : ", built from " + r.options().revision()))));
        report.paragraph("Times are wall times from start to exit: medians (nearest rank) with the range of the"
                + " runs, after one warm-up run. LocalStack runs on the same cores as the CLI, so every wall time"
                + " includes the emulator's own work. Call counts do not depend on the machine.");

        report.heading(3, "EC2 calls per operation");
        List<List<String>> rows = new ArrayList<>();
        int atMinimum = 0;
        for (CallsPerOperation.Counted c : r.calls()) {
            Operation op = c.operation();
            rows.add(List.of(op.label(), Format.calls(c.calls()), op.minimum() + ": " + op.minimumReason()));
            atMinimum += c.total() <= op.minimum() ? 1 : 0;
        }
        report.table(List.of("Operation", "rancher-sg, measured (`Outcome.apiCalls()`)", "Fewest possible"), rows);
        report.paragraph("At the minimum in " + atMinimum + " of " + r.calls().size() + " operations; every extra"
                + " call should be a `DescribeVpcs` (the default VPC, or the VPC's IPv6 block before a create).");

        report.heading(3, "Cold `rancher-sg check`");
        report.paragraph("`bin/rancher-sg check --output json` as a new process, on an in-sync group in its region's"
                + " default VPC, " + r.options().runs() + " runs per set-up, interleaved; `--version` is JVM start-up"
                + " plus the command line's own set-up.");
        rows = new ArrayList<>();
        for (ColdStart.Result c : r.coldStart()) {
            rows.add(List.of(c.variant().name(), Format.secondsRange(c.check()), Format.secondsRange(c.version())));
        }
        report.table(List.of("Set-up", "check", "--version"), rows);
        if (r.coldStart().size() == 2) {
            double without = r.coldStart().get(0).check().median();
            double with = r.coldStart().get(1).check().median();
            report.paragraph(String.format(Locale.ROOT, "The archives take a check from %s to %s (%.0f %% less).",
                    Format.seconds(without), Format.seconds(with), 100 * (without - with) / without));
        }

        if (r.awsCli() != null) {
            besideAwsCli(report, r.awsCli());
        }

        report.heading(3, "Scan of " + r.options().groups() + " groups across " + Benchmark.SCAN_REGIONS.size()
                + " regions");
        report.paragraph("`bin/rancher-sg scan --regions " + String.join(",", Benchmark.SCAN_REGIONS)
                + " --parallelism P --output json`, " + r.options().scanRuns() + " run(s) per pool size. Creating the"
                + " groups through `Reconciler.ensure` (" + Benchmark.CREATION_THREADS + " at a time): "
                + r.fleet().created() + " created, " + r.fleet().existing() + " already there, "
                + Format.seconds(r.fleet().seconds()) + ", " + r.fleet().calls() + " EC2 calls.");
        report.table(List.of("--parallelism", "wall", "groups", "EC2 calls (`api_calls`)"), scanRows(r.scans(), true));

        report.heading(3, "Scan of one region as it fills");
        report.paragraph("`bin/rancher-sg scan --regions " + Benchmark.GROWTH_REGION + " --output json` after each"
                + " step of filling the region with `rancher-nodes` groups.");
        report.table(List.of("groups", "wall", "EC2 calls (`api_calls`)"), scanRows(r.growth(), false));
        return report.render() + "\n" + fleetSection(r.options(), r.fleetScans(), null);
    }

    /** The fleet section alone, for {@code --fleet-only}: it says when and how it was measured. */
    static String fleet(Options options, FleetScans.Results fleet, Instant started, Instant finished) {
        Duration took = Duration.between(started, finished);
        return fleetSection(options, fleet, "Measured on " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                started.atOffset(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)) + " UTC by `"
                + options.command() + "` (" + took.toMinutes() + " min " + took.toSecondsPart() + " s), "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.runtime.version")
                + (options.revision() == null ? "" : ", rancher-sg built from " + options.revision()) + ".");
    }

    /** The serve section, for {@code --serve-only}: it says when and how it was measured, and the targets. */
    static String serve(Options options, ServeBench.Results r, Instant started, Instant finished) {
        Duration took = Duration.between(started, finished);
        Report report = new Report();
        report.paragraph(SERVE_BEGIN);
        report.heading(3, "serve: event to repaired, passes, memory and idle CPU");
        report.paragraph("Measured on " + DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                started.atOffset(ZoneOffset.UTC).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)) + " UTC by `"
                + options.command() + "` (" + took.toMinutes() + " min " + took.toSecondsPart() + " s), "
                + Runtime.getRuntime().availableProcessors() + " CPUs, Java " + System.getProperty("java.runtime.version")
                + (options.revision() == null ? "" : ", rancher-sg built from " + options.revision()) + ".");
        report.paragraph("Event to repaired: `bin/rancher-sg serve --regions " + ServeBench.EVENTS_REGION
                + " --interval 1h --repair --events-queue URL`; " + r.events() + " times, a CIDR rule of another of "
                + r.events() + " groups is revoked, the CloudTrail-shaped event is sent to the SQS queue, and the"
                + " group is read back every 25 ms until the rule is there (from SendMessage to the read that finds"
                + " it; EventBridge's and CloudTrail's own delays are not in it). Passes and memory: `bin/rancher-sg"
                + " serve --regions " + String.join(",", r.regions()) + " --interval 1s` over " + r.groups()
                + " groups (" + r.groups() / r.regions().size() + " per region), the pass time as serve logs it, the"
                + " resident set from /proc after each pass (the largest of " + ServeBench.RSS_WINDOW + " passes in a"
                + " row), with the launcher's default JVM options for serve. Idle CPU: the first process's CPU time over "
                + ServeBench.IDLE_WINDOW.toSeconds() + " s between two passes, while it long-polls the queue.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("event to repaired, p50", r.latencyPercentile(50) + " ms", "", ""));
        rows.add(List.of("event to repaired, p99", r.latencyPercentile(99) + " ms", "≤ 2 s",
                r.latencyPercentile(99) <= 2000 ? "met" : "missed"));
        rows.add(List.of("pass over " + r.groups() + " groups in " + r.regions().size() + " regions, p50",
                r.passPercentile(50) + " ms", "", ""));
        rows.add(List.of("pass over " + r.groups() + " groups in " + r.regions().size() + " regions, p90",
                r.passPercentile(90) + " ms", "", ""));
        for (int i = 0; i < r.rssAfter().size(); i++) {
            long mib = r.rssKiB().get(i) / 1024;
            int from = r.rssAfter().get(i);
            rows.add(List.of("resident set, passes " + from + " to " + (from + ServeBench.RSS_WINDOW - 1)
                    + " (largest)", mib + " MiB", "≤ 200 MiB",
                    mib <= 200 ? "met" : "missed"));
        }
        if (r.rssKiB().size() > 1) {
            long growth = (r.rssKiB().get(r.rssKiB().size() - 1) - r.rssKiB().get(0)) / 1024;
            rows.add(List.of("growth from pass " + r.rssAfter().get(0) + " to pass "
                    + r.rssAfter().get(r.rssAfter().size() - 1), growth + " MiB", "< 10 MiB",
                    growth < 10 ? "met" : "missed"));
        }
        rows.add(List.of("CPU between passes", ServeBench.percent(r.idleCpu()), "< 1 %",
                r.idleCpu() < 0.01 ? "met" : "missed"));
        report.table(List.of("what", "measured", "target", ""), rows);
        report.paragraph(SERVE_END);
        return report.render();
    }

    private static String fleetSection(Options options, FleetScans.Results f, String measured) {
        Report report = new Report();
        report.paragraph(FLEET_BEGIN);
        report.heading(3, "Fleet scan: " + f.accounts() + " accounts x " + f.regions().size() + " regions, "
                + f.latency().toMillis() + " ms per call");
        if (measured != null) {
            report.paragraph(measured);
        }
        report.paragraph("`bin/rancher-sg scan --accounts FILE --parallelism P --output json` over " + f.accounts()
                + " accounts, each reached through STS AssumeRole on LocalStack and scanned in "
                + String.join(", ", f.regions()) + " (" + f.accountRegions() + " account-regions, " + f.groups()
                + " groups in each), through a proxy that holds every call, STS's and EC2's, for "
                + f.latency().toMillis() + " ms before forwarding it, as a far region would; "
                + options.scanRuns() + " run(s) per pool size after a warm-up run. Calls per account-region: "
                + String.format(Locale.ROOT, "%.2f", f.callsPerAccountRegion()) + " (one DescribeSecurityGroups,"
                + " and one AssumeRole per account of " + f.regions().size() + " regions). Ideal: ceil("
                + f.accountRegions() + " / P) x " + f.latency().toMillis() + " ms x calls per account-region; the"
                + " wall time adds the JVM's start and the scan's own work (see the cold check above). Floor: the"
                + " same calls, in the same order on a pool of the same size, made from the running benchmark by a"
                + " client that does nothing else (no SDK, no signing, no checks), through the same proxy to the"
                + " same LocalStack, median of as many runs: what a scan cannot go under on this machine, since"
                + " LocalStack serves one call at a time; wall - floor is what rancher-sg adds, its JVM's start"
                + " included. CPU is the CLI process's user plus system time, peak memory its largest resident set"
                + " (GNU time).");
        List<List<String>> rows = new ArrayList<>();
        for (FleetScans.Scan s : f.scans()) {
            rows.add(List.of(Integer.toString(s.parallelism()), Format.secondsRange(s.wall()),
                    Format.seconds(s.idealSeconds()), Format.seconds(s.wall().median() - s.idealSeconds()),
                    String.format(Locale.ROOT, "%.2f×", s.wall().median() / s.idealSeconds()),
                    Format.secondsRange(s.floor()), Format.seconds(s.wall().median() - s.floor().median()),
                    Format.secondsRange(s.cpu()),
                    s.peakKilobytes() < 0 ? "not measured" : (s.peakKilobytes() / 1024) + " MiB",
                    Integer.toString(s.groups()), Format.calls(s.calls())));
        }
        report.table(List.of("--parallelism", "wall", "ideal", "wall - ideal", "wall ÷ ideal", "floor",
                "wall - floor", "CPU", "peak memory",
                "groups",
                "calls (`api_calls`)"), rows);
        report.paragraph(FLEET_END);
        return report.render();
    }

    private static void besideAwsCli(Report report, AwsCliComparison.Result c) {
        report.heading(3, "Cold check beside the AWS CLI");
        report.paragraph("`bin/rancher-sg check --vpc-id VPC` (as shipped, text output) and `aws ec2"
                + " describe-security-groups --filters Name=group-name,Values=rancher-nodes Name=vpc-id,Values=VPC`"
                + " (" + c.awsCli() + ") on the same in-sync group, " + c.rancherSg().size() + " runs each after one"
                + " warm-up, in turn, the order swapped every round. The AWS CLI only reads; rancher-sg reads, diffs,"
                + " checks findings and reports, in one EC2 call. CPU is user plus system time and peak memory the"
                + " peak resident set, both from GNU time. Medians, with the range of the runs; a ratio is"
                + " rancher-sg's figure over the AWS CLI's in the same round, and its median is given.");
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("rancher-sg", Format.secondsRange(AwsCliComparison.Result.of(c.rancherSg(),
                        AwsCliComparison.Run::wallSeconds)),
                Format.secondsRange(AwsCliComparison.Result.of(c.rancherSg(), AwsCliComparison.Run::cpuSeconds)),
                Format.mebibytesRange(AwsCliComparison.Result.of(c.rancherSg(), AwsCliComparison.Run::peakMiB))));
        rows.add(List.of("AWS CLI", Format.secondsRange(AwsCliComparison.Result.of(c.aws(),
                        AwsCliComparison.Run::wallSeconds)),
                Format.secondsRange(AwsCliComparison.Result.of(c.aws(), AwsCliComparison.Run::cpuSeconds)),
                Format.mebibytesRange(AwsCliComparison.Result.of(c.aws(), AwsCliComparison.Run::peakMiB))));
        rows.add(List.of("rancher-sg ÷ AWS CLI", Format.ratioRange(c.ratio(AwsCliComparison.Run::wallSeconds)),
                Format.ratioRange(c.ratio(AwsCliComparison.Run::cpuSeconds)),
                Format.ratioRange(c.ratio(AwsCliComparison.Run::peakMiB))));
        rows.add(List.of("goal", String.format(Locale.ROOT, "at most %.1f×", AwsCliComparison.WALL_GOAL),
                String.format(Locale.ROOT, "at most %.1f×", AwsCliComparison.CPU_GOAL),
                String.format(Locale.ROOT, "at most %.0f MiB", AwsCliComparison.PEAK_GOAL_MIB)));
        report.table(List.of("", "wall", "CPU", "peak memory"), rows);
        List<String> missed = c.missed();
        String load = c.load().before() < 0 ? "unknown"
                : String.format(Locale.ROOT, "%.2f at the start and %.2f at the end, on %d CPUs", c.load().before(),
                        c.load().after(), Runtime.getRuntime().availableProcessors());
        report.paragraph((missed.isEmpty() ? "The goal is met." : "The goal is missed for " + String.join(", ", missed)
                + ".") + " Load average over one minute (other work on the machine included): " + load + ".");
    }

    private static List<List<String>> scanRows(List<Scans.Scan> scans, boolean byPool) {
        List<List<String>> rows = new ArrayList<>();
        for (Scans.Scan s : scans) {
            List<String> row = new ArrayList<>();
            if (byPool) {
                row.add(Integer.toString(s.parallelism()));
            }
            row.add(byPool ? Format.secondsRange(s.wall()) : Integer.toString(s.groups()));
            row.add(byPool ? Integer.toString(s.groups()) : Format.secondsRange(s.wall()));
            row.add(Format.calls(s.calls()));
            rows.add(row);
        }
        return rows;
    }
}
