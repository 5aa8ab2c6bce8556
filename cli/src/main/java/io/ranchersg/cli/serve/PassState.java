package io.ranchersg.cli.serve;

import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the guard knows now: the last pass, with the account-regions re-checked since put in
 * place, and whether a pass is under way. Only what the last reads said: a restart re-derives all
 * of it. Safe for the HTTP threads to read while the guard writes.
 */
final class PassState {

    private ScanResult result;
    private Instant passStarted;
    private Instant lastFinished;

    /** {@return the last pass with later re-checks, or empty before the first pass finished} */
    synchronized Optional<ScanResult> result() {
        return Optional.ofNullable(result);
    }

    /** {@return whether the first pass finished} */
    synchronized boolean ready() {
        return result != null;
    }

    synchronized void passStarted(Instant at) {
        passStarted = at;
    }

    synchronized void passFinished(ScanResult pass, Instant at) {
        result = Objects.requireNonNull(pass, "pass");
        passStarted = null;
        lastFinished = at;
    }

    /** A pass that ended without a result (a bug, caught so the loop lives on). */
    synchronized void passAbandoned() {
        passStarted = null;
    }

    /**
     * Whether a pass has run longer than {@code limit}: the loop is stuck, not merely slow.
     *
     * @param now   the time
     * @param limit how long a pass may take
     */
    synchronized boolean stuck(Instant now, Duration limit) {
        return passStarted != null && Duration.between(passStarted, now).compareTo(limit) > 0;
    }

    synchronized Optional<Instant> lastFinished() {
        return Optional.ofNullable(lastFinished);
    }

    /**
     * Puts the entries of a re-check in place of the pass's entries for the same account and region.
     *
     * @param recheck what the re-check read
     */
    synchronized void replace(ScanResult recheck) {
        if (result == null) {
            return; // the first pass is still running: it will read the group too
        }
        List<ScanResult.Entry> entries = new ArrayList<>(result.entries());
        for (ScanResult.Entry fresh : recheck.entries()) {
            int at = -1;
            for (int i = 0; i < entries.size(); i++) {
                if (same(entries.get(i).target(), fresh.target())) {
                    at = i;
                    break;
                }
            }
            if (at >= 0) {
                entries.set(at, fresh);
            } else {
                entries.add(fresh);
            }
        }
        result = new ScanResult(entries, result.failedAccounts(), result.listingCalls());
    }

    /** The caller's own account is not always named: then the region alone says where. */
    static boolean same(ScanTarget a, ScanTarget b) {
        return a.region().equals(b.region())
                && (a.accountId() == null || b.accountId() == null || a.accountId().equals(b.accountId()));
    }
}
