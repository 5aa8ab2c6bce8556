package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** The two example programs against a real EC2 emulator, as a reader would run them. */
@EndToEnd
class ExamplesIT {

    private Ec2Client raw;
    private ClientSettings settings;
    private AwsCredentialsProvider credentials;
    private String name;
    private GroupRequest request;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        raw = emulator.ec2Client();
        settings = ClientSettings.defaults().withRegion(emulator.region()).withEndpoint(emulator.endpoint());
        credentials = emulator.credentials();
        // All tests share one emulator: a name of its own keeps this test's group apart.
        name = Ec2Groups.uniqueName("examples");
        request = GroupRequest.rancherNodes().withGroupName(name);
    }

    @AfterEach
    void tearDown() {
        groupsNamed(name).forEach(group -> raw.deleteSecurityGroup(r -> r.groupId(group.groupId())));
        raw.close();
    }

    @Test
    void ensureCreatesTheGroupAndTheDriftJobReportsARuleRevokedByHand() {
        Run ensure = new Run();
        int ensureExit = EnsureRancherNodes.run(ensure.out, ensure.err, request, settings, credentials);

        assertThat(ensureExit).as("EnsureRancherNodes exit code; stderr: %s", ensure.err()).isZero();
        List<SecurityGroup> groups = groupsNamed(name);
        assertThat(groups).as("groups named %s", name).hasSize(1);
        SecurityGroup group = groups.get(0);
        assertThat(inboundRules(group)).as("inbound rules of %s", group.groupId()).isEqualTo(12);
        assertThat(ensure.out()).as("EnsureRancherNodes output")
                .contains("security group " + group.groupId() + " (" + name + ")")
                .contains(": created")
                .contains("rules authorized: 12")
                .contains("EC2 calls: ");

        Run inSync = new Run();
        assertThat(DriftJob.run(inSync.out, inSync.err, request, settings, credentials))
                .as("DriftJob exit code right after ensure; output: %s%s", inSync.out(), inSync.err()).isZero();
        assertThat(inSync.out()).as("DriftJob output in sync").contains(": in sync").doesNotContain("missing");

        raw.revokeSecurityGroupIngress(r -> r.groupId(group.groupId()).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(6443).toPort(6443)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));

        Run drift = new Run();
        assertThat(DriftJob.run(drift.out, drift.err, request, settings, credentials))
                .as("DriftJob exit code after a revoke by hand; output: %s%s", drift.out(), drift.err())
                .isEqualTo(DriftJob.DRIFT);
        assertThat(drift.out()).as("DriftJob output after a revoke by hand")
                .contains(": drift")
                .contains("missing  ingress tcp 6443 from 0.0.0.0/0");
    }

    @Test
    void aSecondEnsureFindsTheGroupAndOnlyReads() {
        Run first = new Run();
        assertThat(EnsureRancherNodes.run(first.out, first.err, request, settings, credentials))
                .as("first run's exit code; stderr: %s", first.err()).isZero();

        Run again = new Run();
        int exit = EnsureRancherNodes.run(again.out, again.err, request, settings, credentials);

        assertThat(exit).as("exit code; stderr: %s", again.err()).isZero();
        assertThat(again.out()).as("output of the second run")
                .contains(": already there")
                .contains("rules authorized: 0")
                .contains("(0 writes)");
    }

    @Test
    void driftJobCountsAMissingGroupAsDrift() {
        Run run = new Run();

        int exit = DriftJob.run(run.out, run.err, request, settings, credentials);

        assertThat(exit).as("exit code; stderr: %s", run.err()).isEqualTo(DriftJob.DRIFT);
        assertThat(run.out()).as("output").contains("security group " + name + " does not exist in vpc-");
        assertThat(groupsNamed(name)).as("groups after a check: it reads only").isEmpty();
    }

    @Test
    void driftJobExitsOneWithAOneLineMessageWhenTheVpcDoesNotExist() {
        Run run = new Run();

        int exit = DriftJob.run(run.out, run.err, request.withVpcId("vpc-0123456789abcdef0"), settings, credentials);

        assertThat(exit).as("exit code; stdout: %s", run.out()).isEqualTo(DriftJob.ERROR);
        assertThat(run.err()).as("stderr").startsWith("error: ").contains("vpc-0123456789abcdef0")
                .hasLineCount(1);
        assertThat(run.out()).as("stdout").isEmpty();
    }

    private List<SecurityGroup> groupsNamed(String groupName) {
        return Ec2Groups.named(raw, groupName);
    }

    /** Rules as EC2 counts them: one per peer of each permission. */
    private static int inboundRules(SecurityGroup group) {
        return group.ipPermissions().stream()
                .mapToInt(p -> p.ipRanges().size() + p.ipv6Ranges().size() + p.userIdGroupPairs().size()
                        + p.prefixListIds().size())
                .sum();
    }

    /** What a program printed, on each stream. */
    private static final class Run {
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(stdout, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(stderr, true, StandardCharsets.UTF_8);

        String out() {
            return stdout.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return stderr.toString(StandardCharsets.UTF_8);
        }
    }
}
