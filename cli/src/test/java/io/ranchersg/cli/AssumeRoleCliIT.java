package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * {@code --role-arn} and {@code --external-id} on every command that talks to AWS, through
 * {@code bin/rancher-sg} against LocalStack's STS: the run works in the role's account, says so, and
 * never prints the external id or a credential. The oracle reaches the account with its own AssumeRole.
 */
@EndToEnd
class AssumeRoleCliIT {

    private static final String EXTERNAL_ID = "ExternalIdNeverPrinted-0815";

    @Test
    void planEnsureCheckAndScanWorkInTheRolesAccount(Ec2Emulator emulator) {
        String role = Ec2Emulator.uniqueRoleArn("rancher-sg");
        String account = role.substring("arn:aws:iam::".length(), "arn:aws:iam::".length() + 12);
        String name = Ec2Groups.uniqueName("role-cli");
        RancherSg cli = RancherSg.against(emulator);
        List<String> assume = List.of("--role-arn", role, "--external-id", EXTERNAL_ID, "--group-name", name,
                "--output", "json");

        CliRun plan = cli.run(args("plan", assume));
        CliRun ensure = cli.run(args("ensure", assume));
        CliRun check = cli.run(args("check", assume));
        CliRun scan = cli.run("scan", "--role-arn", role, "--external-id", EXTERNAL_ID, "--output", "json");
        CliRun checkAtHome = cli.run("check", "--group-name", name, "--output", "json");

        for (CliRun run : List.of(plan, ensure, check, scan)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            JsonNode group = Json.read(run.out()).get("groups").get(0);
            assertThat(group.get("account_id").asText()).as("names the role's account\n" + run).isEqualTo(account);
            assertThat(run.out() + run.err()).as("the external id is never printed").doesNotContain(EXTERNAL_ID);
        }
        assertThat(Json.read(plan.out()).get("groups").get(0).get("created").asBoolean())
                .as("plan: the group does not exist in the role's account yet").isTrue();
        assertThat(Json.read(scan.out()).get("groups").findValuesAsText("group_name"))
                .as("scan finds the group in the role's account").containsExactly(name);
        assertThat(checkAtHome.exitCode()).as("without the role: the caller's own account has no such group\n"
                + checkAtHome).isEqualTo(ExitCodes.DRIFT);
        try (Ec2Client there = emulator.ec2ClientAs(role)) {
            SecurityGroup group = Ec2Groups.existing(there, name);
            assertThat(Ec2Groups.rulesOf(group)).isEqualTo(Ec2Groups.expectedRules(name, group.groupId()));
        }
    }

    @Test
    void aMalformedRoleArnOrAnExternalIdWithoutARoleIsRefusedBeforeAnyCall() {
        CliRun malformed = CliRun.of("check", "--role-arn", "arn:aws:iam::12345:role/x");
        CliRun alone = CliRun.of("scan", "--external-id", EXTERNAL_ID);
        CliRun badId = CliRun.of("plan", "--role-arn", "arn:aws:iam::123456789012:role/x", "--external-id", "a b");

        assertThat(malformed.exitCode()).as(malformed.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(malformed.err()).contains("--role-arn").contains("'arn:aws:iam::12345:role/x'");
        assertThat(alone.exitCode()).as(alone.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err()).contains("--external-id").contains("--role-arn").doesNotContain(EXTERNAL_ID);
        assertThat(badId.exitCode()).as(badId.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(badId.err()).contains("--external-id").doesNotContain("'a b'");
    }

    private static String[] args(String command, List<String> options) {
        String[] all = new String[options.size() + 1];
        all[0] = command;
        for (int i = 0; i < options.size(); i++) {
            all[i + 1] = options.get(i);
        }
        return all;
    }
}
