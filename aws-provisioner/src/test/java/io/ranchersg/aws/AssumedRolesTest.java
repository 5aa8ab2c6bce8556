package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Assumed credentials against a stub STS that hands out credentials of a chosen lifetime: what is
 * asked for, when it is asked again, and what a refusal says.
 */
class AssumedRolesTest {

    private static final StaticCredentialsProvider OWN =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("own", "own-secret"));
    private static final String ROLE = "arn:aws:iam::123456789012:role/rancher-sg-audit";

    private final List<String> requests = new CopyOnWriteArrayList<>();
    private HttpServer sts;

    @AfterEach
    void stop() {
        if (sts != null) {
            sts.stop(0);
        }
    }

    @Test
    void assumesOnceWithSessionNameAndExternalIdWhileTheCredentialsLast() throws IOException {
        URI endpoint = stub(Duration.ofHours(1), 200);
        ClientSettings settings = settings(endpoint).withRole(new AssumedRole(ROLE, "ext-4711"));

        try (AssumedRoles roles = AssumedRoles.of(settings, "eu-west-1", OWN, false)) {
            AwsCredentials first = roles.resolveCredentials();
            AwsCredentials second = roles.resolveCredentials();

            assertThat(second).isEqualTo(first);
            assertThat(first.accessKeyId()).isEqualTo("ASIAASSUMED1");
            assertThat(roles.calls().calls()).containsEntry("AssumeRole", 1);
            assertThat(roles.account()).isEqualTo("123456789012");
        }
        assertThat(requests).singleElement().asString().contains("Action=AssumeRole")
                .contains("RoleArn=" + ROLE).contains("RoleSessionName=rancher-sg").contains("ExternalId=ext-4711");
    }

    @Test
    void credentialsAboutToExpireAreAssumedAgainBeforeTheyDo() throws IOException {
        URI endpoint = stub(Duration.ofSeconds(30), 200);

        try (AssumedRoles roles = AssumedRoles.of(settings(endpoint).withRole(AssumedRole.of(ROLE)), "eu-west-1",
                OWN, false)) {
            roles.resolveCredentials();
            AwsCredentials later = roles.resolveCredentials();

            assertThat(later.accessKeyId()).as("fresh credentials, not the ones about to expire")
                    .isEqualTo("ASIAASSUMED2");
            assertThat(roles.calls().calls()).containsEntry("AssumeRole", 2);
        }
    }

    @Test
    void aRefusalNamesTheRoleButNeverTheExternalId() throws IOException {
        URI endpoint = stub(Duration.ofHours(1), 403);

        try (AssumedRoles roles = AssumedRoles.of(settings(endpoint).withRole(new AssumedRole(ROLE, "secret-ext")),
                "eu-west-1", OWN, false)) {
            assertThatThrownBy(roles::resolveCredentials)
                    .isInstanceOf(AwsSetupException.class)
                    .hasMessage("cannot assume role '" + ROLE + "' (AccessDenied: not authorized to assume it)")
                    .hasMessageNotContaining("secret-ext");
        }
    }

    @Test
    void rolesAreCheckedWhenGiven() {
        assertThatThrownBy(() -> AssumedRole.of("arn:aws:iam::12345678901:role/x"))
                .hasMessageContaining("'arn:aws:iam::12345678901:role/x'");
        assertThatThrownBy(() -> AssumedRole.of("arn:aws:iam::123456789012:user/x")).hasMessageContaining("role ARN");
        assertThatThrownBy(() -> new AssumedRole(ROLE, "no spaces")).hasMessageContaining("external id")
                .hasMessageNotContaining("no spaces");
        assertThat(AssumedRole.of("arn:aws-cn:iam::123456789012:role/path/to/x").accountId()).isEqualTo("123456789012");
        assertThat(new AssumedRole(ROLE, "ext-4711").toString()).isEqualTo(ROLE);
    }

    private static ClientSettings settings(URI endpoint) {
        return ClientSettings.defaults().withRegion("eu-west-1").withStsEndpoint(endpoint).withMaxAttempts(1);
    }

    /** STS answering every AssumeRole with credentials that expire after {@code lifetime}, or a refusal. */
    private URI stub(Duration lifetime, int status) throws IOException {
        sts = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        sts.createContext("/", exchange -> {
            requests.add(URLDecoder.decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    StandardCharsets.UTF_8));
            String body = status == 200 ? """
                    <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <AssumeRoleResult>
                        <Credentials>
                          <AccessKeyId>ASIAASSUMED%d</AccessKeyId>
                          <SecretAccessKey>assumed-secret</SecretAccessKey>
                          <SessionToken>assumed-token</SessionToken>
                          <Expiration>%s</Expiration>
                        </Credentials>
                        <AssumedRoleUser>
                          <AssumedRoleId>AROAEXAMPLE:rancher-sg</AssumedRoleId>
                          <Arn>arn:aws:sts::123456789012:assumed-role/rancher-sg-audit/rancher-sg</Arn>
                        </AssumedRoleUser>
                      </AssumeRoleResult>
                      <ResponseMetadata><RequestId>stub</RequestId></ResponseMetadata>
                    </AssumeRoleResponse>
                    """.formatted(requests.size(), Instant.now().plus(lifetime))
                    : """
                    <ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                      <Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume it</Message></Error>
                      <RequestId>stub</RequestId>
                    </ErrorResponse>
                    """;
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        sts.start();
        return URI.create("http://127.0.0.1:" + sts.getAddress().getPort());
    }

    @Test
    void closingClosesTheStsClientsOnceLeavesTheCallersCredentialsOpenAndRefusesLaterUse() {
        ClientSettings settings = new ClientSettings("us-east-1", null, URI.create("http://127.0.0.1:9"),
                ClientSettings.DEFAULT_MAX_ATTEMPTS).withRole(AssumedRole.of(ROLE));
        Ec2SessionTest.ClosingCounted callers = new Ec2SessionTest.ClosingCounted();
        AssumedRoles borrowed = AssumedRoles.of(settings, "us-east-1", callers, false);

        borrowed.close();
        borrowed.close();

        assertThat(callers.closed).as("the caller's own credentials, which every account starts from").isZero();
        assertThatThrownBy(borrowed::resolveCredentials).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ROLE).hasMessageContaining("closed");

        Ec2SessionTest.ClosingCounted handedOver = new Ec2SessionTest.ClosingCounted();
        AssumedRoles owning = AssumedRoles.of(settings, "us-east-1", handedOver, true);
        owning.close();
        owning.close();
        assertThat(handedOver.closed).as("credentials handed over are closed once").isEqualTo(1);
    }

}
