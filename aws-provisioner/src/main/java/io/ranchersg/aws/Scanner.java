package io.ranchersg.aws;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Checks every group rancher-sg manages in many regions at once: one {@link Ec2Session} per region,
 * at most {@code parallelism} regions at a time, each against the profile its groups' tags record.
 *
 * <p>A region that cannot be read (no access, no answer, not enabled) becomes that region's
 * {@link ScanResult.Entry#failure() failure}, and a group that cannot be checked becomes one of its
 * {@link ScanResult.Entry#unchecked() unchecked} groups; neither hides what the scan could read
 * elsewhere. Only failures to choose the regions, and bugs, are thrown.
 */
public final class Scanner {

    /** The most regions scanned at once. */
    public static final int MAX_PARALLELISM = 32;

    private final ClientSettings settings;
    private final int parallelism;
    private final Listener listener;

    /** Told how a scan advances, for progress displays; called from the scan's threads. */
    public interface Listener {

        /** The targets are chosen; none is scanned yet. */
        default void started(List<ScanTarget> targets) {
        }

        /** One target is done, whether it could be read or not. */
        default void done(ScanTarget target) {
        }
    }

    /**
     * @param settings    how to reach EC2; the region is replaced by each target's
     * @param parallelism regions scanned at once, 1 to {@value #MAX_PARALLELISM}
     * @param listener    told how the scan advances
     */
    public Scanner(ClientSettings settings, int parallelism, Listener listener) {
        this.settings = Objects.requireNonNull(settings, "settings");
        if (parallelism < 1 || parallelism > MAX_PARALLELISM) {
            throw new IllegalArgumentException("parallelism " + parallelism + " is out of range 1.."
                    + MAX_PARALLELISM);
        }
        this.parallelism = parallelism;
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    public Scanner(ClientSettings settings, int parallelism) {
        this(settings, parallelism, new Listener() { });
    }

    /** Scans these regions, once each, in the order given. */
    public ScanResult scan(List<String> regions) {
        return scan(regions, Map.of());
    }

    /**
     * Scans the one region of the settings, or the region the AWS chain names when they name none.
     *
     * @throws RancherSgException when no region can be found
     */
    public ScanResult scanHomeRegion() {
        String region;
        try (Ec2Session session = Ec2Session.open(settings)) {
            region = session.region();
        }
        return scan(List.of(region));
    }

    /**
     * Scans every region enabled for the account, as DescribeRegions in the settings' region lists them.
     *
     * @throws RancherSgException when the regions cannot be listed
     */
    public ScanResult scanEnabledRegions() {
        try (Ec2Session session = Ec2Session.open(settings)) {
            List<String> names = session.regions();
            if (names.isEmpty()) {
                throw new Ec2CallException("DescribeRegions in " + session.region() + " returned no regions");
            }
            return scan(names, session.calls().calls());
        }
    }

    private ScanResult scan(List<String> regions, Map<String, Integer> listingCalls) {
        List<ScanTarget> targets = new LinkedHashSet<>(regions).stream().map(ScanTarget::new).toList();
        listener.started(targets);
        if (targets.isEmpty()) {
            return new ScanResult(List.of(), listingCalls);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, targets.size()), runnable -> {
            Thread thread = new Thread(runnable, "scan");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ScanResult.Entry>> futures = new ArrayList<>();
            for (ScanTarget target : targets) {
                futures.add(pool.submit(() -> {
                    try {
                        return scan(target);
                    } finally {
                        listener.done(target);
                    }
                }));
            }
            List<ScanResult.Entry> entries = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                entries.add(await(targets.get(i), futures.get(i)));
            }
            return new ScanResult(entries, listingCalls);
        } finally {
            pool.shutdownNow();
        }
    }

    private ScanResult.Entry scan(ScanTarget target) {
        Ec2Session session = null;
        try {
            session = Ec2Session.open(settings.withRegion(target.region()));
            List<Outcome> outcomes = new ArrayList<>();
            List<GroupCheck.Unchecked> unchecked = new ArrayList<>();
            for (GroupCheck check : new Reconciler(session).checkManaged()) {
                if (check instanceof GroupCheck.Checked checked) {
                    outcomes.add(checked.outcome());
                } else if (check instanceof GroupCheck.Unchecked failed) {
                    unchecked.add(failed);
                }
            }
            return new ScanResult.Entry(target, outcomes, unchecked, session.calls().calls(), null);
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

    private static ScanResult.Entry await(ScanTarget target, Future<ScanResult.Entry> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ec2CallException("interrupted while scanning " + target, e);
        } catch (ExecutionException e) {
            // A bug, not an AWS failure (those are kept per target): let the caller report it.
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("scan of " + target + " failed", cause);
        }
    }
}
