package io.ranchersg.aws;

import static io.ranchersg.testsupport.FaultProxy.Fault.delay;
import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static io.ranchersg.testsupport.FaultProxy.Fault.reset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Rules;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * EC2's awkward answers, each handled on purpose: injected by a proxy between the SDK and the
 * emulator, so that the reconciler meets them exactly as it would meet EC2.
 */
@EndToEnd
class Ec2BehaviourIT {

    private Ec2Emulator emulator;
    private Ec2Client raw;
    private FaultProxy proxy;
    private String vpcId;
    private String name;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        this.emulator = emulator;
        raw = emulator.ec2Client();
        proxy = FaultProxy.start(emulator.endpoint());
        vpcId = Ec2Groups.defaultVpcId(raw);
        name = Ec2Groups.uniqueName("faults");
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        raw.close();
    }

    private Ec2Session session(ClientSettings settings) {
        return Ec2Session.open(settings.withRegion(emulator.region()),
                emulator.credentials());
    }

    private Ec2Session throughProxy() {
        return session(ClientSettings.defaults().withEndpoint(proxy.endpoint()));
    }

    private GroupRequest request() {
        return GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpcId);
    }

    private void assertGroupMatchesProfile() {
        try (Ec2Session direct = Emulated.session(emulator)) {
            Outcome check = new Reconciler(direct).check(request());
            assertThat(check.inSync()).as("group in sync, read without faults: " + check.drift()).isTrue();
        }
    }

    @Test
    void waitsOutGroupNotFoundRightAfterCreate() {
        proxy.failNext("AuthorizeSecurityGroupIngress", 2, ec2Error(400, "InvalidGroup.NotFound"));

        try (Ec2Session session = throughProxy()) {
            Outcome outcome = new Reconciler(session).ensure(request());
            assertThat(outcome.created()).isTrue();
            assertThat(outcome.apiCalls()).as("authorize tried until the group is visible")
                    .containsEntry("AuthorizeSecurityGroupIngress", 3);
        }
        assertGroupMatchesProfile();
    }

    @Test
    void retriesThrottlingAndServerErrorsThroughTheSdk() {
        proxy.failNext("DescribeSecurityGroups", 2, ec2Error(503, "RequestLimitExceeded"));
        proxy.failNext("CreateSecurityGroup", 1, ec2Error(500, "InternalError"));
        proxy.failNext("AuthorizeSecurityGroupIngress", 1, ec2Error(503, "Unavailable"));

        try (Ec2Session session = throughProxy()) {
            Outcome outcome = new Reconciler(session).ensure(request());
            assertThat(outcome.apiCalls()).as("one call per operation, retries inside it").containsEntry(
                    "DescribeSecurityGroups", 1).containsEntry("CreateSecurityGroup", 1);
            assertThat(session.calls().attempts()).as("attempts")
                    .containsEntry("DescribeSecurityGroups", 3)
                    .containsEntry("CreateSecurityGroup", 2)
                    .containsEntry("AuthorizeSecurityGroupIngress", 2);
        }
        assertThat(Ec2Groups.named(raw, name)).as("one group despite a retried create").hasSize(1);
        assertGroupMatchesProfile();
    }

    @Test
    void survivesResetConnectionsAndSlowAnswers() {
        proxy.failNext("DescribeSecurityGroups", 1, reset());
        proxy.failNext("AuthorizeSecurityGroupIngress", 1, delay(Duration.ofSeconds(3)));

        try (Ec2Session session = session(ClientSettings.defaults().withEndpoint(proxy.endpoint())
                .withAttemptTimeout(Duration.ofSeconds(1)))) {
            new Reconciler(session).ensure(request());
        }
        assertGroupMatchesProfile();
    }

    @Test
    void finishesWhatIsMissingWhenAnotherRunAddedARuleFirst() {
        try (Ec2Session session = throughProxy()) {
            String groupId = new Reconciler(session).ensure(request()).groupId();
            revoke(groupId, 22);
            revoke(groupId, 443);
            // As if another run authorized them between our read and our write.
            proxy.failNext("AuthorizeSecurityGroupIngress", 1, ec2Error(400, "InvalidPermission.Duplicate"));

            Outcome outcome = new Reconciler(session).ensure(request());

            assertThat(outcome.apiCalls()).as("re-read after the duplicate, then authorize again")
                    .containsEntry("DescribeSecurityGroups", 2)
                    .containsEntry("AuthorizeSecurityGroupIngress", 2);
        }
        assertGroupMatchesProfile();
    }

    @Test
    void namesTheIamActionWhenAccessIsDeniedAndWritesNothing() {
        proxy.failNext("CreateSecurityGroup", 1, ec2Error(403, "UnauthorizedOperation"));

        try (Ec2Session session = throughProxy()) {
            assertThatThrownBy(() -> new Reconciler(session).ensure(request()))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("ec2:CreateSecurityGroup")
                    .hasMessageNotContaining("\n");
        }
        assertThat(Ec2Groups.named(raw, name)).isEmpty();
    }

    @Test
    void preflightProvesPermissionsBeforeChangingAnything() {
        String groupId;
        try (Ec2Session session = throughProxy()) {
            groupId = new Reconciler(session).ensure(request()).groupId();
        }
        revoke(groupId, 6443);
        Set<String> before = rulesOf(groupId);
        proxy.failNext("AuthorizeSecurityGroupIngress", 1, ec2Error(403, "UnauthorizedOperation"));

        try (Ec2Session session = throughProxy()) {
            assertThatThrownBy(() -> new Reconciler(session).ensure(request().withPreflight(true)))
                    .isInstanceOf(AccessDeniedException.class)
                    .hasMessageContaining("ec2:AuthorizeSecurityGroupIngress");
        }
        assertThat(rulesOf(groupId)).as("nothing written").isEqualTo(before);

        try (Ec2Session session = throughProxy()) {
            Outcome outcome = new Reconciler(session).ensure(request().withPreflight(true));
            assertThat(outcome.apiCalls()).as("a dry run, then the real authorize")
                    .containsEntry("AuthorizeSecurityGroupIngress", 2);
        }
        assertGroupMatchesProfile();
    }

    @Test
    void saysInOneLineWhenTheEndpointDoesNotAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ClientSettings settings = ClientSettings.defaults().withMaxAttempts(2)
                .withEndpoint(URI.create("http://127.0.0.1:" + closedPort));

        try (Ec2Session session = session(settings)) {
            assertThatThrownBy(() -> new Reconciler(session).check(request()))
                    .isInstanceOf(EndpointUnreachableException.class)
                    .hasMessageContaining("does not answer")
                    .hasMessageContaining("http://127.0.0.1:" + closedPort)
                    .hasMessageNotContaining("\n");
        }
    }

    private Set<String> rulesOf(String groupId) {
        return Ec2Groups.rulesOf(raw, groupId);
    }

    private void revoke(String groupId, int port) {
        raw.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
    }
}
