package io.ranchersg.cli.serve;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * At most one repair per group per hold-off. A group found drifted again within the hold-off of
 * its last repair is being changed back by another writer (a person, a pipeline, another tool):
 * repairing at once would start a fight that neither side ends, so it is reported instead, and
 * repaired again only once the hold-off has passed.
 */
final class RepairHoldOff {

    /** The shortest time between two repairs of one group. */
    static final Duration HOLD_OFF = Duration.ofSeconds(10);

    /** What to do about one drifted group now. */
    enum Verdict {
        /** Repair it. */
        REPAIR,
        /** Leave it: it was repaired moments ago and drifted again. */
        CONFLICT
    }

    private final Map<Object, Instant> lastRepair = new HashMap<>();

    /**
     * Decides what to do about a drifted group.
     *
     * @param group the group's key
     * @param now   the time
     */
    synchronized Verdict decide(Object group, Instant now) {
        Instant last = lastRepair.get(group);
        return last != null && Duration.between(last, now).compareTo(HOLD_OFF) < 0 ? Verdict.CONFLICT : Verdict.REPAIR;
    }

    /**
     * Records a repair that wrote something: the hold-off starts.
     *
     * @param group the group's key
     * @param now   the time
     */
    synchronized void repaired(Object group, Instant now) {
        lastRepair.put(group, now);
        // Forget groups repaired long ago, so that a long-lived guard keeps no more than the recent ones.
        lastRepair.values().removeIf(at -> Duration.between(at, now).compareTo(HOLD_OFF.multipliedBy(6)) > 0);
    }
}
