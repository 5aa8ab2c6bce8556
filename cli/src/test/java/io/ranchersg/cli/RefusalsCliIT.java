package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * The CLI's side of what ensure refuses by default: exit code 1, one line naming the flag that
 * accepts it, nothing written; and the warnings plan and ensure print. The refusals themselves are
 * tested at the provisioner.
 */
@EndToEnd
class RefusalsCliIT {

    @Test
    void aForgottenOptionDoesNotReopenALockedDownGroup(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-lock");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name, "--open-to", "10.0.0.0/8").exitCode()).isZero();
        Set<String> before;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            before = Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name));
        }

        CliRun plan = cli.run("plan", "--group-name", name);
        CliRun ensure = cli.run("ensure", "--group-name", name);

        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).as(plan.toString()).contains("warning: security group '" + name + "'")
                .contains("options 'open-to=10.0.0.0/8'");
        assertThat(ensure.exitCode()).as(ensure.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(ensure.err().strip()).as("one line naming the flag").doesNotContain("\n")
                .startsWith("rancher-sg: ").endsWith("(--reconfigure)");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.rulesOf(Ec2Groups.existing(ec2, name))).as("nothing written").isEqualTo(before);
        }
        assertThat(cli.run("ensure", "--group-name", name, "--reconfigure").exitCode()).isZero();
    }

    @Test
    void criticalExposureIsShownByPlanAndRefusedByEnsure(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-etcd");
        RancherSg cli = RancherSg.against(emulator);
        String[] open = {"--profile", "node-pool-etcd", "--group-name", name, "--peer", "controlplane=0.0.0.0/0",
            "--peer", "worker=10.2.0.0/16", "--peer", "rancher=10.1.0.0/16"};

        CliRun plan = cli.run(concat(new String[] {"plan", "--output", "json"}, open));
        CliRun ensure = cli.run(concat(new String[] {"ensure"}, open));

        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        JsonNode group = Json.read(plan.out()).get("groups").get(0);
        assertThat(group.get("findings").findValuesAsText("code")).contains("world-open-etcd", "world-open-vxlan");
        assertThat(group.get("warnings").findValuesAsText("code")).containsExactly("needs-accepted-risk");
        assertThat(ensure.exitCode()).as(ensure.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(ensure.err()).contains("--accept-risk world-open-etcd,world-open-vxlan");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.named(ec2, name)).as("nothing created").isEmpty();
        }

        CliRun accepted = cli.run(concat(new String[] {"ensure", "--accept-risk", "critical"}, open));
        assertThat(accepted.exitCode()).as(accepted.toString()).isZero();
        assertThat(accepted.out()).as("ensure shows the findings it leaves in place").contains("world-open-etcd");
    }

    @Test
    void pruningTheAllowAllOutboundRuleIsAWarningLine(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("cli-rke");
        RancherSg cli = RancherSg.against(emulator);
        String[] rke = {"--profile", "rancher-server-rke", "--group-name", name, "--peer", "load-balancer=10.3.0.0/16",
            "--peer", "nodes=10.4.0.0/16", "--peer", "api-clients=10.5.0.0/16"};
        assertThat(cli.run(concat(new String[] {"ensure"}, rke)).exitCode()).isZero();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String id = Ec2Groups.existing(ec2, name).groupId();
            ec2.authorizeSecurityGroupEgress(r -> r.groupId(id).ipPermissions(IpPermission.builder().ipProtocol("-1")
                    .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        }

        CliRun plan = cli.run(concat(new String[] {"plan", "--prune"}, rke));
        CliRun ensure = cli.run(concat(new String[] {"ensure", "--prune"}, rke));

        assertThat(plan.out()).as(plan.toString())
                .containsPattern("(?m)^warning: --prune revokes egress all .*0\\.0\\.0\\.0/0.*$");
        assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
        assertThat(ensure.out()).contains("warning: --prune revokes egress all");
    }

    private static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
