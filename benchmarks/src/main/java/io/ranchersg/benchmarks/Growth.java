package io.ranchersg.benchmarks;

import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Reconciler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How a scan's time grows with the number of groups: one region filled step by step, measured at
 * each step in process ({@link Reconciler#checkManaged()} on a warm JVM, and the bare listing it
 * starts with) and as a cold {@code rancher-sg scan} process.
 */
final class Growth {

    /**
     * One step.
     *
     * @param groups   managed groups in the region
     * @param creation what it took to get there from the previous step
     * @param check    checkManaged, warm, in process: wall time
     * @param checkCpu checkManaged's CPU time on the calling thread (the SDK reads and parses the
     *                 response there, then rancher-sg diffs every group): the client's own work
     * @param listing  the DescribeSecurityGroups pages alone (what the emulator takes to answer)
     * @param calls    the calls of one checkManaged
     * @param cli      the cold CLI scan of the region
     */
    record Step(int groups, Fleet.Creation creation, Sample check, Sample checkCpu, Sample listing,
                Map<String, Integer> calls, Scans.ScanResult cli) {
    }

    /**
     * A least-squares line through (groups, seconds).
     *
     * @param slope     seconds per group
     * @param intercept seconds at no groups
     * @param r2        coefficient of determination: 1 is a perfect line
     */
    record Fit(double slope, double intercept, double r2) {

        static Fit of(List<Double> x, List<Double> y) {
            int n = x.size();
            double mx = x.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double my = y.stream().mapToDouble(Double::doubleValue).average().orElse(0);
            double sxy = 0;
            double sxx = 0;
            double syy = 0;
            for (int i = 0; i < n; i++) {
                sxy += (x.get(i) - mx) * (y.get(i) - my);
                sxx += (x.get(i) - mx) * (x.get(i) - mx);
                syy += (y.get(i) - my) * (y.get(i) - my);
            }
            double slope = sxx == 0 ? 0 : sxy / sxx;
            double r2 = sxx == 0 || syy == 0 ? 1 : (sxy * sxy) / (sxx * syy);
            return new Fit(slope, my - slope * mx, r2);
        }
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Warm-up time per step: a handful of runs at 100 groups, one at 1,000. */
    private static final long WARM_UP_NANOS = 3_000_000_000L;
    private static final int MAX_WARM_UPS = 20;

    /** One in-process checkManaged: wall and calling-thread CPU seconds, and its calls. */
    private record Checked(double wallSeconds, double cpuSeconds, Map<String, Integer> calls) {
    }

    private final Fleet fleet;
    private final Scans scans;
    private final Consumer<String> progress;

    Growth(Fleet fleet, Scans scans, Consumer<String> progress) {
        this.fleet = fleet;
        this.scans = scans;
        this.progress = progress;
    }

    /**
     * Fills {@code region} to each size in turn and measures it: {@code runs} in-process runs after
     * warm-up runs (3 s of them, at least one), {@code cliRuns} cold scans.
     *
     * @throws IllegalStateException when the region holds other managed groups than the benchmark's
     */
    List<Step> measure(String region, List<Integer> sizes, int runs, int cliRuns) {
        List<Step> steps = new ArrayList<>();
        for (int size : sizes) {
            Fleet.Creation creation = fleet.ensure(List.of(region), "grow", size);
            Ec2Session session = fleet.session(region);
            Reconciler reconciler = new Reconciler(session);
            // Warm-up: at least one run and WARM_UP_NANOS of runs, so that small steps are as warm as large ones.
            long warmUpEnds = System.nanoTime() + WARM_UP_NANOS;
            Checked checked = check(reconciler, session, region, size);
            for (int i = 1; i < MAX_WARM_UPS && System.nanoTime() < warmUpEnds; i++) {
                checked = check(reconciler, session, region, size);
            }
            Map<String, Integer> calls = checked.calls();
            List<Double> check = new ArrayList<>();
            List<Double> cpu = new ArrayList<>();
            List<Double> listing = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                checked = check(reconciler, session, region, size);
                check.add(checked.wallSeconds());
                cpu.add(checked.cpuSeconds());
                long start = System.nanoTime();
                Sessions.listManaged(session);
                listing.add((System.nanoTime() - start) / 1e9);
            }
            Scans.ScanResult cli = scans.scan(List.of(region), 1, cliRuns, false);
            Step step = new Step(size, creation, Sample.of(check), Sample.of(cpu), Sample.of(listing), calls, cli);
            progress.accept("growth: " + size + " groups: checkManaged " + Format.millis(step.check().median())
                    + " (CPU " + Format.millis(step.checkCpu().median()) + "), cold scan "
                    + Format.seconds(cli.figures().wall().median()));
            steps.add(step);
        }
        return steps;
    }

    private static Checked check(Reconciler reconciler, Ec2Session session, String region, int size) {
        Map<String, Integer> before = session.calls().calls();
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        List<GroupCheck> outcomes = reconciler.checkManaged();
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (outcomes.size() != size) {
            throw new IllegalStateException(region + " holds " + outcomes.size() + " managed groups, not " + size
                    + ": use a fresh emulator");
        }
        return new Checked(wall, cpu, Sessions.delta(before, session.calls().calls()));
    }
}
