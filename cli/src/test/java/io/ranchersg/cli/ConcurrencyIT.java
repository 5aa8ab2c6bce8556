package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Many {@code ensure} processes racing for one new group, as when every node of an autoscaling
 * group runs it at boot: the losers of the create and authorize races read the group again and
 * finish, so all succeed and EC2 ends with one group holding each rule once.
 */
@EndToEnd
class ConcurrencyIT {

    private static final int PROCESSES = 16;
    /** 16 JVMs on a small machine: about a second of CPU each to start, then a few EC2 calls. */
    private static final Duration ALL_DONE = Duration.ofMinutes(3);

    @Test
    void sixteenConcurrentEnsuresAllSucceedAndLeaveOneGroupWithTheProfilesRules(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("concurrent");
        RancherSg cli = RancherSg.against(emulator);

        List<RancherSg.Started> started = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            started.add(cli.start("ensure", "--group-name", name));
        }
        long deadline = System.nanoTime() + ALL_DONE.toNanos();
        List<CliRun> results = new ArrayList<>();
        for (RancherSg.Started run : started) {
            results.add(run.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime()))));
        }

        for (CliRun result : results) {
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.err()).as("no warnings or errors\n" + result).isEmpty();
        }
        assertThat(results).as("exactly one run created the group; the others found it")
                .filteredOn(r -> r.out().contains("Created security group")).hasSize(1);
        try (Ec2Client ec2 = emulator.ec2Client()) {
            List<SecurityGroup> groups = Ec2Groups.named(ec2, name);
            assertThat(groups).as("one group of that name").hasSize(1);
            SecurityGroup group = groups.get(0);
            assertThat(Ec2Groups.rulesOf(group)).as("exactly the profile's rules, read back from EC2")
                    .isEqualTo(Ec2Groups.expectedRules(name, group.groupId()));
            String groupId = group.groupId();
            assertThat(results).as("every run reports the one group").allSatisfy(
                    r -> assertThat(r.out()).as(r.toString()).contains(groupId));
        }
        CliRun check = cli.run("check", "--group-name", name);
        assertThat(check.exitCode()).as(check.toString()).isEqualTo(ExitCodes.OK);
    }
}
