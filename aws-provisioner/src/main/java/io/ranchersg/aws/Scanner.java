package io.ranchersg.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Checks every group rancher-sg manages (and, when asked, every group Rancher's EC2 node driver
 * made) in many regions of many accounts: at most {@code parallelism} calls at a time, one
 * {@link Ec2Session} per account and region, each group against the profile its tags record.
 *
 * <p>A scan of accounts runs on one pool. Per account, its roles are assumed once (one
 * {@link AssumedRoles} serves all its regions and refreshes its credentials before they expire)
 * and, when the account names no regions, its enabled regions are listed; as soon as that is done,
 * each of its regions is read with one paginated {@code DescribeSecurityGroups}, while later
 * accounts are still being reached. Results come in the order of the accounts and their regions.
 *
 * <p>Failures stay where they happen: an account whose role cannot be assumed becomes one of the
 * result's {@link ScanResult#failedAccounts() failed accounts}, a region that cannot be read its
 * entry's {@link ScanResult.Entry#failure() failure}, and a group that cannot be checked one of its
 * {@link ScanResult.Entry#unchecked() unchecked} groups; none hides what the scan could read
 * elsewhere. Only a missing home region (for the caller's own account), and bugs, are thrown.
 *
 * <p>A scanner is immutable and may be shared; each scan opens its own sessions and thread pool and
 * closes them before it returns. Credentials given with {@link #withCredentials} stay the caller's.
 */
public final class Scanner {

    /** The most account-regions scanned at once. */
    public static final int MAX_PARALLELISM = 64;

    private final ClientSettings settings;
    private final int parallelism;
    private final Listener listener;
    private final boolean driverGroups;
    private final boolean verifyDriverGroups;
    private final boolean defaultGroups;
    private final List<GroupToVerify> toVerify;
    /** The caller's own credentials, or {@code null} for the standard chain's (opened and closed per scan). */
    private final AwsCredentialsProvider credentials;

    /** Told how a scan advances, for progress displays; called from the scan's threads. */
    public interface Listener {

        /**
         * The scan begins; no account is reached yet.
         *
         * @param count how many accounts it will try to reach
         */
        default void accounts(int count) {
        }

        /**
         * One account is reached and its targets chosen; none of them is scanned yet. Other accounts may
         * still be being reached, and others' regions scanned, meanwhile.
         *
         * @param targets every region of the account the scan will read, in order
         */
        default void started(List<ScanTarget> targets) {
        }

        /**
         * One account could not be reached: none of its regions will be scanned.
         *
         * @param failure the account and why
         */
        default void failed(ScanResult.AccountFailure failure) {
        }

        /**
         * One target is done, whether it could be read or not.
         *
         * @param entry what the target gave
         */
        default void done(ScanResult.Entry entry) {
        }
    }

    /**
     * A scanner of the groups rancher-sg manages.
     *
     * @param settings    how to reach AWS; the region is replaced by each target's, the roles (if
     *                    any) are assumed first for every account
     * @param parallelism account-regions scanned at once, 1 to {@value #MAX_PARALLELISM}
     * @param listener    told how the scan advances
     * @throws IllegalArgumentException when the parallelism is out of range
     */
    public Scanner(ClientSettings settings, int parallelism, Listener listener) {
        this(settings, parallelism, listener, false, false, false, List.of(), null);
    }

    /**
     * A scanner that tells no one how it advances.
     *
     * @param settings how to reach AWS; the region is replaced by each target's
     * @param parallelism account-regions scanned at once, 1 to {@value #MAX_PARALLELISM}
     * @throws IllegalArgumentException when the parallelism is out of range
     */
    public Scanner(ClientSettings settings, int parallelism) {
        this(settings, parallelism, new Listener() { });
    }

    private Scanner(ClientSettings settings, int parallelism, Listener listener, boolean driverGroups,
                    boolean verifyDriverGroups, boolean defaultGroups, List<GroupToVerify> toVerify,
                    AwsCredentialsProvider credentials) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is out of range 1.."
                    + MAX_PARALLELISM);
        }
        this.parallelism = parallelism;
        this.listener = Objects.requireNonNull(listener, "listener");
        this.driverGroups = driverGroups;
        this.verifyDriverGroups = verifyDriverGroups;
        this.defaultGroups = defaultGroups;
        this.toVerify = List.copyOf(toVerify);
        this.credentials = credentials;
    }

    /**
     * This scanner, also checking the groups Rancher's EC2 node driver made
     * ({@link Reconciler#checkScanned(boolean)}), in the same read.
     *
     * @param include whether to check the node driver's groups
     * @return a new scanner; this one is unchanged
     */
    public Scanner withDriverGroups(boolean include) {
        return new Scanner(settings, parallelism, listener, include, verifyDriverGroups && include, defaultGroups,
                toVerify, credentials);
    }

    /**
     * This scanner, verifying the groups Rancher's EC2 node driver made instead of comparing them
     * exactly ({@link Reconciler#checkScannedVerifyingDriverGroups}): a driver's group is judged by
     * whether Rancher works with it. Includes the driver's groups when {@code verify} is true.
     *
     * @param verify whether to verify the node driver's groups
     * @return a new scanner; this one is unchanged
     */
    public Scanner withDriverGroupsVerified(boolean verify) {
        return new Scanner(settings, parallelism, listener, driverGroups || verify, verify, defaultGroups,
                toVerify, credentials);
    }

    /**
     * This scanner, also judging the default group of every VPC ({@link Reconciler#checkScanned(boolean,
     * boolean)}): one more read per account and region.
     *
     * @param include whether to judge the default groups
     * @return a new scanner; this one is unchanged
     */
    public Scanner withDefaultGroups(boolean include) {
        return new Scanner(settings, parallelism, listener, driverGroups, verifyDriverGroups, include, toVerify,
                credentials);
    }

    /**
     * This scanner, starting from these credentials (the caller keeps and closes them) instead of
     * the standard chain's: each account's roles are assumed with them, and accounts without roles
     * are read with them.
     *
     * @param own the credentials to start from
     * @return a new scanner; this one is unchanged
     */
    public Scanner withCredentials(AwsCredentialsProvider own) {
        return new Scanner(settings, parallelism, listener, driverGroups, verifyDriverGroups, defaultGroups,
                toVerify, Objects.requireNonNull(own, "own"));
    }

    /**
     * This scanner, verifying the groups named here that rancher-sg does not manage against the
     * requirements given for each ({@link Reconciler#checkScannedVerifying}), and the node driver's
     * groups too (as {@link #withDriverGroupsVerified}). Each region is then read whole, still in one
     * paginated read: naming groups costs no read of its own.
     *
     * @param groups the groups to verify, by id or by name and VPC; empty for none
     * @return a new scanner; this one is unchanged
     */
    public Scanner withGroupsToVerify(List<GroupToVerify> groups) {
        boolean any = !groups.isEmpty();
        return new Scanner(settings, parallelism, listener, driverGroups || any, verifyDriverGroups || any,
                defaultGroups, groups, credentials);
    }

    /**
     * Scans these regions of the caller's account (or the settings' roles' account), once each, in order.
     *
     * @param regions the regions' names; empty for every region enabled for the account
     * @return one entry per region, and the account if it could not be reached
     */
    public ScanResult scan(List<String> regions) {
        return scanAccounts(List.of(FleetAccount.own(regions)));
    }

    /**
     * Scans the one region of the settings, or the region the AWS chain names when they name none.
     *
     * @return one entry, for that region
     * @throws AwsSetupException when no region can be found
     */
    public ScanResult scanHomeRegion() {
        return scan(List.of(Ec2Session.regionOf(settings)));
    }

    /**
     * Scans every region enabled for the account, as DescribeRegions in the settings' region lists
     * them. When they cannot be listed, the result says so ({@link ScanResult#failedAccounts()}).
     *
     * @return one entry per region
     * @throws AwsSetupException when no region can be found to ask in
     */
    public ScanResult scanEnabledRegions() {
        Ec2Session.regionOf(settings);
        return scan(List.of());
    }

    /**
     * Scans these accounts, each in its regions (or, when it names none, in every region enabled
     * for it), in the order given.
     *
     * @param accounts the accounts, each with its roles and regions
     * @return one entry per account and region reached, and the accounts that could not be reached
     */
    public ScanResult scanAccounts(List<FleetAccount> accounts) {
        List<FleetAccount> all = List.copyOf(accounts);
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, runnable -> {
            Thread thread = new Thread(runnable, "scan");
            thread.setDaemon(true);
            return thread;
        });
        AwsCredentialsProvider own = credentials != null ? credentials : Ec2Session.ownCredentials(settings);
        List<Access> reached = new ArrayList<>();
        List<Future<Opened>> opening = new ArrayList<>();
        try {
            listener.accounts(all.size());
            // Off the pool, so as to take no account's place: the first EC2 client's classes load
            // while the roles are being assumed.
            Thread prepare = new Thread(() -> Ec2Session.prepare(settings), "scan-prepare");
            prepare.setDaemon(true);
            prepare.start();
            // Each account's regions join the pool's queue as soon as the account is reached, behind the
            // accounts not yet reached: no thread waits for the slowest role before reading a region.
            for (FleetAccount account : all) {
                opening.add(pool.submit(() -> openAndSubmit(account, own, pool)));
            }
            List<ScanResult.AccountFailure> failed = new ArrayList<>();
            List<ScanResult.Entry> entries = new ArrayList<>();
            // Results in the order of the accounts and of their regions, whatever order they finish in.
            for (int i = 0; i < all.size(); i++) {
                Opened opened = await(all.get(i).label(), opening.get(i));
                if (opened instanceof Access access) {
                    reached.add(access);
                    for (int r = 0; r < access.scans().size(); r++) {
                        entries.add(await(access.targets().get(r), access.scans().get(r)));
                    }
                } else if (opened instanceof Unreached unreached) {
                    failed.add(unreached.failure());
                }
            }
            Map<String, Integer> listing = new TreeMap<>();
            failed.forEach(f -> merge(listing, f.apiCalls()));
            reached.forEach(access -> merge(listing, access.calls()));
            return new ScanResult(entries, failed, listing);
        } finally {
            pool.shutdownNow();
            // Every account reached is closed, those after one whose await failed (a bug) included.
            opening.forEach(Scanner::closeIfReached);
            if (credentials == null && own instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * Reaches one account ({@link #open}) and, when it is reached, puts the reads of its regions on the
     * pool at once; on the pool's threads.
     */
    private Opened openAndSubmit(FleetAccount account, AwsCredentialsProvider own, ExecutorService pool) {
        Opened opened = open(account, own);
        if (opened instanceof Unreached unreached) {
            listener.failed(unreached.failure());
            return opened;
        }
        Access access = (Access) opened;
        List<ScanTarget> targets = new ArrayList<>();
        for (String region : access.regions()) {
            targets.add(new ScanTarget(access.accountId(), account.name(), region));
        }
        listener.started(List.copyOf(targets));
        List<Future<ScanResult.Entry>> scans = new ArrayList<>();
        for (ScanTarget target : targets) {
            scans.add(pool.submit(() -> {
                ScanResult.Entry entry = scan(target, access.credentials());
                listener.done(entry);
                return entry;
            }));
        }
        return access.withScans(targets, scans);
    }

    /**
     * Reaches one account: its roles assumed (once, here, so that a refusal is the account's alone)
     * and its regions chosen. An account without roles is reached with its profile's credentials,
     * or the caller's; those must be the account's own (STS GetCallerIdentity), or its groups would
     * be reported under an id they do not belong to.
     *
     * @return an {@link Access}, or why the account could not be reached
     */
    private Opened open(FleetAccount account, AwsCredentialsProvider own) {
        // A profile replaces the caller's credentials (and the scan's roles) for an account without roles.
        boolean viaProfile = account.profile() != null && account.roles().isEmpty();
        List<AssumedRole> chain = new ArrayList<>(viaProfile ? List.of() : settings.roles());
        chain.addAll(account.roles());
        String accountId = account.id() != null ? account.id()
                : chain.isEmpty() ? null : chain.get(chain.size() - 1).accountId();
        // STS and DescribeRegions are asked in the run's home region, else in the account's first region.
        String home = settings.region() != null || account.regions().isEmpty()
                ? Ec2Session.regionOf(settings) : account.regions().get(0);
        AssumedRoles assumed = null;
        AwsCredentialsProvider profile = null;
        Map<String, Integer> calls = new TreeMap<>();
        try {
            String reached = chain.isEmpty() ? null : chain.get(chain.size() - 1).accountId();
            if (account.id() != null && reached != null && !account.id().equals(reached)) {
                // Only possible for an account without roles of its own in a scan with roles: it would be
                // read in the roles' account and reported under its own id.
                throw new IllegalArgumentException("account " + account.label() + " has no role of its own, and the"
                        + " scan's role '" + chain.get(chain.size() - 1) + "' works in account " + reached);
            }
            AwsCredentialsProvider credentials = own;
            if (viaProfile) {
                profile = Ec2Session.credentials(account.profile());
                credentials = profile;
            }
            if (!chain.isEmpty()) {
                assumed = AssumedRoles.of(settings.withRoles(chain), home, own, false);
                credentials = assumed;
                assumed.resolveCredentials();
            } else if (account.id() != null) {
                CallCounter asked = new CallCounter("STS");
                try {
                    String caller = CallerIdentity.account(settings, home, credentials, asked);
                    if (!caller.equals(account.id())) {
                        throw new AwsSetupException("account " + account.label() + " has no role, and "
                                + (viaProfile ? "profile '" + account.profile() + "'" : "the caller's credentials")
                                + " work in account " + caller + ": give it a role"
                                + (viaProfile ? " or the profile of the account" : " or a profile"));
                    }
                } finally {
                    merge(calls, asked.calls());
                }
            }
            List<String> regions = account.regions();
            if (regions.isEmpty()) {
                try (Ec2Session session = Ec2Session.open(settings.withRegion(home), credentials, accountId)) {
                    try {
                        regions = new SecurityGroupApi(session).regions();
                    } finally {
                        merge(calls, session.calls().calls());
                    }
                }
                if (regions.isEmpty()) {
                    throw new Ec2CallException("DescribeRegions in " + home + " returned no regions");
                }
            }
            return new Access(account, accountId, credentials, assumed, profile, regions, calls, List.of(), List.of());
        } catch (RancherSgException | IllegalArgumentException | SdkException e) {
            if (assumed != null) {
                merge(calls, assumed.calls().calls());
                assumed.close();
            }
            close(profile);
            FleetAccount named = accountId == null || account.id() != null ? account
                    : new FleetAccount(accountId, account.name(), account.roles(), account.regions(), account.profile());
            return new Unreached(new ScanResult.AccountFailure(named, e, calls));
        }
    }

    private static void close(AwsCredentialsProvider credentials) {
        if (credentials instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    private ScanResult.Entry scan(ScanTarget target, AwsCredentialsProvider credentials) {
        Ec2Session session = null;
        try {
            session = Ec2Session.open(settings.withRegion(target.region()), credentials, target.accountId());
            List<GroupCheck.Checked> checked = new ArrayList<>();
            List<GroupCheck.Unchecked> unchecked = new ArrayList<>();
            Reconciler reconciler = new Reconciler(session);
            for (GroupCheck check : verifyDriverGroups ? reconciler.checkScannedVerifying(toVerify, defaultGroups)
                    : reconciler.checkScanned(driverGroups, defaultGroups)) {
                if (check instanceof GroupCheck.Checked done) {
                    checked.add(done);
                } else if (check instanceof GroupCheck.Unchecked failed) {
                    unchecked.add(failed);
                }
            }
            return new ScanResult.Entry(target, checked, unchecked, session.calls().calls(), null);
        } catch (RancherSgException | IllegalArgumentException | SdkException e) {
            // SdkException: opening a session can fail before any call is made (no credentials, bad region).
            Map<String, Integer> calls = session == null ? Map.of() : session.calls().calls();
            return new ScanResult.Entry(target, List.of(), List.of(), calls, e);
        } finally {
            if (session != null) {
                session.close();
            }
        }
    }

    private static void closeIfReached(Future<Opened> opening) {
        if (!opening.isDone() || opening.isCancelled()) {
            return;
        }
        try {
            if (opening.get() instanceof Access access) {
                access.close();
            }
        } catch (ExecutionException | InterruptedException e) {
            // Not reached, or reported by await already: nothing to close.
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static <T> T await(Object what, Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ec2CallException("interrupted while scanning " + what, e);
        } catch (ExecutionException e) {
            // A bug, not an AWS failure (those are kept per account and target): let the caller report it.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("scan of " + what + " failed", cause);
        }
    }

    private static void merge(Map<String, Integer> into, Map<String, Integer> calls) {
        calls.forEach((operation, count) -> into.merge(operation, count, Integer::sum));
    }

    /** How reaching one account ended. */
    private sealed interface Opened permits Access, Unreached {
    }

    /** An account that could not be reached: none of its regions is scanned. */
    private record Unreached(ScanResult.AccountFailure failure) implements Opened {
    }

    /**
     * A reached account: the credentials all its regions share, the regions to scan, and once they are
     * on the pool, their targets and reads in the same order.
     */
    private record Access(FleetAccount account, String accountId, AwsCredentialsProvider credentials,
                          AssumedRoles assumed, AwsCredentialsProvider profile, List<String> regions,
                          Map<String, Integer> openingCalls, List<ScanTarget> targets,
                          List<Future<ScanResult.Entry>> scans)
            implements Opened {

        Access withScans(List<ScanTarget> chosen, List<Future<ScanResult.Entry>> submitted) {
            return new Access(account, accountId, credentials, assumed, profile, regions, openingCalls,
                    List.copyOf(chosen), List.copyOf(submitted));
        }

        /** {@return the calls made to reach it, refreshes of its credentials during the scan included} */
        Map<String, Integer> calls() {
            Map<String, Integer> all = new TreeMap<>(openingCalls);
            if (assumed != null) {
                merge(all, assumed.calls().calls());
            }
            return all;
        }

        void close() {
            if (assumed != null) {
                assumed.close();
            }
            Scanner.close(profile);
        }
    }
}
