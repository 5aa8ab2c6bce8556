package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/** Opening a session and reading its answers, without an emulator: what happens before and around EC2. */
class Ec2SessionTest {

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    @Test
    void aRegionFromTheConfigFileIsCheckedLikeAGivenOne(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("config"), "[profile typo]\nregion = us-east-1 eu\n");
        String before = System.getProperty("aws.configFile");
        System.setProperty("aws.configFile", config.toString());
        try {
            assertThatThrownBy(() -> Ec2Session.open(ClientSettings.defaults().withAwsProfile("typo"), CREDENTIALS))
                    .isInstanceOf(AwsSetupException.class)
                    .hasMessageContaining("invalid AWS region 'us-east-1 eu'")
                    .hasMessageContaining("profile 'typo'")
                    .hasMessageNotContaining("\n");
        } finally {
            if (before == null) {
                System.clearProperty("aws.configFile");
            } else {
                System.setProperty("aws.configFile", before);
            }
        }
    }

    @Test
    void theSharedTimerStillEndsACallThatOutlivesItsAttemptAndOutlivesTheSession() throws Exception {
        HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        silent.createContext("/", exchange -> {
            try {
                Thread.sleep(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        silent.setExecutor(Executors.newCachedThreadPool());
        silent.start();
        URI endpoint = URI.create("http://127.0.0.1:" + silent.getAddress().getPort());
        ClientSettings settings = ClientSettings.defaults().withRegion("us-east-1").withEndpoint(endpoint)
                .withMaxAttempts(1).withAttemptTimeout(Duration.ofMillis(300));
        try {
            long start = System.nanoTime();
            try (Ec2Session session = Ec2Session.open(settings, CREDENTIALS)) {
                assertThatThrownBy(() -> new SecurityGroupApi(session).regions()).isInstanceOf(RuntimeException.class);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(took).as("ended by the attempt timeout, not by the server").isLessThan(Duration.ofMillis(3_000));
            assertThat(Ec2Session.Timeouts.TIMER.isShutdown()).as("closing a session leaves the shared timer").isFalse();
            assertThat(Thread.getAllStackTraces().keySet()).as("the timer's threads")
                    .filteredOn(thread -> thread.getName().equals("rancher-sg-timeouts")).isNotEmpty()
                    .allMatch(Thread::isDaemon);
        } finally {
            silent.stop(0);
        }
    }

    @Test
    void anHttpErrorWithoutAnEc2ErrorNamesStatusAndEndpoint() throws Exception {
        HttpServer proxy = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        proxy.createContext("/", exchange -> {
            byte[] page = "<html><body><h1>502 Bad Gateway</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(502, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        proxy.start();
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getAddress().getPort());
        ClientSettings settings = ClientSettings.defaults().withRegion("us-east-1").withEndpoint(endpoint)
                .withMaxAttempts(1);
        try (Ec2Session session = Ec2Session.open(settings, CREDENTIALS)) {
            assertThatThrownBy(() -> new SecurityGroupApi(session).regions())
                    .isInstanceOf(Ec2CallException.class)
                    .hasMessageContaining("DescribeRegions")
                    .hasMessageContaining("HTTP 502")
                    .hasMessageContaining(endpoint.toString())
                    .hasMessageNotContaining("null");
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void closingASessionLeavesTheCallersCredentialsOpen() {
        ClosingCounted credentials = new ClosingCounted();
        ClientSettings settings = ClientSettings.defaults().withRegion("us-east-1");

        Ec2Session.open(settings, credentials, "123456789012").close();
        Ec2Session.open(settings, credentials, "123456789012").close();

        assertThat(credentials.closed).as("the SDK closes a client's credentials provider with the client: an"
                + " account's role, shared by its regions, would be closed by its first region").isZero();
    }

    /** Credentials that count how often they are closed. */
    static final class ClosingCounted implements software.amazon.awssdk.auth.credentials.AwsCredentialsProvider,
            software.amazon.awssdk.utils.SdkAutoCloseable {
        int closed;

        @Override
        public software.amazon.awssdk.auth.credentials.AwsCredentials resolveCredentials() {
            return software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("key", "secret");
        }

        @Override
        public void close() {
            closed++;
        }
    }

    @Test
    void onlyAPlainHttpEndpointWithoutAProxySkipsTheTlsSetUp() {
        ClientSettings aws = ClientSettings.defaults().withRegion("us-east-1");

        assertThat(Ec2Session.httpClient(aws)).as("AWS").isInstanceOf(UrlConnectionHttpClient.Builder.class);
        assertThat(Ec2Session.httpClient(aws.withEndpoint(URI.create("https://vpce.example.com"))))
                .as("an https endpoint").isInstanceOf(UrlConnectionHttpClient.Builder.class);
        assertThat(Ec2Session.httpClient(aws.withEndpoint(URI.create("http://127.0.0.1:4566"))))
                .as("a plain-HTTP endpoint").isNotInstanceOf(UrlConnectionHttpClient.Builder.class);

        String before = System.getProperty("http.proxyHost");
        System.setProperty("http.proxyHost", "proxy.example.com");
        try {
            assertThat(Ec2Session.httpClient(aws.withEndpoint(URI.create("http://127.0.0.1:4566"))))
                    .as("a plain-HTTP endpoint through a proxy").isInstanceOf(UrlConnectionHttpClient.Builder.class);
        } finally {
            if (before == null) {
                System.clearProperty("http.proxyHost");
            } else {
                System.setProperty("http.proxyHost", before);
            }
        }
    }
}
