package io.ranchersg.benchmarks;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Reconciler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;

/**
 * Measures rancher-sg against an EC2 emulator and writes {@code docs/benchmarks.md}: EC2 calls per
 * operation, the cold {@code rancher-sg check} under several JVM set-ups, a scan of many groups across
 * four regions with several pool sizes, and how a scan grows with the number of groups.
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
    /** Threads that create the groups: the emulator, on the same two cores, is the bottleneck. */
    static final int CREATION_THREADS = 4;
    /** In-process repetitions of each growth step: the emulator takes about 12 s to list 1,000 groups. */
    static final int GROWTH_RUNS = 3;
    /** Cold CLI scans per growth step (the page cache is warm from the scans before). */
    static final int GROWTH_CLI_RUNS = 2;

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
            Path report = run(options, Benchmark::progress);
            progress("report written to " + report);
            System.exit(0);
        } catch (RuntimeException e) {
            System.err.println("benchmark: failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Runs every measurement and writes the report; returns its path. */
    static Path run(Options options, Consumer<String> progress) {
        Instant started = Instant.now();
        Sessions sessions = new Sessions(options.endpoint());
        Path scratch = options.work();
        ProcessMeter meter = ProcessMeter.detect(scratch);
        Machine machine = Machine.read(options.endpoint());
        progress.accept("LocalStack " + machine.localstack() + ", Java " + machine.java() + ", "
                + meter.method().name().toLowerCase().replace('_', ' '));

        Cli cli = new Cli(options.project(), options.jar(), sessions);
        cli.makeShippedArchive(meter);
        String runId = Long.toString(started.getEpochSecond(), 36);
        Results.Builder results = new Results.Builder(options, machine, meter.method(), started);
        try (Fleet fleet = new Fleet(sessions, CREATION_THREADS, progress)) {
            // The group the cold checks read: bin/rancher-sg check's default name in the default VPC.
            new Reconciler(fleet.session(CALLS_REGION)).ensure(GroupRequest.rancherNodes());

            progress.accept("counting EC2 calls per operation in " + CALLS_REGION);
            results.calls(CallsPerOperation.measure(sessions, CALLS_REGION, runId));

            progress.accept("cold rancher-sg check: " + options.runs() + " runs per set-up");
            ColdStart cold = new ColdStart(meter, cli, CALLS_REGION, progress);
            results.version(cold.version());
            Path trained = cold.trainArchive(scratch.resolve("check-trained.jsa"));
            results.coldStart(cold.measure(ColdStart.variants(trained), options.runs()));
            results.bareJvm(cold.bareJvm(options.runs()));
            results.classLoads(cold.classLoads("as shipped: made by the build's training run", cli.archive(),
                    scratch.resolve("classes-shipped.log")));
            if (trained != null) {
                results.classLoads(cold.classLoads("candidate: trained on a real check", trained,
                        scratch.resolve("classes-trained.log")));
            }

            LocalStackCpu localstack = LocalStackCpu.of(options.localstackPid());
            Scans scans = new Scans(meter, cli, localstack, progress);
            int perRegion = options.groups() / SCAN_REGIONS.size();
            progress.accept("making " + options.groups() + " groups across " + SCAN_REGIONS);
            results.fleet(fleet.ensure(SCAN_REGIONS, "bench", perRegion));
            for (int parallelism : options.parallelism()) {
                results.scan(scans.scan(SCAN_REGIONS, parallelism, options.scanRuns(), true));
            }

            progress.accept("growth in " + GROWTH_REGION + ": " + options.growthSizes());
            results.growth(new Growth(fleet, scans, progress)
                    .measure(GROWTH_REGION, options.growthSizes(), GROWTH_RUNS, Math.min(GROWTH_CLI_RUNS,
                            options.scanRuns())));
        }
        Results done = results.finished(Instant.now());
        write(options.out(), ReportWriter.write(done));
        return options.out();
    }

    private static void write(Path file, String markdown) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(temp, markdown, StandardCharsets.UTF_8);
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
