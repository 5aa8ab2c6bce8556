package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.Reconciler;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * {@code rancher-sg scan}: checks every group rancher-sg manages (found by its tags) in one or more
 * regions, each against the profile and options its tags record, on a bounded pool; one report.
 */
@Command(name = "scan", sortOptions = false, mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        footerHeading = Main.AWS_FOOTER_HEADING, footer = Main.AWS_FOOTER,
        description = {"Check every group rancher-sg manages, across regions.",
            "Finds the groups by their rancher-sg tags and checks each against the profile and options the tags"
                + " record; regions are read concurrently, into one report. Progress goes to stderr on a terminal.",
            "Reads only. Exit 0 all in sync, 2 drift found, 1 error (a region could not be read), 64 bad usage."})
final class ScanCommand extends AwsCommand {

    /** Which regions: a list, or all the account has enabled; neither means the one region of --region or the chain. */
    static final class Regions {
        @Option(names = "--regions", paramLabel = "REGION", split = ",", required = true,
                description = "Regions to scan, comma separated (default: the region of --region or the AWS chain).")
        List<String> regions;

        @Option(names = "--all-regions", required = true,
                description = "Scan every region enabled for the account (DescribeRegions).")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Regions regions;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "4",
            description = "Regions scanned at once, 1 to 32 (default: ${DEFAULT-VALUE}).")
    int parallelism = 4;

    @Mixin
    ReportFilesMixin files;

    ScanCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        if (parallelism < 1 || parallelism > 32) {
            throw new UsageException("--parallelism: " + parallelism + " is out of range 1..32");
        }
        if (regions != null && regions.regions != null) {
            for (String region : regions.regions) {
                AwsMixin.checkRegion("--regions", region.strip());
            }
        }
        files.check();
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        List<String> targets;
        Map<String, Integer> apiCalls = new TreeMap<>();
        try {
            targets = targetRegions(apiCalls);
        } catch (RuntimeException e) {
            CheckCommand.recordFailure(files, at, e);
            throw e;
        }
        List<RegionScan> scans = scanAll(targets);

        List<Outcome> outcomes = new ArrayList<>();
        List<Reports.RegionError> errors = new ArrayList<>();
        for (RegionScan scan : scans) {
            outcomes.addAll(scan.outcomes());
            scan.apiCalls().forEach((operation, count) -> apiCalls.merge(operation, count, Integer::sum));
            if (scan.error() != null) {
                errors.add(new Reports.RegionError(scan.region(), scan.error()));
            }
        }
        ObjectNode report = Reports.checkDocument("scan", outcomes, apiCalls, targets, errors);
        // Files first: if one cannot be written, stdout must not already hold a report.
        if (errors.isEmpty()) {
            files.written(report, outcomes, at);
        } else {
            files.failed(at, report); // gauges of an incomplete scan would hide the groups of the failed regions
        }
        for (Reports.RegionError error : errors) {
            err().println(ErrorFunnel.PREFIX + "scan of " + error.region() + " failed: " + error.message());
        }
        if (jsonOutput()) {
            out().println(Json.write(report));
        } else {
            out().print(Reports.checkText(outcomes, style()));
            out().println(summary(targets, outcomes, errors));
        }
        if (!errors.isEmpty()) {
            return ExitCodes.ERROR;
        }
        return outcomes.stream().allMatch(Outcome::inSync) ? ExitCodes.OK : ExitCodes.DRIFT;
    }

    /** The regions to scan, in a stable order without repeats. */
    private List<String> targetRegions(Map<String, Integer> apiCalls) {
        if (regions != null && regions.regions != null) {
            return List.copyOf(new LinkedHashSet<>(regions.regions.stream().map(String::strip).toList()));
        }
        try (Ec2Session session = Ec2Session.open(settings)) {
            if (regions == null || !regions.all) {
                return List.of(session.region());
            }
            List<String> names;
            try {
                names = session.regions();
            } finally {
                session.calls().calls().forEach((operation, count) -> apiCalls.merge(operation, count, Integer::sum));
            }
            if (names.isEmpty()) {
                throw new ScanException("DescribeRegions in " + session.region() + " returned no regions", null);
            }
            return names;
        }
    }

    private List<RegionScan> scanAll(List<String> targets) {
        int threads = Math.min(parallelism, targets.size());
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "scan");
            thread.setDaemon(true);
            return thread;
        });
        Progress progress = new Progress(context.progress() && !jsonOutput() ? err() : null, targets.size());
        try {
            List<Future<RegionScan>> futures = new ArrayList<>();
            for (String region : targets) {
                futures.add(pool.submit(() -> {
                    try {
                        return scan(settings.withRegion(region));
                    } finally {
                        progress.regionDone();
                    }
                }));
            }
            List<RegionScan> scans = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                scans.add(await(targets.get(i), futures.get(i)));
            }
            return scans;
        } finally {
            pool.shutdownNow();
            progress.clear();
        }
    }

    private static RegionScan scan(ClientSettings regionSettings) {
        Ec2Session session = null;
        try {
            session = Ec2Session.open(regionSettings);
            List<Outcome> outcomes = new Reconciler(session).checkManaged();
            return new RegionScan(regionSettings.region(), outcomes, session.calls().calls(), null);
        } catch (RancherSgException | IllegalArgumentException | SdkException e) {
            Map<String, Integer> calls = session == null ? Map.of() : session.calls().calls();
            return new RegionScan(regionSettings.region(), List.of(), calls, ErrorFunnel.clean(ErrorFunnel.describe(e)));
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static RegionScan await(String region, Future<RegionScan> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ScanException("interrupted while scanning " + region, e);
        } catch (ExecutionException e) {
            // A bug, not an AWS failure (those are caught per region): let the funnel report it.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new ScanException("scan of " + region + " failed: " + ErrorFunnel.describe(cause), cause);
        }
    }

    private static String summary(List<String> targets, List<Outcome> outcomes, List<Reports.RegionError> errors) {
        long inSync = outcomes.stream().filter(Outcome::inSync).count();
        StringBuilder line = new StringBuilder("Scanned ")
                .append(Reports.plural(targets.size(), "region")).append(": ")
                .append(outcomes.isEmpty() ? "no security groups managed by rancher-sg"
                        : Reports.plural(outcomes.size(), "group") + ", " + inSync + " in sync, "
                                + (outcomes.size() - inSync) + " with drift");
        if (!errors.isEmpty()) {
            line.append(", ").append(Reports.plural(errors.size(), "region")).append(" failed");
        }
        return line.append('.').toString();
    }

    /** What one region gave: its groups, its calls, or why it failed. */
    private record RegionScan(String region, List<Outcome> outcomes, Map<String, Integer> apiCalls, String error) {
    }

    /** A scan-wide failure: exit {@value ExitCodes#ERROR}. */
    static final class ScanException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScanException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** "scan: 3/17 regions" on stderr, redrawn in place; only when stderr belongs to a terminal. */
    private static final class Progress {
        private final PrintWriter err;
        private final int total;
        private final AtomicInteger done = new AtomicInteger();

        Progress(PrintWriter err, int total) {
            this.err = err;
            this.total = total;
        }

        void regionDone() {
            if (err == null) {
                return;
            }
            int count = done.incrementAndGet();
            synchronized (err) {
                err.print("\rscan: " + count + "/" + total + " regions");
                err.flush();
            }
        }

        void clear() {
            if (err == null || done.get() == 0) {
                return;
            }
            synchronized (err) {
                err.print("\r" + " ".repeat(40) + "\r");
                err.flush();
            }
        }
    }
}
