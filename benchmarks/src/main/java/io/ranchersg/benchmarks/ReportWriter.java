package io.ranchersg.benchmarks;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns {@link Results} into docs/benchmarks.md: the set-up, then one section per measurement with notes. */
final class ReportWriter {

    private ReportWriter() {
    }

    static String write(Results results) {
        Report report = new Report();
        report.heading(1, "rancher-sg benchmarks");
        report.paragraph("Written by `scripts/benchmark.sh` (`io.ranchersg.benchmarks.Benchmark` in `benchmarks/`);"
                + " do not edit by hand, run it again. Speed and API-call budgets are measured here, not in timed"
                + " tests.");
        setUp(report, results);
        calls(report, results);
        coldStart(report, results);
        scans(report, results);
        growth(report, results);
        report.heading(2, "Reproduce");
        report.code("scripts/benchmark.sh            # 1,000 groups; 10 runs per cold-start set-up, 3 per scan\n"
                + "scripts/benchmark.sh --quick    # 100 groups; 3 runs per set-up, 1 per scan");
        report.paragraph("The script builds the CLI and the benchmark, starts its own LocalStack (stopped on exit) and"
                + " runs `io.ranchersg.benchmarks.Benchmark`; other options (`--groups`, `--runs`, `--scan-runs`,"
                + " `--parallelism`, `--out`) pass through to it.");
        return report.render();
    }

    private static void setUp(Report report, Results r) {
        Machine m = r.machine();
        report.heading(2, "Set-up");
        report.table(List.of("", ""), List.of(
                List.of("Date", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(r.started().atOffset(ZoneOffset.UTC)
                        .toLocalDateTime().truncatedTo(ChronoUnit.SECONDS)) + " UTC"),
                List.of("Command", "`" + r.options().command() + "`, " + duration(r.duration())),
                List.of("Machine", m.cpus() + " CPUs (" + m.cpuModel() + "), " + m.memory() + " memory, " + m.os()),
                List.of("Java", m.java()),
                List.of("LocalStack", m.localstack() + ", EC2 only, on the same machine"),
                List.of("rancher-sg", r.version() + (r.options().revision() == null ? "" : ", built from "
                        + r.options().revision()) + "; bin/rancher-sg running a copy of cli/target/rancher-sg.jar taken"
                        + " right after the build (`RANCHER_SG_JAR`)"),
                List.of("Process figures", "wall time from start to exit, measured by the benchmark; CPU time and peak"
                        + " RSS by " + r.method().description())));
        report.paragraph("Times are medians (nearest rank: of an even count, the lower middle value) with the range"
                + " (min–max) of the runs, after one warm-up run unless a section says otherwise."
                + " LocalStack runs on the same " + m.cpus() + " cores as the CLI, so every wall time includes the"
                + " emulator's own work competing for them; real EC2 does its share elsewhere, behind network latency."
                + " Call counts do not depend on the machine.");
    }

    // ---------------------------------------------------------------- calls

    private static void calls(Report report, Results r) {
        report.heading(2, "EC2 calls per operation");
        report.paragraph("rancher-sg's column is measured through the Java API (`Outcome.apiCalls()`, the SDK"
                + " interceptor's count of operations, retries not included) on the `rancher-nodes` profile. The"
                + " alternatives' columns are described, not measured: counted from their source code, for the same"
                + " group.");
        List<List<String>> rows = new ArrayList<>();
        for (CallsPerOperation.Counted c : r.calls()) {
            Operation op = c.operation();
            rows.add(List.of(op.label(), Format.calls(c.calls()), op.minimum() + ": " + op.minimumReason(),
                    op.nodeDriver(), op.terraform()));
        }
        report.table(List.of("Operation", "rancher-sg, measured", "Physical minimum",
                "Rancher node driver (described, not measured)",
                "Terraform `aws_security_group` (described, not measured)"),
                rows);

        int atMinimum = 0;
        boolean extrasAreVpcReads = true;
        List<String> above = new ArrayList<>();
        boolean writesMinimal = true;
        for (CallsPerOperation.Counted c : r.calls()) {
            if (c.total() <= c.operation().minimum()) {
                atMinimum++;
            } else {
                above.add(c.operation().label() + " (" + c.total() + " vs " + c.operation().minimum() + ")");
                extrasAreVpcReads &= c.calls().getOrDefault("DescribeVpcs", 0) >= c.total() - c.operation().minimum();
            }
            int writes = c.calls().entrySet().stream().filter(e -> !e.getKey().startsWith("Describe"))
                    .mapToInt(Map.Entry::getValue).sum();
            int minimumWrites = c.operation() == Operation.SCAN_REGION || c.operation().name().startsWith("CHECK")
                    || c.operation().name().startsWith("NOOP") ? 0 : c.operation().minimum() - 1;
            writesMinimal &= writes <= minimumWrites;
        }
        List<String> notes = new ArrayList<>();
        notes.add("What this shows: rancher-sg makes the fewest calls possible in " + atMinimum + " of "
                + r.calls().size() + " operations" + (above.isEmpty() ? "." : "; above the minimum: "
                + String.join(", ", above) + "." + (extrasAreVpcReads ? " Each extra call is a `DescribeVpcs`:"
                + " without a VPC id it finds the default VPC (the group is then looked up by name and VPC id, where"
                + " `GroupNames` would find a default-VPC group in one call), and before a create it refuses an"
                + " unknown VPC id and learns whether the VPC has an IPv6 block, which decides the outbound rules EC2"
                + " gives the new group." : " See the table for the extra calls.")));
        notes.add(writesMinimal
                ? "No operation writes more than the minimum: tags go inline with CreateSecurityGroup, each kind of"
                        + " change is one call per direction, and the profile's outbound rule is EC2's default, so a"
                        + " new group needs no revoke and re-authorize of it."
                : "Some operation wrote more than the minimum: see the table.");
        notes.add("Rancher's node driver (rancher/machine `drivers/amazonec2/amazonec2.go`, read at a9cac87)"
                + " configures the group each time it creates a node: it tags in a separate call and polls until the"
                + " new group is visible,"
                + " only ever adds rules (keyed by from-port and protocol, so a narrowed or re-described rule goes"
                + " unnoticed) and never revokes one. On a create it sends the 0.0.0.0/0 and ::/0 allow-all egress"
                + " rules in one call, which EC2 refuses as a duplicate of the group's default rule; the driver"
                + " ignores that error.");
        notes.add("Terraform's `aws_security_group` (hashicorp/terraform-provider-aws"
                + " `internal/service/ec2/vpc_security_group.go`, read at 0160692, and its waiter"
                + " `waitSecurityGroupCreated`) waits for 3 consecutive sightings of a new group, revokes EC2's"
                + " default egress rule and re-authorizes it from the configuration, and"
                + " replaces a rule whose description changed by revoking it first. Its refresh reads every group"
                + " by id, one call per group, where a scan lists a region's groups in pages.");
        report.bullets(notes);
    }

    // ---------------------------------------------------------------- cold start

    private static void coldStart(Report report, Results r) {
        report.heading(2, "Cold `rancher-sg check`");
        String checkCalls = r.calls().stream().filter(c -> c.operation() == Operation.CHECK_DEFAULT_VPC)
                .map(c -> " (" + Format.calls(c.calls()) + ")").findFirst().orElse("");
        report.paragraph("`bin/rancher-sg check --output json` as a new process each time, on an existing group in its"
                + " region's default VPC that is in sync" + checkCalls + ", " + r.options().runs() + " runs per"
                + " set-up, the set-ups interleaved."
                + " `--version` under the same set-up is the JVM's start plus the command line's own set-up"
                + " (picocli, logging); its share of a check is the start-up share. The set-ups are chosen with"
                + " bin/rancher-sg's variables `RANCHER_SG_JAVA_OPTS` and `RANCHER_SG_CDS`.");
        List<List<String>> rows = new ArrayList<>();
        for (ColdStart.Result c : r.coldStart()) {
            rows.add(List.of(c.variant().name(), Format.secondsWithP90(c.check().wall()),
                    Format.secondsRange(c.check().cpu()), Format.mebibytesRange(c.check().rss()),
                    Format.secondsRange(c.version().wall()), Format.secondsRange(c.version().cpu()),
                    Format.percent(c.startupShare())));
        }
        if (r.bareJvm() != null) {
            rows.add(List.of("JVM alone: `java " + ColdStart.TUNED + " -version`", "", "", "",
                    Format.secondsRange(r.bareJvm().wall()), Format.secondsRange(r.bareJvm().cpu()), ""));
        }
        report.table(List.of("Set-up", "check wall (median, p90, range)", "check CPU (user+sys)", "check peak RSS",
                "--version wall", "--version CPU", "start-up share"), rows);
        List<String> setups = new ArrayList<>();
        r.coldStart().forEach(c -> setups.add(c.variant().name() + ": " + c.variant().description() + "."));
        report.bullets(setups);

        if (!r.classLoads().isEmpty()) {
            List<List<String>> loads = new ArrayList<>();
            for (ColdStart.ClassLoads c : r.classLoads()) {
                List<String> top = new ArrayList<>();
                c.fromJar().entrySet().stream().limit(4).forEach(e -> top.add(e.getKey() + " " + e.getValue()));
                int fromJar = c.fromJar().values().stream().mapToInt(Integer::intValue).sum();
                loads.add(List.of(c.archive(), Integer.toString(c.total()), Integer.toString(c.shared()),
                        Integer.toString(fromJar), String.join(", ", top)));
            }
            report.paragraph("Where one check's classes come from (one more run with `-Xlog:class+load`):");
            report.table(List.of("Archive", "classes loaded", "mapped from CDS archives", "loaded from the jar",
                    "most loaded from the jar, by package"), loads);
        }

        ColdStart.Result plain = find(r, "plain");
        ColdStart.Result tuned = find(r, "tuned flags");
        ColdStart.Result shipped = find(r, "as shipped");
        ColdStart.Result trained = find(r, "candidate");
        List<String> notes = new ArrayList<>();
        if (shipped != null) {
            notes.add("What this shows: as shipped, a check takes " + Format.seconds(shipped.check().wall().median())
                    + " of wall time and " + Format.seconds(shipped.check().cpu().median()) + " of CPU, and "
                    + Format.percent(shipped.startupShare()) + " of it is start-up (`--version` alone takes "
                    + Format.seconds(shipped.version().wall().median()) + "). "
                    + (shipped.startupShare() >= 0.5 ? "Start-up is the larger share, which is why it was reduced."
                    : "Start-up is a large share though not the larger one; the rest is building the SDK client,"
                    + " the two calls with the emulator's answer times, and the report."));
        }
        if (plain != null && tuned != null && shipped != null) {
            notes.add("Before and after: plain `java -jar` " + Format.seconds(plain.check().wall().median())
                    + " → tuned flags " + Format.seconds(tuned.check().wall().median())
                    + " → tuned flags with the CDS archive "
                    + Format.seconds(shipped.check().wall().median()) + " (" + Format.percent(
                    1 - shipped.check().wall().median() / plain.check().wall().median()) + " less wall time, "
                    + Format.percent(1 - shipped.check().cpu().median() / plain.check().cpu().median())
                    + " less CPU than plain). C1 only (`-XX:TieredStopAtLevel=1`) avoids C2 compiling code that"
                    + " runs once; Serial GC starts without G1's threads and regions; the archive maps pre-parsed,"
                    + " pre-verified classes instead of loading them from the jar.");
        }
        if (trained != null && shipped != null) {
            double saved = shipped.check().wall().median() - trained.check().wall().median();
            double savedCpu = shipped.check().cpu().median() - trained.check().cpu().median();
            double share = saved / shipped.check().wall().median();
            notes.add("Candidate, measured with environment variables only: an archive recorded from a check that"
                    + " succeeds takes the check to " + Format.seconds(trained.check().wall().median()) + " of wall"
                    + " time and " + Format.seconds(trained.check().cpu().median()) + " of CPU ("
                    + signed(saved) + " and " + signed(savedCpu) + " against as shipped; "
                    + (share >= 0.05 ? "worth having" : "within this machine's noise") + "). The build records"
                    + " its archive from a run against a closed port, which stops at the first connection, so the"
                    + " classes that read a response, diff the group and write the report are loaded from the jar"
                    + " at every run (see the class counts).");
        }
        int picocli = r.classLoads().isEmpty() ? 0 : r.classLoads().get(0).fromJar().getOrDefault("picocli", 0);
        int tls = r.classLoads().isEmpty() ? 0 : r.classLoads().get(0).tls();
        notes.add("Where the rest goes: the JVM alone starts in " + (r.bareJvm() == null ? "?"
                : Format.seconds(r.bareJvm().wall().median())) + ". picocli's " + picocli + " classes are Java 5"
                + " class files, which JDK 17's class-data sharing cannot archive, so they are loaded and verified"
                + " from the jar at every start, whatever the archive. The SDK's URL-connection client builds its"
                + " TLS context when it is created, so " + tls + " TLS and certificate classes load (and the trust"
                + " store is read) even for LocalStack's http endpoint; against AWS that work is needed anyway. The"
                + " rest is building the SDK client, the emulator's answers on shared cores, and the report.");
        report.bullets(notes);
    }

    /** {@code 0.20 s less} or {@code 0.05 s more}. */
    private static String signed(double savedSeconds) {
        return Format.seconds(Math.abs(savedSeconds)) + (savedSeconds >= 0 ? " less" : " more");
    }

    private static ColdStart.Result find(Results r, String nameFragment) {
        return r.coldStart().stream().filter(c -> c.variant().name().contains(nameFragment)).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- scans

    private static void scans(Report report, Results r) {
        if (r.scans().isEmpty()) {
            return;
        }
        Scans.ScanResult first = r.scans().get(0);
        report.heading(2, "Scan of " + first.groups() + " groups across " + first.regions().size() + " regions");
        Fleet.Creation fleet = r.fleet();
        String creation = fleet == null ? "" : fleet.created() == 0
                ? " The groups were there already (a re-run against the same emulator)."
                : String.format(Locale.ROOT, " The benchmark created %d of them through the Java API"
                        + " (`Reconciler.ensure`, %d at a time) in %s: %.1f groups per second, %d EC2 calls (%.1f per"
                        + " group)%s.", fleet.created(), Benchmark.CREATION_THREADS, Format.seconds(fleet.seconds()),
                        fleet.created() / fleet.seconds(), fleet.calls(), (double) fleet.calls() / fleet.created(),
                        fleet.existing() > 0 ? "; " + fleet.existing() + " existed already" : "");
        report.paragraph("`bin/rancher-sg scan --regions " + String.join(",", first.regions())
                + " --parallelism P --output json` as a cold process, " + r.options().scanRuns() + " run(s) per pool"
                + " size, " + first.groups() / first.regions().size() + " `rancher-nodes` groups per region in its"
                + " default VPC." + creation);
        List<List<String>> rows = new ArrayList<>();
        for (Scans.ScanResult s : r.scans()) {
            rows.add(List.of(Integer.toString(s.parallelism()), Format.secondsRange(s.figures().wall()),
                    Format.secondsRange(s.figures().cpu()), Format.mebibytesRange(s.figures().rss()),
                    s.localstackCpu().isEmpty() ? "n/a" : Format.secondsRange(Sample.of(s.localstackCpu())),
                    s.groups() + " (" + s.inSync() + " in sync)", Format.calls(s.calls())));
        }
        report.table(List.of("--parallelism", "wall", "CLI CPU", "CLI peak RSS", "LocalStack CPU", "groups",
                "EC2 calls (from `api_calls`)"), rows);

        List<String> notes = new ArrayList<>();
        Scans.ScanResult one = byParallelism(r, 1);
        Scans.ScanResult four = byParallelism(r, 4);
        if (one != null && four != null) {
            double speedup = one.figures().wall().median() / four.figures().wall().median();
            boolean overlap = one.figures().wall().min() <= four.figures().wall().max()
                    && four.figures().wall().min() <= one.figures().wall().max();
            notes.add(String.format(Locale.ROOT, "What this shows: one thread per region %s here (%s with one"
                    + " thread, %s with four%s).", speedup >= 1.1 ? String.format(Locale.ROOT, "makes the scan"
                    + " %.1f× as fast as one region at a time", speedup) : "does not make the scan faster",
                    Format.seconds(one.figures().wall().median()), Format.seconds(four.figures().wall().median()),
                    overlap ? "; the runs' ranges overlap" : ""));
            if (!four.localstackCpu().isEmpty()) {
                double busy = Sample.of(four.localstackCpu()).median() / four.figures().wall().median();
                boolean oneCore = r.scans().stream().allMatch(s -> s.localstackCpu().isEmpty()
                        || Sample.of(s.localstackCpu()).median() < s.figures().wall().median());
                notes.add("Why: LocalStack spends " + Format.seconds(Sample.of(four.localstackCpu()).median())
                        + " of CPU per scan with four threads, " + Format.percent(busy) + " of the scan's wall time,"
                        + " against the CLI's " + Format.seconds(four.figures().cpu().median())
                        + (busy >= 0.6 && oneCore
                        ? ". With every pool size the emulator is busy for most of the scan, yet uses less than one"
                        + " core's worth:"
                        + " one Python process builds the regions' answers one at a time, so their listings cannot"
                        + " overlap however many threads ask. Against EC2 each region answers on its own servers, so"
                        + " a scan should take about as long as its slowest region plus start-up (expected, not"
                        + " measured here)." : ", on " + r.machine().cpus() + " cores shared by both."));
            }
        }
        notes.add("The scan uses at most one thread per region, so a pool larger than the number of regions ("
                + first.regions().size() + ") changes nothing.");
        notes.add("Calls do not grow with the pool or with the groups: one paginated `DescribeSecurityGroups` per"
                + " region lists every managed group with its rules, and each group is then checked locally against the"
                + " profile its tags record.");
        report.bullets(notes);
    }

    private static Scans.ScanResult byParallelism(Results r, int parallelism) {
        return r.scans().stream().filter(s -> s.parallelism() == parallelism).findFirst().orElse(null);
    }

    // ---------------------------------------------------------------- growth

    private static void growth(Report report, Results r) {
        if (r.growth().isEmpty()) {
            return;
        }
        report.heading(2, "Growth with the number of groups");
        report.paragraph("One region (" + Benchmark.GROWTH_REGION + ") filled step by step with `rancher-nodes`"
                + " groups. In process, on a warm JVM: `Reconciler.checkManaged()`, median of "
                + Benchmark.GROWTH_RUNS + " runs after 3 s of warm-up runs (at least one), with the CPU time of the"
                + " calling thread (where the SDK reads and parses the response and rancher-sg diffs each group)"
                + " and, apart, the bare listing it starts with (the `DescribeSecurityGroups` pages alone: the"
                + " emulator's answer time). As a process: `bin/rancher-sg scan --regions " + Benchmark.GROWTH_REGION
                + " --output json`, "
                + Math.min(Benchmark.GROWTH_CLI_RUNS, r.options().scanRuns()) + " run(s) without a warm-up (the"
                + " page cache is warm from the scans before)." + growthCreation(r));
        List<List<String>> rows = new ArrayList<>();
        List<Double> sizes = new ArrayList<>();
        List<Double> walls = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        List<Double> cliCpus = new ArrayList<>();
        for (Growth.Step s : r.growth()) {
            rows.add(List.of(Integer.toString(s.groups()), Format.calls(s.calls()),
                    Format.secondsRange(s.check()), Format.secondsRange(s.listing()),
                    Format.millis(s.checkCpu().median()),
                    String.format(Locale.ROOT, "%.2f ms", s.checkCpu().median() * 1000 / s.groups()),
                    Format.secondsRange(s.cli().figures().wall()), Format.secondsRange(s.cli().figures().cpu()),
                    Format.mebibytesRange(s.cli().figures().rss())));
            sizes.add((double) s.groups());
            walls.add(s.check().median());
            cpus.add(s.checkCpu().median());
            cliCpus.add(s.cli().figures().cpu().median());
        }
        report.table(List.of("groups", "EC2 calls", "checkManaged wall", "listing alone", "checkManaged CPU",
                "CPU per group", "cold scan wall", "cold scan CPU", "cold scan peak RSS"), rows);

        Growth.Fit wall = Growth.Fit.of(sizes, walls);
        Growth.Fit cpu = Growth.Fit.of(sizes, cpus);
        Growth.Fit cliCpu = Growth.Fit.of(sizes, cliCpus);
        Growth.Step first = r.growth().get(0);
        Growth.Step last = r.growth().get(r.growth().size() - 1);
        double listingShare = last.listing().median() / last.check().median();
        double listingPerGroupFirst = first.listing().median() / first.groups();
        double listingPerGroupLast = last.listing().median() / last.groups();
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "What this shows: rancher-sg's own work grows %s with the groups. The"
                        + " client's CPU in process (the SDK parsing the response, rancher-sg diffing each group) fits"
                        + " a straight line with R² = %.3f, %.2f ms per group (%s at %d groups, %s at %d); the cold"
                        + " scan's CPU with R² = %.3f, %.2f ms per group on top of its start-up.",
                cpu.r2() >= 0.95 ? "linearly" : "roughly linearly", cpu.r2(), cpu.slope() * 1000,
                Format.millis(first.checkCpu().median()), first.groups(), Format.millis(last.checkCpu().median()),
                last.groups(), cliCpu.r2(), cliCpu.slope() * 1000));
        notes.add("Calls stay constant (" + Format.calls(last.calls()) + " at " + last.groups() + " groups): one"
                + " response carries every group with its rules. `DescribeSecurityGroups` pages hold at most 1,000"
                + " groups; the SDK's paginator asks for a next page only when a response carries a token (LocalStack"
                + " returns all groups in one), so on EC2 the calls grow by one per 1,000 groups at most.");
        String listing = listingShare >= 0.9
                ? "the listing alone takes as long as the whole in-process check at " + last.groups() + " groups ("
                        + Format.percent(listingShare) + ", within the runs' spread)"
                : "the listing alone is " + Format.percent(listingShare) + " of the in-process time at "
                        + last.groups() + " groups";
        notes.add(listingPerGroupLast / listingPerGroupFirst > 1.25
                ? String.format(Locale.ROOT, "Wall time is the emulator's: %s. LocalStack's answer grows faster"
                        + " than the groups, %.1f ms per group at %d groups and %.1f ms at %d (it builds the whole"
                        + " response in one Python process); over these steps a straight line still fits the"
                        + " in-process wall time with R² = %.3f, %.1f ms per group. That cost is LocalStack's, not"
                        + " rancher-sg's, and not EC2's.", listing, listingPerGroupFirst * 1000, first.groups(),
                        listingPerGroupLast * 1000, last.groups(), wall.r2(), wall.slope() * 1000)
                : String.format(Locale.ROOT, "Wall time grows linearly too (R² = %.3f, %.1f ms per group), and is"
                        + " mostly the emulator's: %s.", wall.r2(), wall.slope() * 1000, listing));
        report.bullets(notes);
    }

    private static String growthCreation(Results r) {
        Fleet.Creation total = r.growth().stream().map(Growth.Step::creation)
                .reduce(new Fleet.Creation(0, 0, 0, 0), Fleet.Creation::plus);
        return total.created() == 0 ? "" : String.format(Locale.ROOT, " Creating its %d groups took %s in all (%.1f"
                + " groups per second: each creation's lookup by name gets slower as the region fills).",
                total.created(), Format.seconds(total.seconds()), total.created() / total.seconds());
    }

    private static String duration(Duration d) {
        long minutes = d.toMinutes();
        return minutes > 0 ? minutes + " min " + d.toSecondsPart() + " s" : d.toSeconds() + " s";
    }
}
