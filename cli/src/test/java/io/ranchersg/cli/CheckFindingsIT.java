package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Findings;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code check} judges the rules the group really has, not only the profile's: the page's
 * warnings come back as findings, and a rule opened by hand that exposes the VXLAN overlay to the
 * world is a critical one.
 */
@EndToEnd
class CheckFindingsIT {

    @Test
    void checkReportsWorldOpenSshAndACriticalFindingForVxlanOpenedByHand(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("findings");
        RancherSg cli = RancherSg.against(emulator);
        CliRun created = cli.run("ensure", "--group-name", name);
        assertThat(created.exitCode()).as(created.toString()).isZero();

        CliRun inSync = cli.run("check", "--group-name", name, "--output", "json");

        assertThat(inSync.exitCode()).as(inSync.toString()).isEqualTo(ExitCodes.OK);
        JsonNode ssh = finding(inSync, Findings.WORLD_OPEN_SSH);
        assertThat(ssh).as("world-open SSH in\n" + inSync).isNotNull();
        assertThat(ssh.get("severity").asText()).isEqualTo("medium");
        assertThat(Json.write(ssh.get("rule"))).as("the rule it is about").isEqualTo("{\"direction\":\"ingress\","
                + "\"protocol\":\"tcp\",\"from_port\":22,\"to_port\":22,\"source\":{\"kind\":\"cidr\",\"value\":"
                + "\"0.0.0.0/0\"},\"description\":\"Node driver SSH provisioning\"}");
        assertThat(finding(inSync, Findings.WORLD_OPEN_VXLAN)).as("VXLAN is open to the group only").isNull();

        openVxlanToTheWorld(emulator, name);
        CliRun exposed = cli.run("check", "--group-name", name, "--output", "json");
        CliRun text = cli.run("check", "--group-name", name);

        assertThat(exposed.exitCode()).as("the world-open rule is extra: drift\n" + exposed).isEqualTo(ExitCodes.DRIFT);
        JsonNode vxlan = finding(exposed, Findings.WORLD_OPEN_VXLAN);
        assertThat(vxlan).as("world-open VXLAN in\n" + exposed).isNotNull();
        assertThat(vxlan.get("severity").asText()).isEqualTo("critical");
        assertThat(vxlan.get("rule").get("protocol").asText()).isEqualTo("udp");
        assertThat(vxlan.get("rule").get("from_port").asInt()).isEqualTo(8472);
        assertThat(vxlan.get("rule").get("source").get("value").asText()).isEqualTo("0.0.0.0/0");
        assertThat(findings(exposed).get(0).get("code").asText()).as("most severe first")
                .isEqualTo(Findings.WORLD_OPEN_VXLAN);
        assertThat(finding(exposed, Findings.WORLD_OPEN_SSH)).as("SSH is still reported").isNotNull();
        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(text.out()).as(text.toString()).containsPattern("- +extra +ingress udp 8472 from 0\\.0\\.0\\.0/0");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name))).as("check changed nothing")
                    .contains(Ec2Groups.rule(Direction.INGRESS, "udp", 8472, "0.0.0.0/0", "opened by hand"));
        }
    }

    @Test
    void checkTextNamesTheCriticalVxlanFinding(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("findings-text");
        RancherSg cli = RancherSg.against(emulator);
        CliRun created = cli.run("ensure", "--group-name", name);
        assertThat(created.exitCode()).as(created.toString()).isZero();
        openVxlanToTheWorld(emulator, name);

        CliRun text = cli.run("check", "--group-name", name);

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.DRIFT);
        assertThat(text.out()).as(text.toString()).containsIgnoringCase("critical")
                .contains(Findings.WORLD_OPEN_VXLAN);
    }

    private static void openVxlanToTheWorld(Ec2Emulator emulator, String name) {
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(Ec2Groups.permission("udp", 8472, "0.0.0.0/0", "opened by hand")));
        }
    }

    private static List<JsonNode> findings(CliRun check) {
        List<JsonNode> findings = new ArrayList<>();
        Json.read(check.out()).get("groups").get(0).get("findings").forEach(findings::add);
        return findings;
    }

    private static JsonNode finding(CliRun check, String code) {
        return findings(check).stream().filter(f -> f.get("code").asText().equals(code)).findFirst().orElse(null);
    }
}
