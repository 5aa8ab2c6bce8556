package io.ranchersg.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark's command line.
 *
 * @param endpoint    the EC2 emulator
 * @param project     the project directory (bin/rancher-sg, docs)
 * @param jar         the CLI jar bin/rancher-sg runs
 * @param out         the report to write
 * @param groups      groups of the multi-region scan, and the largest growth step
 * @param runs        runs of each cold-start measurement
 * @param scanRuns    runs of each scan
 * @param parallelism the pool sizes the scan is run with
 * @param command     the command line to name in the report
 * @param revision    the source revision the jars were built from, or null
 * @param fleet       the fleet scan's set-up
 * @param awsCli      the AWS CLI to measure rancher-sg against, or null for no comparison
 * @param serve       the serve measurement's set-up
 */
record Options(URI endpoint, Path project, Path jar, Path out, int groups, int runs, int scanRuns,
               List<Integer> parallelism, String command, String revision, Fleet fleet, Path awsCli, Serve serve) {

    /**
     * The measurement of {@code rancher-sg serve} ({@link ServeBench}).
     *
     * @param events   events sent, each to a group of its own
     * @param rssAfter the pass counts after which the resident set is read, ascending
     * @param only     whether only it is measured, its section of the report replaced alone
     */
    record Serve(int events, List<Integer> rssAfter, boolean only) {
        Serve {
            if (events < 1 || events > 500) {
                throw new IllegalArgumentException("--serve-events takes 1 to 500, not " + events);
            }
            if (rssAfter.isEmpty() || rssAfter.stream().anyMatch(n -> n < 1)
                    || !rssAfter.equals(rssAfter.stream().sorted().distinct().toList())) {
                throw new IllegalArgumentException("--serve-passes takes ascending pass counts, not " + rssAfter);
            }
            rssAfter = List.copyOf(rssAfter);
        }
    }

    /**
     * The fleet scan: {@code accounts} accounts, each in the first {@code regions} of
     * {@link FleetScans#REGIONS}, {@code groups} groups in each account-region, every call held
     * {@code latencyMillis}, scanned per pool size.
     *
     * @param only whether to measure only the fleet scan (and replace only its section of the report)
     */
    record Fleet(int accounts, int regions, int groups, int latencyMillis, List<Integer> parallelism, boolean only) {
        Fleet {
            if (regions < 1 || regions > FleetScans.REGIONS.size()) {
                throw new IllegalArgumentException("--fleet-regions takes 1 to " + FleetScans.REGIONS.size() + ", not "
                        + regions);
            }
            if (accounts < 1 || accounts > 500 || groups < 1 || groups > 50) {
                throw new IllegalArgumentException("--fleet-accounts takes 1 to 500 and --fleet-groups 1 to 50, not "
                        + accounts + " and " + groups);
            }
            if (latencyMillis < 0 || latencyMillis > 5000) {
                throw new IllegalArgumentException("--fleet-latency-ms takes 0 to 5000, not " + latencyMillis);
            }
            if (parallelism.isEmpty() || parallelism.stream().anyMatch(p -> p < 1 || p > 16)) {
                // The fault proxy serves 16 requests at once: a larger pool would measure the proxy.
                throw new IllegalArgumentException("--fleet-parallelism takes pool sizes from 1 to 16, not "
                        + parallelism);
            }
            parallelism = List.copyOf(parallelism);
        }
    }

    static final String USAGE = """
            usage: Benchmark --endpoint URL [options]
              --endpoint URL        the EC2 emulator (LocalStack)
              --project DIR         the project directory (default: the current directory)
              --jar FILE            the CLI jar to run (default: cli/target/rancher-sg.jar)
              --out FILE            the report (default: docs/benchmarks.md under the project)
              --groups N            groups of the 4-region scan, a multiple of 4 (default 1000)
              --runs N              runs of each cold-start measurement (default 10)
              --aws-cli FILE        the AWS CLI (aws) to run side by side with a cold check
              --scan-runs N         runs of each scan (default 3)
              --parallelism LIST    scan pool sizes, comma separated (default 1,2,4,8)
              --quick               a smaller run: 100 groups, 3 runs, 1 scan run
              --fleet-accounts N    accounts of the fleet scan (default 20)
              --fleet-regions N     regions of each account, 1 to 4 (default 3)
              --fleet-groups N      groups per account-region (default 2)
              --fleet-latency-ms N  delay added to every call of the fleet scan (default 300)
              --fleet-parallelism LIST  the fleet scan's pool sizes (default 1,4,16)
              --fleet-only          measure only the fleet scan; replace only its section of the report
              --serve-only          measure only serve; replace only its section of the report
              --serve-events N      events of serve's event-to-repaired latency (default 50)
              --serve-passes LIST   pass counts after which serve's resident set is read (default 50,500)
              --command TEXT        the command line to name in the report
              --revision TEXT       the source revision the jars were built from""";

    Options {
        if (groups < 4 || groups % 4 != 0 || groups > 4000) {
            throw new IllegalArgumentException("--groups must be a multiple of 4 from 4 to 4000, not " + groups);
        }
        if (runs < 1 || scanRuns < 1) {
            throw new IllegalArgumentException("--runs and --scan-runs must be at least 1");
        }
        if (parallelism.isEmpty() || parallelism.stream().anyMatch(p -> p < 1 || p > 32)) {
            throw new IllegalArgumentException("--parallelism takes pool sizes from 1 to 32, not " + parallelism);
        }
        parallelism = List.copyOf(parallelism);
    }

    /**
     * Parses the arguments; {@code --quick} sets smaller defaults that explicit options still override.
     *
     * @throws IllegalArgumentException naming the bad option
     */
    static Options parse(String... args) {
        URI endpoint = null;
        Path project = Path.of("").toAbsolutePath();
        Path out = null;
        Path jar = null;
        Integer groups = null;
        Integer runs = null;
        Integer scanRuns = null;
        List<Integer> parallelism = List.of(1, 2, 4, 8);
        int fleetAccounts = 20;
        int fleetRegions = 3;
        int fleetGroups = 2;
        int fleetLatency = 300;
        List<Integer> fleetParallelism = List.of(1, 4, 16);
        boolean fleetOnly = false;
        boolean serveOnly = false;
        int serveEvents = 50;
        List<Integer> servePasses = List.of(50, 500);
        String command = "java io.ranchersg.benchmarks.Benchmark " + String.join(" ", args);
        String revision = null;
        Path awsCli = null;
        boolean quick = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--quick")) {
                quick = true;
                continue;
            }
            if (arg.equals("--fleet-only")) {
                fleetOnly = true;
                continue;
            }
            if (arg.equals("--serve-only")) {
                serveOnly = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(arg.startsWith("--") ? arg + " needs a value"
                        : "unknown argument: " + arg);
            }
            String value = args[++i];
            switch (arg) {
                case "--endpoint" -> endpoint = URI.create(value);
                case "--project" -> project = Path.of(value).toAbsolutePath().normalize();
                case "--out" -> out = Path.of(value);
                case "--jar" -> jar = Path.of(value).toAbsolutePath().normalize();
                case "--groups" -> groups = number(arg, value);
                case "--runs" -> runs = number(arg, value);
                case "--scan-runs" -> scanRuns = number(arg, value);
                case "--parallelism" -> parallelism = numbers(arg, value);
                case "--fleet-accounts" -> fleetAccounts = number(arg, value);
                case "--fleet-regions" -> fleetRegions = number(arg, value);
                case "--fleet-groups" -> fleetGroups = number(arg, value);
                case "--fleet-latency-ms" -> fleetLatency = number(arg, value);
                case "--fleet-parallelism" -> fleetParallelism = numbers(arg, value);
                case "--command" -> command = value;
                case "--revision" -> revision = value;
                case "--aws-cli" -> awsCli = Path.of(value).toAbsolutePath().normalize();
                case "--serve-events" -> serveEvents = number(arg, value);
                case "--serve-passes" -> servePasses = numbers(arg, value);
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (endpoint == null) {
            throw new IllegalArgumentException("--endpoint is required");
        }
        return new Options(endpoint, project, jar != null ? jar : project.resolve("cli/target/rancher-sg.jar"),
                project.resolve(out == null ? Path.of("docs/benchmarks.md") : out),
                groups != null ? groups : quick ? 100 : 1000, runs != null ? runs : quick ? 3 : 10,
                scanRuns != null ? scanRuns : quick ? 1 : 3, parallelism, command, revision,
                new Fleet(fleetAccounts, fleetRegions, fleetGroups, fleetLatency, fleetParallelism, fleetOnly), awsCli,
                new Serve(serveEvents, servePasses, serveOnly));
    }

    private static List<Integer> numbers(String option, String value) {
        List<Integer> sizes = new ArrayList<>();
        for (String size : value.split(",")) {
            sizes.add(number(option, size.strip()));
        }
        return sizes;
    }

    /** The growth steps: 10, 25, 50 and 100 % of {@link #groups()} (100, 250, 500, 1,000 by default). */
    List<Integer> growthSizes() {
        return List.of(groups / 10, groups / 4, groups / 2, groups).stream().filter(n -> n > 0).distinct().toList();
    }

    private static int number(String option, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: '" + value + "'");
        }
    }
}
