package io.ranchersg.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ranchersg.aws.AssumedRole;
import io.ranchersg.aws.AssumedRoles;
import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Reconciler;
import io.ranchersg.testsupport.FaultProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code rancher-sg scan --accounts} over a simulated fleet: accounts reached through STS
 * AssumeRole on LocalStack (each assumed account has an EC2 of its own), a few groups in each
 * account-region, and a {@link FaultProxy} that holds every call, STS's and EC2's, for the same
 * latency before forwarding it, as a far region would. The figures to compare a scan's wall time
 * with: the ideal {@code ceil(account-regions / parallelism) × latency × calls per account-region},
 * and the JVM's start.
 */
final class FleetScans {

    /** The regions an account may be scanned in; each account is scanned in the first few. */
    static final List<String> REGIONS = List.of("us-east-2", "eu-north-1", "ap-southeast-1", "ca-central-1");
    /** Threads that seed the groups, directly against the emulator. */
    private static final int SEED_THREADS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One pool size's scans.
     *
     * @param parallelism    --parallelism
     * @param wall           wall seconds of the runs
     * @param cpu            CPU seconds (user and system) of the runs
     * @param peakKilobytes  the largest resident set of the runs (GNU time's %M)
     * @param groups         groups in the report
     * @param calls          the report's {@code api_calls} (of the last run)
     * @param idealSeconds   ceil(account-regions / parallelism) × latency × calls per account-region
     * @param floor          seconds of the same calls made by a client that does nothing else ({@link FleetFloor})
     */
    record Scan(int parallelism, Sample wall, Sample cpu, long peakKilobytes, int groups, Map<String, Integer> calls,
                double idealSeconds, Sample floor) {
    }

    /**
     * Everything the fleet measurement found.
     *
     * @param accounts       accounts in the file
     * @param regions        the regions of every account
     * @param accountRegions accounts × regions
     * @param groups         groups per account-region
     * @param latency        the proxy's delay on every call
     * @param scans          one per pool size
     */
    record Results(int accounts, List<String> regions, int accountRegions, int groups, Duration latency, List<Scan> scans) {

        /** Calls of one scan divided by the account-regions it read. */
        double callsPerAccountRegion() {
            Map<String, Integer> calls = scans.get(scans.size() - 1).calls();
            return calls.values().stream().mapToInt(Integer::intValue).sum() / (double) accountRegions;
        }
    }

    private final Sessions sessions;
    private final Cli cli;
    private final Consumer<String> progress;

    FleetScans(Sessions sessions, Cli cli, Consumer<String> progress) {
        this.sessions = sessions;
        this.cli = cli;
        this.progress = progress;
    }

    /** The role the scan assumes in the {@code index}th account (from 1): {@code 500000000001} and on. */
    static String role(int index) {
        return String.format(Locale.ROOT, "arn:aws:iam::5000000%05d:role/rancher-sg-audit", index);
    }

    /** Seeds the fleet, then scans it once per pool size, {@code runs} times after a warm-up run. */
    Results measure(int accounts, List<String> regions, int groups, Duration latency, List<Integer> parallelism,
                    int runs, Path dir) {
        seed(accounts, regions, groups);
        Path file = accountsFile(accounts, regions, dir);
        int accountRegions = accounts * regions.size();
        List<Scan> scans = new ArrayList<>();
        try (FaultProxy slow = FaultProxy.start(sessions.endpoint())
                .failRandomly(1.0, 1, List.of(new FaultProxy.Fault.Delay(latency)))) {
            for (int pool : parallelism) {
                List<Double> wall = new ArrayList<>();
                List<Double> cpu = new ArrayList<>();
                long peak = 0;
                JsonNode report = null;
                for (int i = 0; i <= runs; i++) {
                    Cli.Run run = cli.runTimed(regions.get(0), Map.of("AWS_ENDPOINT_URL", slow.endpoint().toString()),
                            "scan", "--accounts", file.toString(), "--parallelism", Integer.toString(pool),
                            "--output", "json");
                    if (run.exitCode() != 0) {
                        throw new IllegalStateException("rancher-sg scan --accounts exited " + run.exitCode() + ": "
                                + run.stderr().strip());
                    }
                    report = read(run.stdout());
                    if (i > 0) {
                        wall.add(run.wallSeconds());
                        cpu.add(run.cpuSeconds());
                        peak = Math.max(peak, run.peakKiB());
                    }
                }
                Map<String, Integer> calls = new TreeMap<>();
                report.path("api_calls").properties().forEach(e -> calls.put(e.getKey(), e.getValue().asInt()));
                double perAccountRegion = calls.values().stream().mapToInt(Integer::intValue).sum()
                        / (double) accountRegions;
                double ideal = Math.ceil(accountRegions / (double) pool) * latency.toMillis() / 1000.0
                        * perAccountRegion;
                Scan scan = new Scan(pool, Sample.of(wall), Sample.of(cpu), peak, report.path("groups").size(), calls, ideal,
                        floor(new FleetFloor(slow.endpoint()), accounts, regions, pool, runs, accountRegions * groups));
                if (scan.groups() != accountRegions * groups) {
                    throw new IllegalStateException("the scan reported " + scan.groups() + " groups, not "
                            + accountRegions * groups);
                }
                progress.accept("fleet scan of " + accountRegions + " account-regions, parallelism " + pool + ": "
                        + Format.secondsRange(scan.wall()) + " (ideal " + Format.seconds(ideal) + ", floor "
                        + Format.seconds(scan.floor().median()) + ")");
                scans.add(scan);
            }
        }
        return new Results(accounts, regions, accountRegions, groups, latency, scans);
    }

    /**
     * The floor of one pool size: {@code runs} passes of {@link FleetFloor} after a warm-up pass, each
     * checked to have read the groups the scan reported.
     */
    private static Sample floor(FleetFloor floor, int accounts, List<String> regions, int pool, int runs, int groups) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i <= runs; i++) {
            FleetFloor.Pass pass = floor.pass(FleetFloor.roles(accounts), regions, pool);
            if (pass.groups() != groups) {
                throw new IllegalStateException("the floor's calls listed " + pass.groups() + " groups, not " + groups);
            }
            if (i > 0) {
                seconds.add(pass.seconds());
            }
        }
        return Sample.of(seconds);
    }

    /** Makes sure every account-region holds its groups, directly against the emulator (no latency). */
    private void seed(int accounts, List<String> regions, int groups) {
        progress.accept("seeding " + accounts + " accounts x " + regions.size() + " regions x " + groups + " groups");
        ExecutorService pool = Executors.newFixedThreadPool(SEED_THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int a = 1; a <= accounts; a++) {
                String role = role(a);
                for (String region : regions) {
                    futures.add(pool.submit(() -> seed(role, region, groups)));
                }
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("seeding the fleet failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while seeding the fleet", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private void seed(String role, String region, int groups) {
        ClientSettings settings = new ClientSettings(region, null, sessions.endpoint(), ClientSettings.DEFAULT_MAX_ATTEMPTS)
                .withStsEndpoint(sessions.endpoint()).withRole(AssumedRole.of(role));
        try (AssumedRoles credentials = AssumedRoles.of(settings, region, Sessions.CREDENTIALS, false);
             Ec2Session session = Ec2Session.open(settings, credentials)) {
            Set<String> have = Sessions.managedNames(session);
            for (int g = 1; g <= groups; g++) {
                String name = Fleet.name("fleet", g);
                if (!have.contains(name)) {
                    new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name));
                }
            }
        }
    }

    private static Path accountsFile(int accounts, List<String> regions, Path dir) {
        StringBuilder text = new StringBuilder("accounts:\n");
        for (int a = 1; a <= accounts; a++) {
            String role = role(a);
            text.append("  - account_id: \"").append(AssumedRole.of(role).accountId()).append("\"\n")
                    .append("    name: bench-").append(a).append('\n')
                    .append("    role: ").append(role).append('\n')
                    .append("    regions: [").append(String.join(", ", regions)).append("]\n");
        }
        try {
            Files.createDirectories(dir);
            return Files.writeString(dir.resolve("fleet-accounts.yml"), text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the accounts file", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("rancher-sg scan printed no JSON report: "
                    + json.substring(0, Math.min(200, json.length())), e);
        }
    }
}
