package io.ranchersg.benchmarks;

import io.ranchersg.aws.Ec2Session;
import io.ranchersg.testsupport.Ec2Groups;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code rancher-sg serve} as a long-running process: how soon after an event a revoked rule is
 * back ({@code --repair --events-queue}, one group per event so that no hold-off applies), how long
 * a pass over 1,000 groups in four regions takes, the process's resident set after many passes at a
 * short interval, and the CPU it uses between passes. The resident set and CPU time are the
 * kernel's ({@code /proc/PID/status}, {@code /proc/PID/stat}): bin/rancher-sg execs the JVM, so the
 * process started is the one measured.
 */
final class ServeBench {

    /** The region of the events: only the groups of the latency measurement live there. */
    static final String EVENTS_REGION = "eu-west-2";
    /** How long the idle CPU is sampled between two passes. */
    static final Duration IDLE_WINDOW = Duration.ofSeconds(30);
    /**
     * The resident set is read after each of this many passes from a pass count on, and the largest
     * is kept: a single reading depends on how much garbage the pass just left, which the next
     * collection takes back.
     */
    static final int RSS_WINDOW = 5;
    /** Kernel clock ticks per second of /proc/PID/stat: USER_HZ, 100 on Linux. */
    private static final double TICKS = 100.0;
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) ");
    private static final Pattern PASS = Pattern.compile("pass: (\\d+) groups in (\\d+) account-regions, .* (\\d+) ms");
    private static final Pattern RSS = Pattern.compile("VmRSS:\\s+(\\d+) kB");

    /**
     * What was measured.
     *
     * @param events        events sent
     * @param latencyMillis event to repaired, per event, sorted
     * @param groups        groups of the pass measurement
     * @param regions       its regions
     * @param passMillis    how long each pass took, as serve logged it
     * @param rssKiB        the largest resident set over {@link #RSS_WINDOW} passes from each pass count of
     *                      {@link #rssAfter}
     * @param rssAfter      the pass counts the resident set was read after
     * @param idleCpu       CPU time over wall time between two passes, with the events queue polled
     */
    record Results(int events, List<Long> latencyMillis, int groups, List<String> regions, List<Long> passMillis,
                   List<Long> rssKiB, List<Integer> rssAfter, double idleCpu) {

        long latencyPercentile(double p) {
            return percentile(latencyMillis, p);
        }

        long passPercentile(double p) {
            return percentile(passMillis.stream().sorted().toList(), p);
        }

        private static long percentile(List<Long> sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.size());
            return sorted.get(Math.max(0, Math.min(sorted.size(), rank) - 1));
        }
    }

    private final Sessions sessions;
    private final Cli cli;
    private final Consumer<String> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ServeBench(Sessions sessions, Cli cli, Consumer<String> progress) {
        this.sessions = sessions;
        this.cli = cli;
        this.progress = progress;
    }

    Results measure(Fleet fleet, int events, int groups, List<Integer> rssAfter) {
        progress.accept("serve: " + events + " groups in " + EVENTS_REGION + " for the events");
        fleet.ensure(List.of(EVENTS_REGION), "event", events);
        List<Long> latency = new ArrayList<>();
        double idleCpu;
        try (SqsClient sqs = SqsClient.builder().endpointOverride(sessions.endpoint()).region(Region.of(EVENTS_REGION))
                .credentialsProvider(Sessions.CREDENTIALS).build()) {
            String queue = sqs.createQueue(r -> r.queueName("rancher-sg-bench-events")).queueUrl();
            Served serve = start(EVENTS_REGION, "serve", "--regions", EVENTS_REGION, "--interval", "1h",
                    "--listen", "127.0.0.1:0", "--repair", "--events-queue", queue);
            try {
                serve.awaitReady();
                Ec2Session session = fleet.session(EVENTS_REGION);
                List<SecurityGroup> targets = session.client().describeSecurityGroupsPaginator(r -> r.filters(
                        Sessions.MANAGED)).securityGroups().stream().filter(g -> g.groupName().startsWith("event-"))
                        .sorted(Comparator.comparing(SecurityGroup::groupName)).limit(events).toList();
                for (SecurityGroup group : targets) {
                    latency.add(eventToRepaired(session, sqs, queue, group));
                    if (latency.size() % 10 == 0) {
                        progress.accept("serve: " + latency.size() + "/" + targets.size() + " events repaired");
                    }
                }
                progress.accept("serve: CPU between passes over " + IDLE_WINDOW.toSeconds() + " s");
                idleCpu = serve.idleCpu(IDLE_WINDOW);
            } finally {
                serve.stop();
                sqs.deleteQueue(r -> r.queueUrl(queue));
            }
        }
        latency.sort(null);

        progress.accept("serve: " + groups + " groups across " + Benchmark.SCAN_REGIONS);
        fleet.ensure(Benchmark.SCAN_REGIONS, "bench", groups / Benchmark.SCAN_REGIONS.size());
        List<Long> rss = new ArrayList<>();
        List<Long> passes;
        Served serve = start(Benchmark.SCAN_REGIONS.get(0), "serve", "--regions", String.join(",",
                Benchmark.SCAN_REGIONS), "--interval", "1s", "--listen", "127.0.0.1:0");
        try {
            for (int count : rssAfter) {
                long largest = 0;
                for (int pass = count; pass < count + RSS_WINDOW; pass++) {
                    serve.awaitPasses(pass);
                    largest = Math.max(largest, serve.rssKiB());
                }
                rss.add(largest);
                progress.accept("serve: " + count + " passes, resident set up to " + largest / 1024 + " MiB");
            }
            passes = serve.passMillis(groups);
        } finally {
            serve.stop();
        }
        return new Results(latency.size(), latency, groups, Benchmark.SCAN_REGIONS, passes, rss, rssAfter, idleCpu);
    }

    /** Revokes one CIDR rule of the group, sends the event CloudTrail would, and waits for the rule to be back. */
    private long eventToRepaired(Ec2Session session, SqsClient sqs, String queue, SecurityGroup group) {
        Set<String> whole = Ec2Groups.rulesOf(group);
        IpPermission rule = group.ipPermissions().stream().filter(p -> !p.ipRanges().isEmpty()
                && p.userIdGroupPairs().isEmpty() && p.prefixListIds().isEmpty()).findFirst()
                .map(p -> p.toBuilder().ipRanges(p.ipRanges().get(0)).ipv6Ranges(List.of()).build())
                .orElseThrow(() -> new IllegalStateException(group.groupName() + " has no CIDR rule to revoke"));
        session.client().revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(rule));
        String body = "{\"source\":\"aws.ec2\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{"
                + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"RevokeSecurityGroupIngress\","
                + "\"awsRegion\":\"" + EVENTS_REGION + "\",\"recipientAccountId\":\"000000000000\","
                + "\"requestParameters\":{\"groupId\":\"" + group.groupId() + "\"}}}";
        long sent = System.nanoTime();
        sqs.sendMessage(r -> r.queueUrl(queue).messageBody(body));
        long deadline = sent + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (Ec2Groups.rulesOf(session.client(), group.groupId()).equals(whole)) {
                return (System.nanoTime() - sent) / 1_000_000;
            }
            sleep(Duration.ofMillis(25));
        }
        throw new IllegalStateException(group.groupId() + " not repaired within 60 s of its event");
    }

    private Served start(String region, String... args) {
        try {
            Path err = Files.createTempFile("bench-serve", ".txt");
            return new Served(cli.start(region, err, args), err);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start serve", e);
        }
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** One serve process, its stderr in a file. */
    private final class Served {
        private final Process process;
        private final Path err;

        Served(Process process, Path err) {
            this.process = process;
            this.err = err;
        }

        String log() {
            try {
                return Files.readString(err, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void awaitReady() {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (System.nanoTime() < deadline) {
                alive();
                Matcher m = LISTENING.matcher(log());
                if (m.find() && status("http://127.0.0.1:" + m.group(1) + "/readyz") == 200) {
                    return;
                }
                sleep(Duration.ofMillis(100));
            }
            throw new IllegalStateException("serve not ready within 5 minutes:\n" + log());
        }

        void awaitPasses(int count) {
            while (PASS.matcher(log()).results().count() < count) {
                alive();
                sleep(Duration.ofMillis(250));
            }
        }

        List<Long> passMillis(int groups) {
            List<Long> took = new ArrayList<>();
            PASS.matcher(log()).results().forEach(m -> {
                if (Integer.parseInt(m.group(1)) < groups) {
                    throw new IllegalStateException("a pass read " + m.group(1) + " groups, not " + groups);
                }
                took.add(Long.parseLong(m.group(3)));
            });
            return took;
        }

        long rssKiB() {
            Matcher m = RSS.matcher(proc("status"));
            if (!m.find()) {
                throw new IllegalStateException("no VmRSS for process " + process.pid());
            }
            return Long.parseLong(m.group(1));
        }

        /** CPU seconds per wall second over the window; the window starts once the first pass is done. */
        double idleCpu(Duration window) {
            double before = cpuSeconds();
            long start = System.nanoTime();
            sleep(window);
            double used = cpuSeconds() - before;
            alive();
            return used / ((System.nanoTime() - start) / 1e9);
        }

        private double cpuSeconds() {
            String stat = proc("stat");
            // The fields after the command name, which is in parentheses and may hold spaces.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS;
        }

        private String proc(String file) {
            try {
                return Files.readString(Path.of("/proc", Long.toString(process.pid()), file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read /proc of serve", e);
            }
        }

        private void alive() {
            if (!process.isAlive()) {
                throw new IllegalStateException("serve exited " + process.exitValue() + ":\n" + log());
            }
        }

        void stop() {
            process.destroy();
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                Files.deleteIfExists(err);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private int status(String url) {
            try {
                return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    /** A percentage with one decimal. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.2f %%", share * 100);
    }
}
