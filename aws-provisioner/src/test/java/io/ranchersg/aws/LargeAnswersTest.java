package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** Large answers read one at a time, through a real SDK client against a stub of EC2 on a local port. */
class LargeAnswersTest {

    private static final int CALLS = 3;

    private HttpServer ec2;
    private final AtomicReference<String> answer = new AtomicReference<>();
    /** Sent in chunks, without a stated size, as EC2 may send a large answer. */
    private volatile boolean chunked;
    private volatile int status = 200;
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLS);

    @BeforeEach
    void start() throws IOException {
        ec2 = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ec2.createContext("/", exchange -> {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                byte[] body = answer.get().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
                exchange.sendResponseHeaders(status, chunked ? 0 : body.length);
                exchange.getResponseBody().write(body);
            }
        });
        ec2.setExecutor(Executors.newFixedThreadPool(CALLS));
        ec2.start();
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        ec2.stop(0);
    }

    @Test
    void largeAnswersAreReadOneAtATime() throws Exception {
        answer.set(groups(400));
        assertThat(answer.get().length()).isGreaterThan((int) LargeAnswers.LARGE_BYTES);
        Reading reading = new Reading(null);

        try (Ec2Client client = client(new LargeAnswers(new Semaphore(1), LargeAnswers.LARGE_BYTES, LargeAnswers.LONGEST_WAIT), reading)) {
            assertThat(describeAtOnce(client)).containsOnly(400);
        }

        assertThat(reading.most.get()).as("answers read at once").isEqualTo(1);
    }

    @Test
    void largeAnswersWithoutAStatedSizeAreReadOneAtATimeToo() throws Exception {
        answer.set(groups(400));
        chunked = true;
        Reading reading = new Reading(null);

        try (Ec2Client client = client(new LargeAnswers(new Semaphore(1), LargeAnswers.LARGE_BYTES,
                LargeAnswers.LONGEST_WAIT), reading)) {
            assertThat(describeAtOnce(client)).containsOnly(400);
        }

        assertThat(reading.most.get()).as("answers read at once").isEqualTo(1);
    }

    @Test
    void errorAnswersAreNeverHeldUp() throws Exception {
        answer.set("<Response><Errors><Error><Code>InternalError</Code><Message>" + "x".repeat(400_000)
                + "</Message></Error></Errors><RequestID>large</RequestID></Response>");
        status = 500;
        // Every call waits in its reading until all are reading: a turn on error answers would stop them all.
        Reading reading = new Reading(new CyclicBarrier(CALLS));
        Semaphore turn = new Semaphore(1);

        try (Ec2Client client = client(new LargeAnswers(turn, LargeAnswers.LARGE_BYTES, LargeAnswers.LONGEST_WAIT),
                reading)) {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                calls.add(callers.submit(() -> client.describeSecurityGroups().securityGroups().size()));
            }
            for (Future<Integer> call : calls) {
                assertThatThrownBy(() -> call.get(30, TimeUnit.SECONDS)).hasMessageContaining("Status Code: 500");
            }
        }

        assertThat(reading.most.get()).isEqualTo(CALLS);
        assertThat(turn.availablePermits()).isEqualTo(1);
    }

    @Test
    void aTurnNeverGivenBackHoldsTheOthersUpOnlyForTheLongestWait() throws Exception {
        answer.set(groups(400));
        Semaphore lost = new Semaphore(0); // as after an Error thrown while parsing, which skips every hook

        try (Ec2Client client = client(new LargeAnswers(lost, LargeAnswers.LARGE_BYTES, Duration.ofMillis(200)),
                new Reading(null))) {
            assertThat(describeAtOnce(client)).containsOnly(400);
        }
    }

    @Test
    void withoutTheTurnTheSameCallsReadTheirAnswersTogether() throws Exception {
        answer.set(groups(400));
        Reading reading = new Reading(null);

        try (Ec2Client client = client(new LargeAnswers(new Semaphore(CALLS), LargeAnswers.LARGE_BYTES, LargeAnswers.LONGEST_WAIT), reading)) {
            assertThat(describeAtOnce(client)).containsOnly(400);
        }

        assertThat(reading.most.get()).as("what the test above would see without the turn").isGreaterThan(1);
    }

    @Test
    void smallAnswersAreReadTogether() throws Exception {
        answer.set(groups(2));
        // Every call waits in its reading until all are reading: a turn on small answers would stop them all.
        Reading reading = new Reading(new CyclicBarrier(CALLS));

        try (Ec2Client client = client(new LargeAnswers(new Semaphore(1), LargeAnswers.LARGE_BYTES, LargeAnswers.LONGEST_WAIT), reading)) {
            assertThat(describeAtOnce(client)).containsOnly(2);
        }

        assertThat(reading.most.get()).isEqualTo(CALLS);
    }

    @Test
    void aCallThatFailsWhileReadingGivesTheTurnBack() throws Exception {
        Semaphore turn = new Semaphore(1);
        String good = groups(400);
        answer.set(good.substring(0, good.length() / 2) + "<not-closed>");

        try (Ec2Client client = client(new LargeAnswers(turn, LargeAnswers.LARGE_BYTES, LargeAnswers.LONGEST_WAIT), new Reading(null))) {
            assertThatThrownBy(client::describeSecurityGroups).isNotNull();
            assertThat(turn.availablePermits()).as("after a failed call").isEqualTo(1);

            answer.set(good);
            assertThat(describeAtOnce(client)).containsOnly(400);
        }
        assertThat(turn.availablePermits()).as("after the calls that followed").isEqualTo(1);
    }

    @Test
    void everyClientOfASessionReadsLargeAnswersInTurnBeforeItsOtherInterceptors() {
        ClientSettings settings = ClientSettings.defaults().withRegion("us-east-1")
                .withEndpoint(URI.create("http://127.0.0.1:" + ec2.getAddress().getPort()));

        try (Ec2Session session = Ec2Session.open(settings,
                StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))) {
            assertThat(session.client().serviceClientConfiguration().overrideConfiguration().executionInterceptors())
                    .as("last added, first to see an answer").endsWith(LargeAnswers.IN_TURN);
        }
    }

    /** {@value #CALLS} calls at once; the number of groups each read. */
    private List<Integer> describeAtOnce(Ec2Client client) throws Exception {
        List<Future<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(callers.submit(() -> client.describeSecurityGroups().securityGroups().size()));
        }
        List<Integer> sizes = new ArrayList<>();
        for (Future<Integer> call : calls) {
            sizes.add(call.get(30, TimeUnit.SECONDS));
        }
        return sizes;
    }

    private Ec2Client client(LargeAnswers turn, Reading reading) {
        return Ec2Client.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + ec2.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                // Last, as Ec2Session adds it: an answer's interceptors are called in reverse order.
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())
                        .addExecutionInterceptor(reading).addExecutionInterceptor(turn))
                .build();
    }

    /**
     * Counts the calls in their reading of an answer at once, and the most at once. It stays in its
     * hook a while (or until all calls are there), within the turn, which is taken before and given
     * back after every other interceptor's hook of reading.
     */
    private static final class Reading implements ExecutionInterceptor {
        private final CyclicBarrier together;
        private final AtomicInteger now = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();

        Reading(CyclicBarrier together) {
            this.together = together;
        }

        @Override
        public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes attributes) {
            most.accumulateAndGet(now.incrementAndGet(), Math::max);
            try {
                if (together != null) {
                    together.await(10, TimeUnit.SECONDS);
                } else {
                    Thread.sleep(100); // long enough for the other calls' answers to arrive meanwhile
                }
            } catch (Exception e) {
                throw new IllegalStateException("the calls did not read together", e);
            } finally {
                now.decrementAndGet();
            }
        }
    }

    /** A DescribeSecurityGroups answer of {@code count} groups of five described rules each. */
    private static String groups(int count) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<DescribeSecurityGroupsResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\">"
                + "<requestId>large</requestId><securityGroupInfo>");
        for (int g = 0; g < count; g++) {
            xml.append("<item><ownerId>123456789012</ownerId><groupId>sg-").append(String.format("%017x", g))
                    .append("</groupId><groupName>group-").append(g).append("</groupName>")
                    .append("<groupDescription>a group of the test</groupDescription><vpcId>vpc-0a1b2c3d</vpcId>")
                    .append("<ipPermissions>");
            for (int r = 0; r < 5; r++) {
                xml.append("<item><ipProtocol>tcp</ipProtocol><fromPort>").append(1000 + r).append("</fromPort><toPort>")
                        .append(1000 + r).append("</toPort><groups/><ipRanges><item><cidrIp>10.0.").append(r)
                        .append(".0/24</cidrIp><description>a rule of the test</description></item></ipRanges>")
                        .append("<ipv6Ranges/><prefixListIds/></item>");
            }
            xml.append("</ipPermissions><ipPermissionsEgress/><tagSet/></item>");
        }
        return xml.append("</securityGroupInfo></DescribeSecurityGroupsResponse>").toString();
    }
}
