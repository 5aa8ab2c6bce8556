package io.ranchersg.cli.serve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The groups events touched that wait for their re-check, one entry per group however many calls
 * touched it: a burst (a script revoking ten rules) costs one re-read. Handed from the thread that
 * polls the queue to the thread that re-checks.
 */
final class PendingEvents {

    /** How long a burst may keep arriving before its re-check starts; well inside the two seconds promised. */
    static final long SETTLE_MILLIS = 200;

    /**
     * The events of one group.
     *
     * @param first    the first event, which names the group
     * @param receipts the receipt handles of every message about it, deleted once it is re-checked
     */
    record Touches(GroupEvent.Touched first, List<String> receipts) {
    }

    private final Map<GroupEvent.GroupKey, Touches> waiting = new LinkedHashMap<>();
    private boolean closed;

    synchronized void add(GroupEvent.Touched event, String receipt) {
        waiting.computeIfAbsent(event.key(), k -> new Touches(event, new ArrayList<>())).receipts().add(receipt);
        notifyAll();
    }

    /**
     * Waits for events, lets the burst settle, and takes them all.
     *
     * @return the groups touched, or {@code null} once closed and drained
     */
    synchronized Map<GroupEvent.GroupKey, Touches> take() {
        try {
            while (waiting.isEmpty() && !closed) {
                wait();
            }
            if (!closed) {
                wait(SETTLE_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (waiting.isEmpty()) {
            return null;
        }
        Map<GroupEvent.GroupKey, Touches> taken = new LinkedHashMap<>(waiting);
        waiting.clear();
        return taken;
    }

    /** No more events will come: {@link #take()} returns what is left, then {@code null}. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
