package io.ranchersg.cli;

import io.ranchersg.aws.FleetAccount;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.Scanner;
import io.ranchersg.cli.view.ScanProgress;
import io.ranchersg.cli.view.ScanView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
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
            "With --accounts, scans the accounts of a c7n-org accounts file, assuming each one's role once;"
                + " --shard splits the file between scheduled jobs.",
            "Reads only. Exit 0 all in sync, 2 drift found, 1 error (an account, a region or a group could not be"
                + " read; the rest is still reported), 64 bad usage."})
final class ScanCommand extends AwsCommand {

    /** The variable a Kubernetes Indexed Job sets to the pod's index: {@code --shards} takes the shard from it. */
    static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

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

    /** Which part of the accounts file. */
    static final class Shards {
        @Option(names = "--shard", paramLabel = "I/N", required = true,
                description = "Scan only shard I of N (from 0) of the accounts file: the accounts whose"
                        + " SHA-256(account_id) mod N is I. N jobs with shards 0/N to N-1/N scan each account once.")
        String shard;

        @Option(names = "--shards", paramLabel = "N", required = true,
                description = "Split the accounts file into N shards and scan the one " + JOB_COMPLETION_INDEX
                        + " names (a Kubernetes Indexed Job).")
        Integer count;
    }

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Regions regions;

    @Option(names = "--accounts", paramLabel = "FILE",
            description = "Scan the accounts of this file (c7n-org's YAML format: account_id, name, role,"
                    + " external_id, regions, tags), each through its role.")
    Path accountsFile;

    @Option(names = "--account", paramLabel = "NAME_OR_ID", split = ",",
            description = "With --accounts: only these accounts, by name or id (repeatable).")
    List<String> accountNames = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG",
            description = "With --accounts: only the accounts carrying this tag (repeatable: every tag given).")
    List<String> tags = new ArrayList<>();

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Shards shards;

    @Option(names = "--include-driver-groups",
            description = "Also check the groups Rancher's EC2 node driver made (named rancher-nodes, tagged"
                    + " rancher-nodes) against what current drivers open (profile rancher-nodes, --current).")
    boolean driverGroups;

    @Option(names = "--parallelism", paramLabel = "N", defaultValue = "8",
            description = "Account-regions scanned at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int parallelism = 8;

    @Mixin
    ReportFilesMixin files;

    /** The accounts to scan, chosen by {@link #validate()}; {@code null} without --accounts. */
    private List<FleetAccount> accounts;

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
        if (accountsFile == null) {
            for (String option : List.of("--account", "--tag", "--shard")) {
                boolean given = option.equals("--account") ? !accountNames.isEmpty()
                        : option.equals("--tag") ? !tags.isEmpty() : shards != null;
                if (given) {
                    throw new UsageException(option + ": selects from an accounts file: give --accounts FILE too");
                }
            }
        } else {
            accounts = chooseAccounts();
        }
        files.check();
    }

    /** The file's accounts that --account, --tag and --shard(s) select, with --regions applied. */
    private List<FleetAccount> chooseAccounts() {
        String text;
        try {
            text = Files.readString(accountsFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UsageException("--accounts: cannot read '" + accountsFile + "' (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
        List<AccountsFile.Account> chosen;
        try {
            chosen = AccountsFile.parse(text).select(accountNames.stream().map(String::strip).toList(), tags);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--accounts " + accountsFile, e);
        }
        if (chosen.isEmpty() && !tags.isEmpty()) {
            // A misspelt tag would otherwise make a scheduled scan pass on nothing at all.
            throw new UsageException("--tag: no account of '" + accountsFile + "' carries "
                    + String.join(" and ", tags.stream().map(tag -> "'" + tag + "'").toList())
                    + (accountNames.isEmpty() ? "" : " among the accounts chosen with --account"));
        }
        Shard shard = shard();
        if (shard != null) {
            chosen = shard.select(chosen, AccountsFile.Account::id);
        }
        for (AccountsFile.Account account : chosen) {
            if (account.roles().isEmpty() && settings.account() != null && !settings.account().equals(account.id())) {
                throw new UsageException("--accounts " + accountsFile + ": account " + account.id() + " has no role,"
                        + " so it would be read as --role-arn's account " + settings.account() + ": give it a role");
            }
        }
        List<String> given = regions != null && regions.regions != null
                ? regions.regions.stream().map(String::strip).toList() : null;
        boolean enabled = regions != null && regions.all;
        return chosen.stream().map(AccountsFile.Account::toFleetAccount)
                .map(a -> given != null ? new FleetAccount(a.id(), a.name(), a.roles(), given)
                        : enabled ? new FleetAccount(a.id(), a.name(), a.roles(), List.of()) : a)
                .toList();
    }

    private Shard shard() {
        if (shards == null) {
            return null;
        }
        if (shards.shard != null) {
            try {
                return Shard.parse(shards.shard);
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--shard", e);
            }
        }
        String index = context.env().get(JOB_COMPLETION_INDEX);
        if (index == null || index.isBlank()) {
            throw new UsageException("--shards: " + JOB_COMPLETION_INDEX + " is not set: give --shard I/N instead,"
                    + " or run as a Kubernetes Indexed Job");
        }
        try {
            return Shard.parse(index.strip() + "/" + shards.count);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--shards " + shards.count + " with " + JOB_COMPLETION_INDEX + "='" + index + "'", e);
        }
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        ScanProgress progress = new ScanProgress(context.progress() && !jsonOutput() ? err() : null);
        Scanner scanner = new Scanner(settings, parallelism, progress).withDriverGroups(driverGroups);
        ScanResult result;
        try {
            result = files.recording(at, () -> scan(scanner));
        } finally {
            progress.clear();
        }
        return report(files, ScanView.of(result, accounts != null, driverGroups,
                e -> ErrorFunnel.clean(ErrorFunnel.describe(e))), at);
    }

    /** The accounts of the file, the regions listed, every region enabled, or else the one region. */
    private ScanResult scan(Scanner scanner) {
        if (accounts != null) {
            return scanner.scanAccounts(accounts);
        }
        if (regions != null && regions.regions != null) {
            return scanner.scan(regions.regions.stream().map(String::strip).toList());
        }
        return regions != null && regions.all ? scanner.scanEnabledRegions() : scanner.scanHomeRegion();
    }
}
