package io.ranchersg.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.aws.Scanner;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rancher-sg scan}: checks every group rancher-sg manages (found by its tags) in one or more
 * regions through {@link Scanner}, and prints one report.
 */
@Command(name = "scan", description = {"Check every group rancher-sg manages, across regions.",
            "Finds the groups by their rancher-sg tags and checks each against the profile and options the tags"
                + " record; regions are read concurrently, into one report. Progress goes to stderr on a terminal.",
            "Reads only. Exit 0 all in sync, 2 drift found, 1 error (a region or a group could not be read),"
                + " 64 bad usage."})
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
        if (parallelism < 1 || parallelism > Scanner.MAX_PARALLELISM) {
            throw new UsageException("--parallelism: " + parallelism + " is out of range 1.." + Scanner.MAX_PARALLELISM);
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
        Progress progress = new Progress(context.progress() && !jsonOutput() ? err() : null);
        Scanner scanner = new Scanner(settings, parallelism, progress);
        ScanResult result;
        try {
            if (regions != null && regions.regions != null) {
                result = scanner.scan(regions.regions.stream().map(String::strip).toList());
            } else if (regions != null && regions.all) {
                result = scanner.scanEnabledRegions();
            } else {
                result = scanner.scanHomeRegion();
            }
        } catch (RuntimeException e) {
            CheckCommand.recordFailure(files, at, e);
            throw e;
        } finally {
            progress.clear();
        }

        List<String> targets = result.targets().stream().map(ScanTarget::region).toList();
        List<Outcome> outcomes = result.outcomes();
        List<Reports.ScanError> errors = new ArrayList<>();
        List<Reports.ScanError> unchecked = new ArrayList<>();
        Map<String, Boolean> regionsRead = new LinkedHashMap<>();
        for (ScanResult.Entry entry : result.entries()) {
            String region = entry.target().region();
            regionsRead.put(region, entry.failed().isEmpty());
            entry.failed().ifPresent(e -> errors.add(Reports.ScanError.region(region, ErrorFunnel.clean(ErrorFunnel.describe(e)))));
            for (GroupCheck.Unchecked group : entry.unchecked()) {
                Reports.ScanError error = new Reports.ScanError(region, group.groupId(), group.groupName(),
                        ErrorFunnel.clean(ErrorFunnel.describe(group.error())));
                errors.add(error);
                unchecked.add(error);
            }
        }
        ObjectNode report = Reports.checkDocument("scan", outcomes, result.apiCalls(), targets, errors);
        // Files first: if one cannot be written, stdout must not already hold a report.
        files.scanned(report, outcomes, unchecked, regionsRead, at);
        for (Reports.ScanError error : errors) {
            err().println(ErrorFunnel.PREFIX + error.line());
        }
        if (jsonOutput()) {
            out().println(Json.write(report));
        } else {
            out().print(Reports.checkText(outcomes, style()));
            out().println(summary(targets, outcomes, errors));
        }
        if (!result.complete()) {
            return ExitCodes.ERROR;
        }
        return outcomes.stream().allMatch(Outcome::inSync) ? ExitCodes.OK : ExitCodes.DRIFT;
    }

    private static String summary(List<String> targets, List<Outcome> outcomes, List<Reports.ScanError> errors) {
        long inSync = outcomes.stream().filter(Outcome::inSync).count();
        StringBuilder line = new StringBuilder("Scanned ")
                .append(Reports.plural(targets.size(), "region")).append(": ")
                .append(outcomes.isEmpty() ? "no security groups managed by rancher-sg"
                        : Reports.plural(outcomes.size(), "group") + ", " + inSync + " in sync, "
                                + (outcomes.size() - inSync) + " with drift");
        long failedRegions = errors.stream().filter(e -> e.groupId() == null).count();
        long failedGroups = errors.size() - failedRegions;
        if (failedGroups > 0) {
            line.append(", ").append(Reports.plural((int) failedGroups, "group")).append(" could not be checked");
        }
        if (failedRegions > 0) {
            line.append(", ").append(Reports.plural((int) failedRegions, "region")).append(" failed");
        }
        return line.append('.').toString();
    }

    /** "scan: 3/17 regions" on stderr, redrawn in place; only when stderr belongs to a terminal. */
    private static final class Progress implements Scanner.Listener {
        private final PrintWriter err;
        private final AtomicInteger done = new AtomicInteger();
        private volatile int total;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void started(List<ScanTarget> targets) {
            total = targets.size();
        }

        @Override
        public void done(ScanTarget target) {
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
