package io.ranchersg.cli.serve;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RefusedException;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.cli.view.Prometheus;
import io.ranchersg.core.Drift;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guard's loop: a pass over the whole scope every interval, and, when an events queue is
 * given, a re-check of the account and region of every group an API call touched, within moments
 * of the message. With a {@link Repairer}, drifted groups rancher-sg made are repaired after each
 * read, at most once per group per {@link RepairHoldOff#HOLD_OFF}.
 *
 * <p>Everything that reaches AWS is behind the three interfaces below, so that the loop itself
 * holds only the choices: what to re-read, what to count, what to repair, when to stop. It keeps
 * nothing but the last read ({@link PassState}): a restart re-derives all.
 *
 * <p>{@link #stop()} stops taking work: no new pass starts, the queue is not polled again, the
 * call in flight and the messages already received are finished; then {@link #run()} returns.
 */
public final class Guard {

    private static final Logger LOG = LoggerFactory.getLogger(Guard.class);
    private static final String RECHECK_THREAD = "rancher-sg-recheck";

    /** What serve guards, read through the scan's code path. */
    public interface Scope {
        /** {@return a pass: every account and region, as {@code scan} reads them} */
        ScanResult pass();

        /**
         * Reads one account-region again.
         *
         * @param account the account an event names
         * @param region  its region
         * @return what it holds now, or empty when it is outside the scope
         */
        Optional<ScanResult> recheck(String account, String region);
    }

    /** The events queue. */
    public interface Events {
        /** {@return the next messages, after waiting a few seconds at most for one} */
        List<Message> receive();

        /**
         * Deletes a message once it is handled.
         *
         * @param receipt the receipt handle it came with
         */
        void delete(String receipt);

        /**
         * One message.
         *
         * @param body    its body
         * @param receipt its receipt handle
         */
        record Message(String body, String receipt) {
        }
    }

    /** Writes a drifted group back to what its tags record. */
    public interface Repairer {
        /**
         * Repairs one group.
         *
         * @param target where it is
         * @param group  its check
         * @return what was done, or empty when the group may not be written after all
         * @throws RefusedException when ensure refuses, say for an unaccepted critical finding
         */
        Optional<Outcome> repair(ScanTarget target, Outcome group);
    }

    private final Scope scope;
    private final Events events;
    private final Repairer repairer;
    private final boolean prune;
    private final Interval interval;
    private final Clock clock;
    private final ServeMetrics metrics;
    private final Function<Throwable, String> describe;
    private final PassState state;
    private final RepairHoldOff holdOff = new RepairHoldOff();
    private final PendingEvents pending = new PendingEvents();
    private final ObjectMapper json = new ObjectMapper();
    private final Random random = new Random();
    private final Object wake = new Object();
    private volatile boolean stopping;
    /** True from construction (the endpoints answer before the loop's first instruction) until run returns. */
    private volatile boolean looping = true;

    /**
     * A guard; nothing runs until {@link #run()}.
     *
     * @param scope    what to read
     * @param events   the events queue, or {@code null}
     * @param repairer how to repair, or {@code null} to detect only
     * @param prune    whether a repair revokes extra rules (so whether they count as drift to repair)
     * @param interval time between passes
     * @param clock    the time
     * @param metrics  where to count
     * @param run      the labels of the run-level series, as {@code scan}'s textfile has them
     * @param describe a failure in one line, as the CLI words errors
     */
    public Guard(Scope scope, Events events, Repairer repairer, boolean prune, Interval interval, Clock clock,
                 ServeMetrics metrics, Prometheus.RunLabels run, Function<Throwable, String> describe) {
        this.scope = Objects.requireNonNull(scope, "scope");
        this.events = events;
        this.repairer = repairer;
        this.prune = prune;
        this.interval = Objects.requireNonNull(interval, "interval");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.describe = Objects.requireNonNull(describe, "describe");
        this.state = new PassState();
        metrics.registry().register(new PassCollector(state, run));
    }

    /**
     * Runs passes until {@link #stop()}; with an events queue, polls it on a thread of its own and
     * re-checks on another.
     *
     * @param stopWithin how long after {@link #stop()} to wait for the threads before returning
     */
    public void run(Duration stopWithin) {
        List<Thread> threads = new ArrayList<>();
        if (events != null) {
            threads.add(start("rancher-sg-events", this::pollEvents));
            threads.add(start(RECHECK_THREAD, this::recheckLoop));
        }
        int failures = 0;
        try {
            while (!stopping) {
                failures = pass() ? 0 : Math.min(failures + 1, 2);
                // After failed passes, wait longer (up to four intervals) rather than hammer an endpoint that is down.
                sleep(interval.nextWait(random).multipliedBy(1L << failures));
            }
        } finally {
            looping = false;
            Instant deadline = clock.instant().plus(stopWithin);
            // The poller first: the messages it has received still reach the re-check thread, which then drains.
            for (Thread thread : threads) {
                if (thread.getName().equals(RECHECK_THREAD)) {
                    pending.close();
                }
                try {
                    thread.join(Math.max(1, Duration.between(clock.instant(), deadline).toMillis()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            pending.close();
            metrics.stopped();
            LOG.info("stopped");
        }
    }

    /** Stops taking work; {@link #run} returns once the work in flight is done. */
    public void stop() {
        stopping = true;
        synchronized (wake) {
            wake.notifyAll();
        }
    }

    /** {@return whether the loop lives and no pass is stuck past three intervals} */
    public boolean healthy() {
        return looping && !state.stuck(clock.instant(), interval.stuckAfter());
    }

    /** {@return whether the first pass finished} */
    public boolean ready() {
        return state.ready();
    }

    /** {@return the last pass, with later re-checks in place} */
    public Optional<ScanResult> last() {
        return state.result();
    }

    /** One pass; whether it read everything. */
    private boolean pass() {
        Instant started = clock.instant();
        state.passStarted(started);
        ScanResult result;
        try {
            result = scope.pass();
        } catch (RuntimeException e) {
            // Scanner keeps AWS failures per account and region; what reaches here is unexpected. The loop lives on.
            state.passAbandoned();
            metrics.error("pass");
            LOG.warn("pass failed: {}", describe(e));
            return false;
        }
        Instant finished = clock.instant();
        state.passFinished(result, finished);
        Duration took = Duration.between(started, finished);
        metrics.pass(took, result.complete(), finished);
        metrics.calls(result.apiCalls());
        countFailures(result);
        List<Outcome> outcomes = result.outcomes();
        long drifted = outcomes.stream().filter(o -> !o.inSync()).count();
        long findings = outcomes.stream().mapToLong(o -> o.findings().size()).sum();
        LOG.info("pass: {} groups in {} account-regions, {} drifted, {} findings, {} failures, {} ms",
                outcomes.size(), result.entries().size(), drifted, findings, failures(result), took.toMillis());
        result.failedAccounts().forEach(f -> LOG.warn("account {} not reached: {}", f.account().label(),
                describe(f.failure())));
        result.entries().forEach(e -> e.failed().ifPresent(f -> LOG.warn("{} not read: {}", e.target(), describe(f))));
        repairDrift(result);
        return result.complete();
    }

    private void countFailures(ScanResult result) {
        metrics.errors("account", result.failedAccounts().size());
        metrics.errors("region", (int) result.entries().stream().filter(e -> e.failed().isPresent()).count());
        metrics.errors("group", result.entries().stream().mapToInt(e -> e.unchecked().size()).sum());
    }

    private static int failures(ScanResult result) {
        return result.failedAccounts().size() + (int) result.entries().stream()
                .filter(e -> e.failed().isPresent()).count()
                + result.entries().stream().mapToInt(e -> e.unchecked().size()).sum();
    }

    /** The events thread: receive, sort, hand the groups to the re-check thread. */
    private void pollEvents() {
        boolean failing = false;
        while (!stopping) {
            List<Events.Message> batch;
            try {
                batch = events.receive();
                metrics.call("ReceiveMessage");
                failing = false;
            } catch (RuntimeException e) {
                metrics.error("queue");
                if (!failing) {
                    LOG.warn("events queue: {}; retrying", describe(e));
                }
                failing = true;
                sleep(Duration.ofSeconds(2));
                continue;
            }
            metrics.received(batch.size());
            for (Events.Message message : batch) {
                GroupEvent event = GroupEvent.parse(json, message.body());
                if (event instanceof GroupEvent.Touched touched) {
                    pending.add(touched, message.receipt());
                } else {
                    boolean malformed = event instanceof GroupEvent.Malformed;
                    metrics.event(malformed ? ServeMetrics.EventResult.MALFORMED : ServeMetrics.EventResult.IGNORED);
                    LOG.debug("event {}: {}", malformed ? "malformed" : "ignored", event);
                    delete(message.receipt());
                }
            }
        }
    }

    /** The re-check thread: each burst of events re-reads each account-region once. */
    private void recheckLoop() {
        Map<GroupEvent.GroupKey, PendingEvents.Touches> batch;
        while ((batch = pending.take()) != null) {
            Map<List<String>, List<PendingEvents.Touches>> byTarget = new LinkedHashMap<>();
            batch.values().forEach(t -> byTarget.computeIfAbsent(List.of(t.first().account(), t.first().region()),
                    k -> new ArrayList<>()).add(t));
            byTarget.forEach((where, touches) -> recheck(where.get(0), where.get(1), touches));
        }
    }

    private void recheck(String account, String region, List<PendingEvents.Touches> touches) {
        Optional<ScanResult> read;
        try {
            read = scope.recheck(account, region);
        } catch (RuntimeException e) {
            // The messages stay in the queue: they come back once their visibility timeout ends.
            metrics.error("recheck");
            LOG.warn("re-check of {}/{} failed: {}", account, region, describe(e));
            return;
        }
        if (read.isEmpty()) {
            for (PendingEvents.Touches t : touches) {
                metrics.event(ServeMetrics.EventResult.IGNORED);
                LOG.debug("event ignored: {} is outside the scope", t.first().key());
                t.receipts().forEach(this::delete);
            }
            return;
        }
        ScanResult result = read.get();
        state.replace(result);
        metrics.calls(result.apiCalls());
        countFailures(result);
        for (PendingEvents.Touches t : touches) {
            GroupEvent.Touched event = t.first();
            Optional<GroupCheck.Checked> found = result.checked().stream()
                    .filter(c -> event.groupId().equals(c.outcome().groupId())).findFirst();
            if (found.isEmpty()) {
                metrics.event(ServeMetrics.EventResult.IGNORED);
                LOG.debug("event ignored: {} is not a group rancher-sg guards", event.key());
            } else {
                metrics.event(ServeMetrics.EventResult.HANDLED);
                Outcome o = found.get().outcome();
                LOG.info("event {} on {} ({}) in {}/{}: {}", event.eventName(), o.groupId(), o.groupName(),
                        account, region, summary(o));
            }
            t.receipts().forEach(this::delete);
        }
        repairDrift(result);
    }

    /** Repairs what drifted, then reads the repaired account-regions again, so that /metrics shows them as they are. */
    private void repairDrift(ScanResult result) {
        if (repairer == null) {
            return;
        }
        List<ScanTarget> repaired = new ArrayList<>();
        for (ScanResult.Entry entry : result.entries()) {
            for (GroupCheck.Checked checked : entry.checked()) {
                Outcome group = checked.outcome();
                if (checked.madeBy() != GroupCheck.Maker.RANCHER_SG || checked.stack() != null || !repairable(group)) {
                    continue;
                }
                GroupEvent.GroupKey key = new GroupEvent.GroupKey(String.valueOf(entry.target().accountId()),
                        group.region(), group.groupId());
                if (holdOff.decide(key, clock.instant()) == RepairHoldOff.Verdict.CONFLICT) {
                    metrics.conflict();
                    LOG.warn("{} ({}) drifted again within {} s of its repair: another writer is changing it;"
                            + " not repaired again before then", group.groupId(), group.groupName(),
                            RepairHoldOff.HOLD_OFF.toSeconds());
                    continue;
                }
                if (repair(entry.target(), group)) {
                    holdOff.repaired(key, clock.instant());
                    if (!repaired.contains(entry.target())) {
                        repaired.add(entry.target());
                    }
                }
            }
        }
        for (ScanTarget target : repaired) {
            try {
                scope.recheck(target.accountId(), target.region()).ifPresent(read -> {
                    state.replace(read);
                    metrics.calls(read.apiCalls());
                });
            } catch (RuntimeException e) {
                metrics.error("recheck");
                LOG.warn("re-check of {} after its repair failed: {}", target, describe(e));
            }
        }
    }

    /** Whether a repair would write: rules missing or described otherwise, or extra ones with prune. */
    private boolean repairable(Outcome group) {
        Drift drift = group.drift();
        return group.exists() && (!drift.missing().isEmpty() || !drift.changed().isEmpty()
                || (prune && !drift.extra().isEmpty()));
    }

    /** Repairs one group; whether anything was written. */
    private boolean repair(ScanTarget target, Outcome group) {
        try {
            Optional<Outcome> done = repairer.repair(target, group);
            if (done.isEmpty()) {
                return false;
            }
            Outcome o = done.get();
            metrics.repair("repaired");
            metrics.calls(o.apiCalls());
            LOG.info("repaired {} ({}) in {}: {} rules authorized, {} revoked, {} descriptions updated",
                    o.groupId(), o.groupName(), target, o.authorized().size(), o.revoked().size(), o.updated().size());
            return o.writeCalls() > 0;
        } catch (RefusedException e) {
            metrics.repair("refused");
            LOG.warn("not repaired {} ({}) in {}: {}", group.groupId(), group.groupName(), target, describe(e));
            return false;
        } catch (RuntimeException e) {
            metrics.repair("failed");
            metrics.error("repair");
            LOG.warn("repair of {} ({}) in {} failed: {}", group.groupId(), group.groupName(), target, describe(e));
            return false;
        }
    }

    private static String summary(Outcome o) {
        if (o.inSync() && o.findings().isEmpty()) {
            return "in sync";
        }
        Drift d = o.drift();
        return (o.inSync() ? "in sync" : d.missing().size() + " missing, " + d.extra().size() + " extra, "
                + d.changed().size() + " changed") + ", " + o.findings().size() + " findings";
    }

    private void delete(String receipt) {
        try {
            events.delete(receipt);
            metrics.call("DeleteMessage");
        } catch (RuntimeException e) {
            metrics.error("queue");
            LOG.debug("could not delete a message: {}", describe(e));
        }
    }

    private void sleep(Duration wait) {
        Instant until = clock.instant().plus(wait);
        synchronized (wake) {
            while (!stopping) {
                long left = Duration.between(clock.instant(), until).toMillis();
                if (left <= 0) {
                    return;
                }
                try {
                    wake.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    stopping = true;
                    return;
                }
            }
        }
    }

    private static Thread start(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        // Daemon: if a call in flight outlives the stop deadline, it must not keep the process from exiting.
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private String describe(Throwable e) {
        return describe.apply(e);
    }
}
