package io.ranchersg.benchmarks;

import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Reconciler;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Groups for the scans, created through the Java API ({@link Reconciler#ensure}) in each region's
 * default VPC, on a small pool; groups that already exist (a re-run against the same emulator) are
 * left as they are.
 */
final class Fleet implements AutoCloseable {

    /**
     * What one {@link #ensure} did.
     *
     * @param created  groups created
     * @param existing groups that were there already
     * @param seconds  wall time
     * @param calls    EC2 calls of the creations
     */
    record Creation(int created, int existing, double seconds, int calls) {
    }

    private final Sessions sessions;
    private final int threads;
    private final Consumer<String> progress;
    private final Map<String, Ec2Session> open = new HashMap<>();

    Fleet(Sessions sessions, int threads, Consumer<String> progress) {
        this.sessions = sessions;
        this.threads = threads;
        this.progress = progress;
    }

    /** The name of the {@code index}th group (from 1) with this prefix: {@code bench-0001}. */
    static String name(String prefix, int index) {
        return String.format(Locale.ROOT, "%s-%04d", prefix, index);
    }

    /** Makes sure groups {@code prefix-0001} to {@code prefix-<count>} exist in every region. */
    Creation ensure(List<String> regions, String prefix, int count) {
        long start = System.nanoTime();
        List<Runnable> tasks = new ArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        int existing = 0;
        // Round-robin over the regions, so that the pool keeps every region's share of the emulator busy.
        List<List<String>> missing = new ArrayList<>();
        for (String region : regions) {
            Set<String> have = Sessions.managedNames(session(region));
            List<String> names = new ArrayList<>();
            for (int i = 1; i <= count; i++) {
                String name = name(prefix, i);
                if (have.contains(name)) {
                    existing++;
                } else {
                    names.add(name);
                }
            }
            missing.add(names);
        }
        int created = 0;
        for (int i = 0; i < count; i++) {
            for (int r = 0; r < regions.size(); r++) {
                if (i < missing.get(r).size()) {
                    Ec2Session session = session(regions.get(r));
                    String name = missing.get(r).get(i);
                    tasks.add(() -> {
                        Outcome outcome = new Reconciler(session)
                                .ensure(GroupRequest.rancherNodes().withGroupName(name));
                        calls.addAndGet(outcome.totalCalls());
                    });
                    created++;
                }
            }
        }
        run(tasks);
        return new Creation(created, existing, (System.nanoTime() - start) / 1e9, calls.get());
    }

    Ec2Session session(String region) {
        return open.computeIfAbsent(region, sessions::open);
    }

    private void run(List<Runnable> tasks) {
        if (tasks.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            tasks.forEach(t -> futures.add(pool.submit(t)));
            int done = 0;
            for (Future<?> future : futures) {
                future.get();
                if (++done % 100 == 0 || done == futures.size()) {
                    progress.accept("created " + done + "/" + futures.size() + " groups");
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("creating a group failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating groups", e);
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public void close() {
        open.values().forEach(Ec2Session::close);
        open.clear();
    }
}
