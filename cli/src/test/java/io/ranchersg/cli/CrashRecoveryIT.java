package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.ranchersg.core.Direction;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import io.ranchersg.testsupport.FaultProxy.Fault;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code kill -9} in the middle of {@code ensure}: the JVM is gone between two EC2 writes, with no
 * shutdown hook or finally block run. The group is left half done, never wrong, and the next
 * plain run finishes the job. A {@link FaultProxy} holds the write the crash must precede, so the
 * kill lands exactly between the two calls.
 */
@EndToEnd
class CrashRecoveryIT {

    /** SIGKILL: 128 + 9. */
    private static final int KILLED = 137;
    private static final Duration ARRIVAL = Duration.ofSeconds(60);
    private static final String SSH_DESCRIPTION = "Node driver SSH provisioning";

    @Test
    void killedBetweenCreateAndAuthorizeLeavesAnEmptyGroupThatTheNextEnsureCompletes(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("crash-create");
        RancherSg direct = RancherSg.against(emulator);
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Client ec2 = emulator.ec2Client()) {
            proxy.failNext("AuthorizeSecurityGroupIngress", 1, Fault.hang(Duration.ofSeconds(60)));
            RancherSg.Started ensure = direct.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .start("ensure", "--group-name", name);

            boolean arrived = proxy.awaitRequests("AuthorizeSecurityGroupIngress", 1, ARRIVAL);
            CliRun killed = ensure.killHard();

            assertThat(arrived).as("the authorize request reached the proxy\n" + killed).isTrue();
            assertThat(killed.exitCode()).as("ended by SIGKILL, not by itself\n" + killed).isEqualTo(KILLED);
            assertThat(proxy.requests("CreateSecurityGroup")).as("the group was created before the crash").isEqualTo(1);
            SecurityGroup halfDone = Ec2Groups.existing(ec2, name);
            assertThat(halfDone.ipPermissions()).as("no inbound rule: the authorize never reached EC2").isEmpty();
            assertThat(halfDone.tags()).as("tagged in the create call, so the next run may repair it")
                    .extracting(Tag::key, Tag::value)
                    .contains(tuple("managed-by", "rancher-sg"));

            CliRun rerun = direct.run("ensure", "--group-name", name);

            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
            assertThat(rerun.out()).as(rerun.toString()).contains("Repaired security group")
                    .contains(halfDone.groupId()).contains("+ ingress tcp 22 from 0.0.0.0/0");
            SecurityGroup repaired = Ec2Groups.existing(ec2, name);
            assertThat(repaired.groupId()).as("the same group, never re-created").isEqualTo(halfDone.groupId());
            assertThat(Ec2Groups.rulesOf(repaired)).as("exactly the profile's rules, read back from EC2")
                    .isEqualTo(Ec2Groups.expectedRules(name, repaired.groupId()));
            CliRun check = direct.run("check", "--group-name", name);
            assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void killedBetweenAuthorizeAndRevokeHasRestoredTheMissingRuleAndKeptTheExtraOne(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("crash-prune");
        RancherSg direct = RancherSg.against(emulator);
        CliRun created = direct.run("ensure", "--group-name", name);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        String ssh = Ec2Groups.rule(Direction.INGRESS, "tcp", 22, "0.0.0.0/0", SSH_DESCRIPTION);
        String extra = Ec2Groups.rule(Direction.INGRESS, "tcp", 9999, "10.9.0.0/16", "by hand");
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Client ec2 = emulator.ec2Client()) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(Ec2Groups.permission("tcp", 9999, "10.9.0.0/16", "by hand")));
            ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(Ec2Groups.permission("tcp", 22, "0.0.0.0/0", null)));
            Set<String> drifted = Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name));
            assertThat(drifted).as("drift arranged by hand").contains(extra).doesNotContain(ssh);
            proxy.failNext("RevokeSecurityGroupIngress", 1, Fault.hang(Duration.ofSeconds(60)));
            RancherSg.Started prune = direct.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                    .start("ensure", "--group-name", name, "--prune");

            boolean arrived = proxy.awaitRequests("RevokeSecurityGroupIngress", 1, ARRIVAL);
            CliRun killed = prune.killHard();

            assertThat(arrived).as("the revoke request reached the proxy\n" + killed).isTrue();
            assertThat(killed.exitCode()).as("ended by SIGKILL, not by itself\n" + killed).isEqualTo(KILLED);
            Set<String> afterCrash = Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name));
            assertThat(afterCrash).as("the missing rule is back: authorize comes before revoke").contains(ssh);
            assertThat(afterCrash).as("the extra rule is still there: the revoke never reached EC2").contains(extra);
            Set<String> expected = Ec2Groups.expectedRules(name, groupId);
            assertThat(afterCrash).as("every profile rule, plus the extra one").containsAll(expected)
                    .hasSize(expected.size() + 1);

            CliRun rerun = direct.run("ensure", "--group-name", name, "--prune");

            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
            assertThat(rerun.out()).as(rerun.toString()).contains("- ingress tcp 9999 from 10.9.0.0/16")
                    .doesNotContain("+ ingress");
            SecurityGroup converged = Ec2Groups.existing(ec2, name);
            assertThat(converged.groupId()).isEqualTo(groupId);
            assertThat(Ec2Groups.rulesOf(converged)).as("exactly the profile's rules, read back from EC2")
                    .isEqualTo(expected);
            CliRun check = direct.run("check", "--group-name", name);
            assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.OK);
        }
    }

    @Test
    void aStackKilledBetweenCreatesOrBetweenAuthorizesIsFinishedByTheNextEnsure(Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("crash-stack");
        String[] stack = {"stack", "ensure", "--cluster", cluster, "--layout", "node-pool",
            "--peer", "rancher=10.1.0.0/16", "--peer", "workload-clients=10.2.0.0/16"};
        RancherSg direct = RancherSg.against(emulator);
        try (Ec2Client ec2 = emulator.ec2Client()) {
            for (String action : new String[] {"CreateSecurityGroup", "AuthorizeSecurityGroupIngress"}) {
                try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
                    // The second call of its kind is held: the kill lands after the first one.
                    proxy.failAfter(action, 1, Fault.hang(Duration.ofSeconds(60)));
                    RancherSg.Started ensure = direct.with("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                            .start(stack);

                    boolean arrived = proxy.awaitRequests(action, 2, ARRIVAL);
                    CliRun killed = ensure.killHard();

                    assertThat(arrived).as("the second %s reached the proxy\n%s", action, killed).isTrue();
                    assertThat(killed.exitCode()).as("ended by SIGKILL\n" + killed).isEqualTo(KILLED);
                }
                CliRun check = direct.run("stack", "check", "--cluster", cluster, "--layout", "node-pool",
                        "--peer", "rancher=10.1.0.0/16", "--peer", "workload-clients=10.2.0.0/16");
                assertThat(check.exitCode()).as("half done after a kill before the second %s\n%s", action, check)
                        .isEqualTo(ExitCodes.DRIFT);
            }

            CliRun rerun = direct.run(stack);

            assertThat(rerun.exitCode()).as(rerun.toString()).isZero();
            for (String role : new String[] {"etcd", "controlplane", "worker"}) {
                assertThat(Ec2Groups.named(ec2, cluster + "-" + role)).as("one group for %s", role).hasSize(1);
            }
            CliRun check = direct.run("stack", "check", "--cluster", cluster, "--layout", "node-pool",
                    "--peer", "rancher=10.1.0.0/16", "--peer", "workload-clients=10.2.0.0/16");
            assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.OK);
        }
    }
}
