package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.Target;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * {@code serve} as a user runs it, against the emulator's EC2, SQS and EventBridge: an EventBridge
 * rule sends CloudTrail-shaped events of security-group calls to a queue, serve re-checks (and with
 * {@code --repair} repairs) the group named, answers on its endpoints, counts what it cannot use,
 * and stops cleanly on SIGTERM. Each test works in a region no other test uses, so that serve's
 * passes (and repairs) see only its groups.
 */
@EndToEnd
class ServeIT {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+) ");
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void reChecksTheGroupAnEventNamesCountsGarbageAnswersItsEndpointsAndStopsOnSigterm(Ec2Emulator emulator)
            throws Exception {
        Ec2Emulator there = emulator.inRegion("ca-central-1");
        RancherSg cli = RancherSg.against(there);
        String name = cli.ensured("serve-watch");
        try (Ec2Client ec2 = there.ec2Client(); SqsClient sqs = sqs(there); EventBridgeClient events = events(there)) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            String queue = queueFedBy(sqs, events, groupId);
            RancherSg.Started serve = cli.start("serve", "--interval", "1h", "--listen", "127.0.0.1:0",
                    "--events-queue", queue);
            try {
                String base = "http://127.0.0.1:" + port(serve);
                await("ready", () -> status(base + "/readyz") == 200, serve);
                assertThat(status(base + "/healthz")).as("healthy while the loop lives").isEqualTo(200);
                assertThat(inSync(base, groupId)).as("the first pass finds the group in sync").isEqualTo(1.0);

                ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(
                        Ec2Groups.permission("tcp", 22, "0.0.0.0/0", null)));
                java.util.Set<String> drifted = Ec2Groups.rulesOf(ec2, groupId);
                putCloudTrailEvent(events, "RevokeSecurityGroupIngress", groupId);
                sqs.sendMessage(r -> r.queueUrl(queue).messageBody("this is not an event"));
                sqs.sendMessage(r -> r.queueUrl(queue).messageBody("{\"source\":\"aws.s3\",\"detail-type\":"
                        + "\"AWS API Call via CloudTrail\",\"detail\":{\"eventName\":\"PutObject\"}}"));

                await("the event handled and the garbage counted", () -> {
                    List<PrometheusText.Sample> metrics = metrics(base);
                    return value(metrics, "rancher_sg_events_total", "result", "handled") == 1
                            && value(metrics, "rancher_sg_events_total", "result", "malformed") == 1
                            && value(metrics, "rancher_sg_events_total", "result", "ignored") == 1;
                }, serve);
                List<PrometheusText.Sample> metrics = metrics(base);
                assertThat(value(metrics, "rancher_sg_events_received_total", null, null)).isEqualTo(3);
                assertThat(inSync(base, groupId)).as("the re-check, long before the next pass, sees the drift")
                        .isEqualTo(0.0);
                assertThat(Ec2Groups.rulesOf(ec2, groupId)).as("detect only: nothing written").isEqualTo(drifted);
                await("the queue emptied", () -> queueDepth(sqs, queue) == 0, serve);

                HttpResponse<String> status = get(base + "/status");
                assertThat(status.statusCode()).isEqualTo(200);
                JsonNode doc = JSON.readTree(status.body());
                assertThat(doc.get("command").asText()).isEqualTo("scan");
                assertThat(doc.get("groups").findValuesAsText("group_id")).contains(groupId);
                assertThat(serve.errSoFar()).as("one info line per pass and per handled event")
                        .contains("pass: ").contains("event RevokeSecurityGroupIngress on " + groupId);

                long stopping = System.nanoTime();
                serve.terminate();
                CliRun stopped = serve.await(Duration.ofSeconds(15));
                long tookMillis = (System.nanoTime() - stopping) / 1_000_000;
                assertThat(stopped.exitCode()).as("SIGTERM is a clean stop\n" + stopped).isZero();
                assertThat(tookMillis).as("stopped within 10 s").isLessThan(10_000);
                assertThat(stopped.err()).contains("stopped");
            } finally {
                if (serve.alive()) {
                    serve.killHard();
                }
                sqs.deleteQueue(r -> r.queueUrl(queue));
            }
        }
    }

    @Test
    void withRepairPutsBackARuleRevokedByHandWithinSecondsOfTheEvent(Ec2Emulator emulator) throws Exception {
        Ec2Emulator there = emulator.inRegion("sa-east-1");
        RancherSg cli = RancherSg.against(there);
        String name = cli.ensured("serve-repair");
        try (Ec2Client ec2 = there.ec2Client(); SqsClient sqs = sqs(there); EventBridgeClient events = events(there)) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            java.util.Set<String> made = Ec2Groups.rulesOf(ec2, groupId);
            String queue = queueFedBy(sqs, events, groupId);
            RancherSg.Started serve = cli.start("serve", "--interval", "1h", "--listen", "127.0.0.1:0",
                    "--events-queue", queue, "--repair");
            try {
                String base = "http://127.0.0.1:" + port(serve);
                await("ready", () -> status(base + "/readyz") == 200, serve);

                ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(
                        Ec2Groups.permission("tcp", 22, "0.0.0.0/0", null)));
                assertThat(Ec2Groups.rulesOf(ec2, groupId)).isNotEqualTo(made);
                long sent = System.nanoTime();
                putCloudTrailEvent(events, "RevokeSecurityGroupIngress", groupId);

                await("the rule back", () -> Ec2Groups.rulesOf(ec2, groupId).equals(made), serve);
                long repairedMillis = (System.nanoTime() - sent) / 1_000_000;
                assertThat(repairedMillis).as("event to repaired, through EventBridge and SQS").isLessThan(10_000);
                await("the repair counted", () -> value(metrics(base), "rancher_sg_repairs_total", "result",
                        "repaired") == 1, serve);
                await("/metrics showing the group as it now is, in sync", () -> inSync(base, groupId) == 1.0, serve);
                assertThat(value(metrics(base), "rancher_sg_repair_conflicts_total", null, null)).isZero();
                assertThat(serve.errSoFar()).contains("repaired " + groupId);
                System.out.println("serve: event to repaired in " + repairedMillis + " ms");
            } finally {
                if (serve.alive()) {
                    serve.killHard();
                }
                sqs.deleteQueue(r -> r.queueUrl(queue));
            }
        }
    }

    @Test
    void twoGuardsRepairingOneGroupAgainstAWriterThatKeepsRevokingNeitherLoopsAndTheGroupEndsWhole(
            Ec2Emulator emulator) throws Exception {
        Ec2Emulator there = emulator.inRegion("ap-northeast-2");
        RancherSg cli = RancherSg.against(there);
        String name = cli.ensured("serve-fight");
        try (Ec2Client ec2 = there.ec2Client()) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            java.util.Set<String> made = Ec2Groups.rulesOf(ec2, groupId);
            RancherSg.Started first = cli.start("serve", "--interval", "1s", "--listen", "127.0.0.1:0", "--repair",
                    "--log-format", "json");
            RancherSg.Started second = cli.start("serve", "--interval", "1s", "--listen", "127.0.0.1:0", "--repair",
                    "--log-format", "json");
            try {
                String firstBase = "http://127.0.0.1:" + port(first);
                String secondBase = "http://127.0.0.1:" + port(second);
                await("both ready", () -> status(firstBase + "/readyz") == 200
                        && status(secondBase + "/readyz") == 200, first, second);

                // The other writer: revokes the SSH rule whenever it is there, for 25 s (two and a half hold-offs).
                long fightEnds = System.nanoTime() + Duration.ofSeconds(25).toNanos();
                int revoked = 0;
                while (System.nanoTime() < fightEnds) {
                    if (Ec2Groups.rulesOf(ec2, groupId).equals(made)) {
                        ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(
                                Ec2Groups.permission("tcp", 22, "0.0.0.0/0", null)));
                        revoked++;
                    }
                    Thread.sleep(250);
                }

                await("the group holding its rules again, once the other writer stopped", Duration.ofSeconds(30),
                        () -> Ec2Groups.rulesOf(ec2, groupId).equals(made), first, second);
                // A few passes more: no guard writes to a group that is in sync.
                Thread.sleep(3_000);
                assertThat(Ec2Groups.rulesOf(ec2, groupId)).as("read back through the SDK").isEqualTo(made);

                List<Long> firstRepairs = repairTimes(first, groupId);
                List<Long> secondRepairs = repairTimes(second, groupId);
                double firstConflicts = value(metrics(firstBase), "rancher_sg_repair_conflicts_total", null, null);
                double secondConflicts = value(metrics(secondBase), "rancher_sg_repair_conflicts_total", null, null);
                System.out.printf("serve: two guards against a writer that revoked %d times: repairs %s and %s,"
                        + " conflicts %.0f and %.0f%n", revoked, firstRepairs.size(), secondRepairs.size(),
                        firstConflicts, secondConflicts);
                assertThat(revoked).as("the other writer took the rule away again and again").isGreaterThan(2);
                for (List<Long> repairs : List.of(firstRepairs, secondRepairs)) {
                    for (int i = 1; i < repairs.size(); i++) {
                        assertThat(repairs.get(i) - repairs.get(i - 1))
                                .as("ms between two repairs of one guard: at most one per 10 s, " + repairs)
                                .isGreaterThanOrEqualTo(10_000);
                    }
                }
                assertThat(firstRepairs).as("the first guard did repair").isNotEmpty();
                assertThat(secondRepairs).as("the second guard did repair").isNotEmpty();
                assertThat(List.of(firstConflicts, secondConflicts))
                        .as("in each guard, drift again within the hold-off is counted as a conflict, not repaired")
                        .allMatch(c -> c > 0);
                assertThat(first.errSoFar() + second.errSoFar()).contains("another writer is changing it");
            } finally {
                for (RancherSg.Started serve : List.of(first, second)) {
                    if (serve.alive()) {
                        serve.killHard();
                    }
                }
            }
        }
    }

    /** When a guard logged a repair of the group that wrote something, in ms since the epoch (its JSON log lines). */
    private static List<Long> repairTimes(RancherSg.Started serve, String groupId) throws IOException {
        List<Long> times = new java.util.ArrayList<>();
        for (String line : serve.errSoFar().split("\n")) {
            if (!line.startsWith("{")) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            String message = entry.path("formattedMessage").asText();
            if (message.startsWith("repaired " + groupId) && !message.contains(": 0 rules authorized, 0 revoked,"
                    + " 0 descriptions updated")) {
                times.add(entry.path("timestamp").asLong());
            }
        }
        return times;
    }

    @Test
    void anUnreachableQueueStopsServeBeforeItStartsInOneLine(Ec2Emulator emulator) {
        RancherSg cli = RancherSg.against(emulator.inRegion("ca-central-1"));

        CliRun run = cli.run("serve", "--listen", "127.0.0.1:0", "--events-queue",
                "http://127.0.0.1:9/000000000000/no-such-queue");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).startsWith("rancher-sg: --events-queue: cannot read").hasLineCount(1);
    }

    /** A queue that an EventBridge rule fills with CloudTrail security-group calls on this one group. */
    private static String queueFedBy(SqsClient sqs, EventBridgeClient events, String groupId) {
        String queue = sqs.createQueue(r -> r.queueName("serve-" + groupId)).queueUrl();
        String arn = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String rule = "serve-" + groupId;
        events.putRule(r -> r.name(rule).eventPattern("{\"source\":[\"aws.ec2\"],\"detail-type\":[\"AWS API Call via"
                + " CloudTrail\"],\"detail\":{\"requestParameters\":{\"groupId\":[\"" + groupId + "\"]}}}"));
        events.putTargets(r -> r.rule(rule).targets(Target.builder().id("queue").arn(arn).build()));
        return queue;
    }

    /** What CloudTrail, through EventBridge, says of an EC2 call on a group. */
    private static void putCloudTrailEvent(EventBridgeClient events, String call, String groupId) {
        ObjectNode detail = JSON.createObjectNode();
        detail.put("eventSource", "ec2.amazonaws.com").put("eventName", call).put("awsRegion",
                events.serviceClientConfiguration().region().id()).put("recipientAccountId", "000000000000");
        detail.putObject("requestParameters").put("groupId", groupId);
        var result = events.putEvents(r -> r.entries(PutEventsRequestEntry.builder().source("aws.ec2")
                .detailType("AWS API Call via CloudTrail").detail(detail.toString()).build()));
        assertThat(result.failedEntryCount()).isZero();
    }

    private static SqsClient sqs(Ec2Emulator there) {
        return SqsClient.builder().endpointOverride(there.endpoint()).region(software.amazon.awssdk.regions.Region
                .of(there.region())).credentialsProvider(there.credentials()).build();
    }

    private static EventBridgeClient events(Ec2Emulator there) {
        return EventBridgeClient.builder().endpointOverride(there.endpoint()).region(software.amazon.awssdk.regions
                .Region.of(there.region())).credentialsProvider(there.credentials()).build();
    }

    private static int queueDepth(SqsClient sqs, String queue) {
        var attributes = sqs.getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** The port serve says it listens on. */
    private static int port(RancherSg.Started serve) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Matcher m = LISTENING.matcher(serve.errSoFar());
            if (m.find()) {
                return Integer.parseInt(m.group(1));
            }
            Thread.sleep(100);
        }
        throw new AssertionError("serve did not say where it listens:\n" + serve.killHard());
    }

    private double inSync(String base, String groupId) throws IOException, InterruptedException {
        return value(metrics(base), "rancher_sg_group_in_sync", "group_id", groupId);
    }

    private List<PrometheusText.Sample> metrics(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = get(base + "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        return PrometheusText.parse(response.body());
    }

    private static double value(List<PrometheusText.Sample> samples, String name, String label, String labelValue) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> label == null || labelValue.equals(s.labels().get(label)))
                .mapToDouble(PrometheusText.Sample::value).findFirst().orElse(Double.NaN);
    }

    private int status(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Waits up to 20 s for the condition; else fails with what serve logged. */
    private static void await(String what, Check condition, RancherSg.Started... serves) throws Exception {
        await(what, Duration.ofSeconds(20), condition, serves);
    }

    /** Waits for the condition; else fails with what the serve processes logged. */
    private static void await(String what, Duration within, Check condition, RancherSg.Started... serves)
            throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.holds()) {
                return;
            }
            Thread.sleep(100);
        }
        StringBuilder logged = new StringBuilder();
        for (RancherSg.Started serve : serves) {
            logged.append(serve.errSoFar()).append("--\n");
        }
        throw new AssertionError("not " + what + " within " + within.toSeconds() + " s; serve logged:\n" + logged);
    }

    /** A condition that may call over the network. */
    @FunctionalInterface
    private interface Check {
        boolean holds() throws Exception;
    }
}
