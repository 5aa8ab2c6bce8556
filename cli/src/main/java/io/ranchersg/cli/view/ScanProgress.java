package io.ranchersg.cli.view;

import static io.ranchersg.cli.view.Words.plural;

import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.aws.Scanner;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * "scan: 2/3 accounts, 5/6 regions, 12 groups, 1 with drift" on stderr, redrawn in place as the
 * scan advances; the scanner calls it from its threads.
 */
public final class ScanProgress implements Scanner.Listener {

    private final PrintWriter err;
    private final AtomicInteger regionsDone = new AtomicInteger();
    private final AtomicInteger accountsDone = new AtomicInteger();
    private final AtomicInteger groups = new AtomicInteger();
    private final AtomicInteger drifted = new AtomicInteger();
    private final Map<String, AtomicInteger> left = new HashMap<>();
    private volatile int regionsTotal;
    private volatile int accountsTotal;

    /**
     * @param err where to draw, or {@code null} to draw nothing: progress belongs on a terminal
     *            only, never in a log or under a JSON report
     */
    public ScanProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void accounts(int count) {
        accountsTotal = count;
    }

    /** Called once per account reached, as it is reached: the regions' total grows while the scan runs. */
    @Override
    public void started(List<ScanTarget> targets) {
        synchronized (left) {
            regionsTotal += targets.size();
            targets.forEach(t -> left.computeIfAbsent(String.valueOf(t.accountId()), k -> new AtomicInteger())
                    .incrementAndGet());
        }
    }

    @Override
    public void failed(ScanResult.AccountFailure failure) {
        accountsDone.incrementAndGet();
    }

    @Override
    public void done(ScanResult.Entry entry) {
        groups.addAndGet(entry.checked().size() + entry.unchecked().size());
        drifted.addAndGet((int) entry.outcomes().stream().filter(o -> !o.inSync()).count());
        synchronized (left) {
            AtomicInteger remaining = left.get(String.valueOf(entry.target().accountId()));
            if (remaining != null && remaining.decrementAndGet() == 0) {
                accountsDone.incrementAndGet();
            }
        }
        int count = regionsDone.incrementAndGet();
        if (err == null) {
            return;
        }
        synchronized (err) {
            err.print("\rscan: " + accountsDone.get() + "/" + accountsTotal + " accounts, " + count + "/"
                    + regionsTotal + " regions, " + plural(groups.get(), "group") + ", "
                    + drifted.get() + " with drift");
            err.flush();
        }
    }

    /** Wipes the line, so that what follows on stderr starts on a clean one. */
    public void clear() {
        if (err == null || regionsDone.get() == 0) {
            return;
        }
        synchronized (err) {
            err.print("\r" + " ".repeat(79) + "\r");
            err.flush();
        }
    }
}
