package io.ranchersg.cli;

import io.ranchersg.aws.FleetAccount;
import io.ranchersg.aws.GroupToVerify;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.Scanner;
import io.ranchersg.cli.view.ScanProgress;
import io.ranchersg.cli.view.ScanView;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code rancher-sg scan}: checks every group rancher-sg manages (found by its tags), and with
 * {@code --include-driver-groups} every group Rancher's node driver made, in one or more regions of
 * one account or of every account of an accounts file, through {@link Scanner}; prints one report.
 */
@Command(name = "scan", description = {"Check every group rancher-sg manages, across regions and accounts.",
            "Finds the groups by their rancher-sg tags and checks each against the profile and options the tags"
                + " record; regions and accounts are read concurrently, into one report. Progress goes to stderr"
                + " on a terminal.",
            "With --accounts, scans the accounts of a c7n-org accounts file, each through its role (assumed once)"
                + " or profile; an account without regions (or with [all]) in every region enabled for it, where"
                + " c7n-org would read only us-east-1 and us-west-2. --shard splits the file between scheduled jobs.",
            "Reads only. Exit 0 all in sync, 2 drift found, 1 error (an account, a region or a group could not be"
                + " read; the rest is still reported), 64 bad usage."})
final class ScanCommand extends AwsCommand {

    /** Which regions: a list, or all the account has enabled; neither means the one region of --region or the chain. */
    static final class Regions {
        @Option(names = "--regions", paramLabel = "REGION", split = ",", required = true,
                description = "Regions to scan, comma separated (default: the region of --region or the AWS chain;"
                        + " with --accounts, each account's regions, else those enabled for it).")
        List<String> regions;

        @Option(names = "--all-regions", required = true,
                description = "Scan every region enabled for the account (DescribeRegions).")
        boolean all;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Regions regions;

    @Mixin
    FleetMixin fleet;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    FleetMixin.Shards shards;

    @Option(names = "--include-driver-groups",
            description = "Also check the groups Rancher's EC2 node driver made (named rancher-nodes, tagged"
                    + " rancher-nodes) against what current drivers open (profile rancher-nodes, --current).")
    boolean driverGroups;

    @Option(names = "--verify",
            description = "Verify the groups Rancher's EC2 node driver made instead of comparing them exactly (implies"
                    + " --include-driver-groups): missing is only what Rancher needs and the group does not allow;"
                    + " broader rules are not drift (see rancher-sg verify).")
    boolean verify;

    @Option(names = "--verify-groups", paramLabel = "FILE",
            description = "Also verify the groups this YAML file names (by group_id, or by group_name and vpc_id),"
                    + " each against its profile, peers and options, although rancher-sg does not manage them"
                    + " (implies --verify). Each region is then read whole, still in one read; a group absent from"
                    + " the regions scanned is not reported.")
    Path verifyGroups;

    @Option(names = "--include-default-groups",
            description = "Also judge the default group of every VPC: any rule it holds is a finding"
                    + " (AWS EC2.2, CIS 5.4); one more read per region.")
    boolean defaultGroups;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8",
            description = "Account-regions scanned at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int parallelism = 8;

    @Mixin
    ReportFilesMixin files;

    /** The regions of --regions, checked by {@link #validate()}; {@code null} without it. */
    private List<String> listed;

    /** The accounts to scan, chosen by {@link #validate()}; {@code null} without --accounts. */
    private List<FleetAccount> accounts;

    /** The groups of --verify-groups, read by {@link #validate()}; empty without it. */
    private List<GroupToVerify> toVerify = List.of();

    ScanCommand(CliContext context) {
        super(context);
    }

    @Override
    boolean reportsFindings() {
        return true;
    }

    @Override
    void validate() {
        if (parallelism < 1 || parallelism > Scanner.MAX_PARALLELISM) {
            throw new UsageException("--parallelism: " + parallelism + " is out of range 1.." + Scanner.MAX_PARALLELISM);
        }
        if (regions != null && regions.regions != null) {
            listed = regions.regions.stream().map(String::strip).toList();
            listed.forEach(region -> AwsMixin.checkRegion("--regions", region));
        }
        boolean allRegions = regions != null && regions.all;
        accounts = fleet.accounts(shards, context.env(), settings.account(), listed, allRegions);
        if (verifyGroups != null) {
            String text = FleetMixin.read("--verify-groups", verifyGroups, VerifyGroupsFile.MAX_SIZE);
            try {
                toVerify = VerifyGroupsFile.parse(text).groups();
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--verify-groups " + verifyGroups, e);
            }
        }
        files.check();
        files.labelRun(fleet.runLabels(shards, context.env()));
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        ScanProgress progress = new ScanProgress(context.progress() && !jsonOutput() ? err() : null);
        Scanner scanner = new Scanner(settings, parallelism, progress).withDriverGroups(driverGroups)
                .withDriverGroupsVerified(verify).withDefaultGroups(defaultGroups).withGroupsToVerify(toVerify);
        ScanResult result;
        try {
            result = files.recording(at, () -> scan(scanner));
        } finally {
            progress.clear();
        }
        return report(files, ScanView.of(result, accounts != null, driverGroups || verify || verifyGroups != null,
                e -> ErrorFunnel.clean(ErrorFunnel.describe(e))), at);
    }

    /** The accounts of the file, the regions listed, every region enabled, or else the one region. */
    private ScanResult scan(Scanner scanner) {
        if (accounts != null) {
            return scanner.scanAccounts(accounts);
        }
        if (listed != null) {
            return scanner.scan(listed);
        }
        return regions != null && regions.all ? scanner.scanEnabledRegions() : scanner.scanHomeRegion();
    }
}
