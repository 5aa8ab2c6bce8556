package io.ranchersg.cli;

import io.ranchersg.aws.FleetAccount;
import io.ranchersg.cli.view.Prometheus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Which accounts a scan reads: those of a c7n-org accounts file ({@code --accounts}), chosen by
 * {@code --account}, {@code --tag} and {@code --shard} or {@code --shards} ({@link Shards}, declared
 * by the command: picocli would list a mixin's groups before its options).
 */
final class FleetMixin {

    /** The variable a Kubernetes Indexed Job sets to the pod's index: {@code --shards} takes the shard from it. */
    static final String JOB_COMPLETION_INDEX = "JOB_COMPLETION_INDEX";

    /** Which part of the accounts file: the command's group, after the options here. */
    static final class Shards {
        @Option(names = "--shard", paramLabel = "I/N", required = true,
                description = "Scan only shard I of N (from 0) of the accounts file: the accounts whose"
                        + " SHA-256(account_id) mod N is I. N jobs with shards 0/N to N-1/N scan each account once.")
        String shard;

        @Option(names = "--shards", paramLabel = "N", required = true,
                description = "Split the accounts file into N shards and scan the one " + JOB_COMPLETION_INDEX
                        + " names (a Kubernetes Indexed Job).")
        Integer count;

        /** {@code --shard}, or the shard of {@code --shards} that {@value FleetMixin#JOB_COMPLETION_INDEX} names. */
        Shard shard(Map<String, String> env) {
            if (shard != null) {
                try {
                    return Shard.parse(shard);
                } catch (IllegalArgumentException e) {
                    throw UsageException.of("--shard", e);
                }
            }
            String index = env.get(JOB_COMPLETION_INDEX);
            if (index == null || index.isBlank()) {
                throw new UsageException("--shards: " + JOB_COMPLETION_INDEX + " is not set: give --shard I/N instead,"
                        + " or run as a Kubernetes Indexed Job");
            }
            try {
                return Shard.parse(index.strip() + "/" + count);
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--shards " + count + " with " + JOB_COMPLETION_INDEX + "='" + index + "'",
                        e);
            }
        }
    }

    @Option(names = "--accounts", paramLabel = "FILE",
            description = "Scan the accounts of this file (c7n-org's YAML format: account_id, name, role or"
                    + " profile, external_id, regions, tags), each through its role or profile; an account with"
                    + " neither only when the caller's credentials are its own. Unlike c7n-org, an account"
                    + " without regions is scanned in every region enabled for it.")
    Path accountsFile;

    @Option(names = "--account", paramLabel = "NAME_OR_ID", split = ",",
            description = "With --accounts: only these accounts, by name or id (repeatable).")
    List<String> accountNames = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG",
            description = "With --accounts: only the accounts carrying this tag (repeatable: every tag given).")
    List<String> tags = new ArrayList<>();

    /**
     * The labels of a fleet scan's run-level Prometheus series: the accounts file's name and the
     * shard; none without {@code --accounts}.
     */
    Prometheus.RunLabels runLabels(Shards shards, Map<String, String> env) {
        if (accountsFile == null) {
            return Prometheus.RunLabels.NONE;
        }
        Path name = accountsFile.getFileName();
        return new Prometheus.RunLabels(name == null ? accountsFile.toString() : name.toString(),
                shards == null ? null : shards.shard(env).toString());
    }

    /**
     * The accounts the options choose, each with the regions to scan: {@code regions} where given,
     * with {@code allRegions} every region enabled for it, else those of the file or else enabled.
     * {@code null} without {@code --accounts}. Never calls AWS.
     *
     * @param shards      {@code --shard} or {@code --shards}, or {@code null}
     * @param env         where {@code --shards} finds {@value #JOB_COMPLETION_INDEX}
     * @param roleAccount the account of {@code --role-arn}, or {@code null}: the scan assumes that
     *                    role first, so an account without a role of its own would be read as that one
     * @throws UsageException naming the option and the bad value
     */
    List<FleetAccount> accounts(Shards shards, Map<String, String> env, String roleAccount, List<String> regions,
                                boolean allRegions) {
        if (accountsFile == null) {
            for (String option : List.of("--account", "--tag", "--shard")) {
                boolean given = option.equals("--account") ? !accountNames.isEmpty()
                        : option.equals("--tag") ? !tags.isEmpty() : shards != null;
                if (given) {
                    throw new UsageException(option + ": selects from an accounts file: give --accounts FILE too");
                }
            }
            return null;
        }
        List<AccountsFile.Account> chosen = chosen(shards, env);
        for (AccountsFile.Account account : chosen) {
            if (account.roles().isEmpty() && account.profile() == null && roleAccount != null
                    && !roleAccount.equals(account.id())) {
                throw new UsageException("--accounts " + accountsFile + ": account " + account.id() + " has no role"
                        + " or profile, so it would be read as --role-arn's account " + roleAccount
                        + ": give it a role");
            }
        }
        return chosen.stream().map(AccountsFile.Account::toFleetAccount)
                .map(a -> regions != null ? a.withRegions(regions) : allRegions ? a.withRegions(List.of()) : a)
                .toList();
    }

    /** The file's accounts that --account, --tag and --shard(s) select. */
    private List<AccountsFile.Account> chosen(Shards shards, Map<String, String> env) {
        String text = read("--accounts", accountsFile, AccountsFile.MAX_SIZE);
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
        return shards == null ? chosen : shards.shard(env).select(chosen, AccountsFile.Account::id);
    }

    /**
     * The text of the file an option names: a regular file (a device such as {@code /dev/zero} would
     * never end, a FIFO would block until written), of at most {@code maxBytes} bytes, read no further.
     * Also reads {@code scan --verify-groups}'s file.
     */
    static String read(String option, Path file, int maxBytes) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            if (!attributes.isRegularFile()) {
                throw new UsageException(option + ": '" + file + "' is not a regular file ("
                        + (attributes.isDirectory() ? "a directory" : "a device, pipe or socket") + ")");
            }
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new UsageException(option + ": '" + file + "' is larger than " + maxBytes
                            + " bytes");
                }
                return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
            }
        } catch (CharacterCodingException e) {
            throw new UsageException(option + ": '" + file + "' is not UTF-8 text", e);
        } catch (IOException e) {
            throw new UsageException(option + ": cannot read '" + file + "' (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")", e);
        }
    }
}
