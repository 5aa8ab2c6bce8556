package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Least privilege: {@code check} and {@code scan} work with {@code ec2:Describe*} alone, as the
 * example IAM policy for drift detection grants, and {@code ensure} under that policy fails on the
 * first write, naming the IAM action, with the group unchanged. A {@link FaultProxy} plays IAM:
 * every action that does not start with {@code Describe} is answered {@code 403 UnauthorizedOperation}.
 */
@EndToEnd
class PermissionsIT {

    @Test
    void checkAndScanNeedOnlyDescribeActions(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("perm-read");
        RancherSg direct = RancherSg.against(emulator);
        CliRun created = direct.run("ensure", "--group-name", name);
        assertThat(created.exitCode()).as(created.toString()).isZero();

        try (FaultProxy readOnly = describeOnly(emulator)) {
            RancherSg cli = direct.with("AWS_ENDPOINT_URL", readOnly.endpoint().toString());

            CliRun check = cli.run("check", "--group-name", name);
            CliRun scan = cli.run("scan", "--regions", emulator.region(), "--output", "json");

            assertThat(check.exitCode()).as("check of the group just ensured\n" + check).isEqualTo(ExitCodes.OK);
            assertThat(check.out()).as(check.toString()).contains("in sync");
            assertThat(scan.exitCode()).as("in sync or drift, never an error\n" + scan)
                    .isIn(ExitCodes.OK, ExitCodes.DRIFT);
            JsonNode doc = Json.read(scan.out());
            assertThat(doc.get("errors")).as("no region failed\n" + scan).isEmpty();
            assertThat(doc.get("groups").findValuesAsText("group_name")).as("the scan found the group\n" + scan)
                    .contains(name);
            Set<String> actions = readOnly.actionsSeen();
            assertThat(actions).as("EC2 actions of check and scan").isNotEmpty()
                    .allSatisfy(action -> assertThat(action).as("action").startsWith("Describe"));
            assertThat(readOnly.faults()).as("nothing was denied").isZero();
        }
    }

    @Test
    void ensureWithOnlyDescribeFailsNamingTheMissingPermissionAndChangesNothing(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("perm-write");
        RancherSg direct = RancherSg.against(emulator);
        CliRun created = direct.run("ensure", "--group-name", name);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        Set<String> drifted;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(Ec2Groups.permission("tcp", 22, "0.0.0.0/0", null)));
            drifted = Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name));
        }

        try (FaultProxy readOnly = describeOnly(emulator)) {
            RancherSg cli = direct.with("AWS_ENDPOINT_URL", readOnly.endpoint().toString());

            CliRun check = cli.run("check", "--group-name", name);
            CliRun ensure = cli.run("ensure", "--group-name", name);

            assertThat(check.exitCode()).as("check sees the drift\n" + check).isEqualTo(ExitCodes.DRIFT);
            assertThat(ensure.exitCode()).as(ensure.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(ensure.errLines()).as("one line\n" + ensure).hasSize(1);
            assertThat(ensure.err()).as(ensure.toString()).contains("ec2:AuthorizeSecurityGroupIngress");
            assertThat(readOnly.actionsSeen()).as("ensure got as far as the first write")
                    .contains("AuthorizeSecurityGroupIngress");
            assertThat(readOnly.faults()).as("exactly that write was denied").isEqualTo(1);
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name))).as("the group is unchanged")
                    .isEqualTo(drifted);
        }
    }

    private static FaultProxy describeOnly(Ec2Emulator emulator) {
        return FaultProxy.start(emulator.endpoint()).denyAllExcept(action -> action.startsWith("Describe"));
    }
}
