package io.ranchersg.aws;

import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Bad input through the Java API, one row each: a typed exception whose one-line message names the
 * bad value, and nothing written to EC2.
 */
@EndToEnd
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String NAME = Ec2Groups.uniqueName("bad-input");

    private Ec2Emulator emulator;
    private FaultProxy deniedProxy;
    private URI closedEndpoint;

    @BeforeAll
    void setUp(Ec2Emulator emulator) throws Exception {
        this.emulator = emulator;
        deniedProxy = FaultProxy.start(emulator.endpoint());
        try (ServerSocket socket = new ServerSocket(0)) {
            closedEndpoint = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
    }

    @AfterAll
    void tearDown() {
        deniedProxy.close();
        try (Ec2Client raw = emulator.ec2Client()) {
            assertThat(Ec2Groups.named(raw, NAME)).as("no group was created by any bad input").isEmpty();
        }
    }

    /** A row: what is done, the exception expected, and the text its message must name. */
    private record Row(String label, Function<BadInputIT, Object> action, Class<? extends Throwable> type,
                       String named) {
        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                new Row("invalid CIDR", t -> t.ensure(GroupRequest.rancherNodes().withOptions(
                        options().withOpenTo("10.0.0.0/33"))), IllegalArgumentException.class, "10.0.0.0/33"),
                new Row("CIDR that is no address", t -> t.ensure(GroupRequest.rancherNodes().withOptions(
                        options().withOpenTo("banana"))), IllegalArgumentException.class, "banana"),
                new Row("CIDR with host bits set", t -> t.ensure(GroupRequest.rancherNodes().withOptions(
                        options().withOpenTo("10.0.0.1/8"))), IllegalArgumentException.class, "10.0.0.1/32"),
                new Row("peer CIDR with host bits set", t -> t.ensure(GroupRequest.rancherNodes().withOptions(
                        options().withPeer("rancher", "2001:db8::1/64"))), IllegalArgumentException.class,
                        "2001:db8::/64"),
                new Row("port out of range", t -> PortRange.of(70000), IllegalArgumentException.class, "70000"),
                new Row("from above to", t -> PortRange.of(2380, 2379), IllegalArgumentException.class, "2380"),
                new Row("unknown profile", t -> t.ensure(GroupRequest.forProfile("rancher-nods")),
                        IllegalArgumentException.class, "rancher-nods"),
                new Row("group name starting with sg-", t -> t.ensure(GroupRequest.rancherNodes()
                        .withGroupName("sg-nodes")), IllegalArgumentException.class, "sg-nodes"),
                new Row("the default group's name", t -> t.ensure(GroupRequest.rancherNodes()
                        .withGroupName("default")), IllegalArgumentException.class, "'default' is reserved"),
                new Row("group name over 255 characters", t -> t.ensure(GroupRequest.rancherNodes()
                        .withGroupName("n".repeat(256))), IllegalArgumentException.class, "256"),
                new Row("malformed VPC id", t -> GroupRequest.rancherNodes().withVpcId("vpc-12"),
                        IllegalArgumentException.class, "vpc-12"),
                new Row("unknown VPC", t -> t.ensure(GroupRequest.rancherNodes().withGroupName(NAME)
                        .withVpcId("vpc-0123456789abcdef0")), RefusedException.class, "vpc-0123456789abcdef0"),
                new Row("malformed region", t -> ClientSettings.defaults().withRegion("Mars"),
                        IllegalArgumentException.class, "Mars"),
                new Row("no credentials", t -> t.ensureWith(ClientSettings.defaults(), () -> {
                    throw SdkClientException.create("Unable to load credentials from any of the providers in the"
                            + " chain AwsCredentialsProviderChain");
                }), AwsSetupException.class, "AWS_ACCESS_KEY_ID"),
                new Row("access denied", t -> t.ensureWith(ClientSettings.defaults().withEndpoint(
                        t.denyingEverything()), t.credentials()), AccessDeniedException.class,
                        "ec2:DescribeVpcs"),
                new Row("endpoint that does not answer", t -> t.ensureWith(ClientSettings.defaults()
                        .withMaxAttempts(2).withEndpoint(t.closedEndpoint), t.credentials()),
                        EndpointUnreachableException.class, "does not answer")
        ).map(Arguments::of);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void isRefusedInOneLineNamingTheValueAndWritesNothing(Row row) {
        Throwable thrown = catchThrowable(() -> row.action().apply(this));

        assertThat(thrown).as(row.label()).isInstanceOf(row.type());
        assertThat(thrown.getMessage()).as("message of " + row.label())
                .contains(row.named())
                .doesNotContain("\n");
    }

    private static ProfileOptions options() {
        return ProfileOptions.defaults().withGroupName(NAME);
    }

    private Outcome ensure(GroupRequest request) {
        return ensureWith(ClientSettings.defaults().withEndpoint(emulator.endpoint()), credentials(), request);
    }

    private Outcome ensureWith(ClientSettings settings, AwsCredentialsProvider credentials) {
        return ensureWith(settings, credentials, GroupRequest.rancherNodes().withGroupName(NAME));
    }

    private Outcome ensureWith(ClientSettings settings, AwsCredentialsProvider credentials, GroupRequest request) {
        ClientSettings here = settings.endpoint() == null ? settings.withEndpoint(emulator.endpoint()) : settings;
        try (Ec2Session session = Ec2Session.open(here.withRegion(emulator.region()), credentials)) {
            return new Reconciler(session).ensure(request);
        }
    }

    private URI denyingEverything() {
        deniedProxy.failNext(FaultProxy.ANY, 100, ec2Error(403, "UnauthorizedOperation"));
        return deniedProxy.endpoint();
    }

    private AwsCredentialsProvider credentials() {
        return emulator.credentials();
    }
}
