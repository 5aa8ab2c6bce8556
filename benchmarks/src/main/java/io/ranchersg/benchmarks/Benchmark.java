package io.ranchersg.benchmarks;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Reconciler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures rancher-sg against an EC2 emulator and writes the results part of {@code docs/benchmarks.md}:
 * EC2 calls per operation, the cold {@code rancher-sg check} with and without the class-data-sharing
 * archives and side by side with the AWS CLI, a scan of many groups across four regions per pool size,
 * a scan of one region as it fills, and a scan of a simulated fleet of accounts behind added latency
 * ({@link FleetScans}). The text above {@link ReportWriter#MARKER} in the report is kept as it is;
 * {@code --fleet-only} replaces only the fleet section; {@code --serve-only} measures
 * {@code rancher-sg serve} ({@link ServeBench}) and replaces only its section.
 *
 * <p>Run it through {@code scripts/benchmark.sh}, which builds the jars and starts LocalStack; it
 * exits 0 with the report written, 1 when a measurement failed, 64 on bad usage.
 */
public final class Benchmark {

    /** The regions of the multi-region scan; LocalStack keeps each region apart, with its own default VPC. */
    static final List<String> SCAN_REGIONS = List.of("us-east-1", "us-west-2", "eu-west-1", "ap-southeast-2");
    /** Filled step by step for the growth measurement. */
    static final String GROWTH_REGION = "eu-central-1";
    /** Calls per operation and the cold check; no scan reads it. */
    static final String CALLS_REGION = "ca-central-1";
    /** The VPC of the group that rancher-sg and the AWS CLI read side by side. */
    static final String COMPARISON_VPC_CIDR = "10.42.0.0/16";
    /** Threads that create the groups: the emulator, on the same cores, is the bottleneck. */
    static final int CREATION_THREADS = 4;

    private Benchmark() {
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("benchmark: " + e.getMessage());
            System.err.println(Options.USAGE);
            System.exit(64);
            return;
        }
        try {
            run(options, Benchmark::progress);
            progress("report written to " + options.out());
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("benchmark: failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs every measurement (or only the fleet scan) and writes the report. */
    static void run(Options options, Consumer<String> progress) {
        Instant started = Instant.now();
        Sessions sessions = new Sessions(options.endpoint());
        Cli cli = new Cli(options.project(), options.jar(), sessions);
        cli.makeShippedArchive();
        if (options.fleet().only()) {
            FleetScans.Results fleet = fleet(options, sessions, cli, progress);
            writeSection(options.out(), ReportWriter.FLEET_BEGIN, ReportWriter.FLEET_END,
                    ReportWriter.fleet(options, fleet, started, Instant.now()));
            return;
        }
        if (options.serve().only()) {
            ServeBench.Results serve;
            try (Fleet fleet = new Fleet(sessions, CREATION_THREADS, progress)) {
                serve = new ServeBench(sessions, cli, progress).measure(fleet, options.serve().events(),
                        options.groups(), options.serve().rssAfter());
            }
            writeSection(options.out(), ReportWriter.SERVE_BEGIN, ReportWriter.SERVE_END,
                    ReportWriter.serve(options, serve, started, Instant.now()));
            return;
        }
        String runId = Long.toString(started.getEpochSecond(), 36);
        try (Fleet fleet = new Fleet(sessions, CREATION_THREADS, progress)) {
            // The group the cold checks read: bin/rancher-sg check's default name in the default VPC.
            new Reconciler(fleet.session(CALLS_REGION)).ensure(GroupRequest.rancherNodes());

            progress.accept("counting EC2 calls per operation in " + CALLS_REGION);
            List<CallsPerOperation.Counted> calls = CallsPerOperation.measure(sessions, CALLS_REGION, runId);

            progress.accept("cold rancher-sg check: " + options.runs() + " runs per set-up");
            ColdStart cold = new ColdStart(cli, CALLS_REGION, progress);
            String version = cold.version();
            List<ColdStart.Result> coldStart = cold.measure(options.runs());

            AwsCliComparison.Result besideAwsCli = null;
            if (options.awsCli() != null) {
                progress.accept("cold rancher-sg check --vpc-id beside the AWS CLI: " + options.runs() + " runs each");
                String vpcId = fleet.session(CALLS_REGION).client()
                        .createVpc(r -> r.cidrBlock(COMPARISON_VPC_CIDR)).vpc().vpcId();
                new Reconciler(fleet.session(CALLS_REGION)).ensure(GroupRequest.rancherNodes().withVpcId(vpcId));
                besideAwsCli = new AwsCliComparison(cli, options.awsCli(), CALLS_REGION, progress)
                        .measure(vpcId, options.runs());
            }

            Scans scans = new Scans(cli, progress);
            progress.accept("making " + options.groups() + " groups across " + SCAN_REGIONS);
            Fleet.Creation created = fleet.ensure(SCAN_REGIONS, "bench", options.groups() / SCAN_REGIONS.size());
            List<Scans.Scan> byPool = new ArrayList<>();
            for (int parallelism : options.parallelism()) {
                byPool.add(scans.scan(SCAN_REGIONS, parallelism, options.scanRuns()));
            }

            progress.accept("growth in " + GROWTH_REGION + ": " + options.growthSizes());
            List<Scans.Scan> growth = new ArrayList<>();
            for (int size : options.growthSizes()) {
                fleet.ensure(List.of(GROWTH_REGION), "grow", size);
                growth.add(scans.scan(List.of(GROWTH_REGION), 1, options.scanRuns()));
            }
            FleetScans.Results fleetScans = fleet(options, sessions, cli, progress);
            write(options.out(), ReportWriter.write(new ReportWriter.Results(options, version, started,
                    Instant.now(), calls, coldStart, besideAwsCli, created, byPool, growth, fleetScans)));
        }
    }

    private static FleetScans.Results fleet(Options options, Sessions sessions, Cli cli, Consumer<String> progress) {
        Options.Fleet fleet = options.fleet();
        progress.accept("fleet scan: " + fleet.accounts() + " accounts x " + fleet.regions()
                + " regions, " + fleet.latencyMillis() + " ms per call, parallelism " + fleet.parallelism());
        try {
            Path dir = Files.createTempDirectory("rancher-sg-fleet");
            return new FleetScans(sessions, cli, progress).measure(fleet.accounts(),
                    FleetScans.REGIONS.subList(0, fleet.regions()), fleet.groups(),
                    Duration.ofMillis(fleet.latencyMillis()), fleet.parallelism(), options.scanRuns(), dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a directory for the accounts file", e);
        }
    }

    /** Replaces one section of {@code file}, between its markers (or adds it at the end), keeping everything else. */
    private static void writeSection(Path file, String beginMarker, String endMarker, String section) {
        try {
            String existing = Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
            int begin = existing.indexOf(beginMarker);
            int end = existing.indexOf(endMarker);
            String updated = begin >= 0 && end > begin
                    ? existing.substring(0, begin) + section.strip() + existing.substring(end + endMarker.length())
                    : existing + (existing.endsWith("\n") || existing.isEmpty() ? "\n" : "\n\n") + section;
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, updated, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * Replaces what follows the marker in {@code file}, keeping the text above it and the serve
     * section, which only {@code --serve-only} measures.
     */
    private static void write(Path file, String results) {
        try {
            String kept = "";
            String serve = "";
            if (Files.isRegularFile(file)) {
                String existing = Files.readString(file, StandardCharsets.UTF_8);
                int marker = existing.indexOf(ReportWriter.MARKER);
                kept = marker < 0 ? "" : existing.substring(0, marker);
                int begin = existing.indexOf(ReportWriter.SERVE_BEGIN);
                int end = existing.indexOf(ReportWriter.SERVE_END);
                if (begin >= 0 && end > begin) {
                    serve = "\n" + existing.substring(begin, end + ReportWriter.SERVE_END.length()) + "\n";
                }
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, kept + ReportWriter.MARKER + "\n\n" + results + serve, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void progress(String message) {
        System.err.println("[benchmark " + LocalTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS)
                .format(DateTimeFormatter.ISO_LOCAL_TIME) + "] " + message);
    }
}
