package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The most verbose logs ({@code -vv}: rancher-sg's debug log and the SDK's request log) of reads,
 * writes and a failure with its stack trace never carry the secret key, the session token or any
 * signing material, on stdout or stderr. Each run also proves that it did log its EC2 calls, so
 * that logging switched off by mistake cannot pass for logging that is clean.
 */
@EndToEnd
class SecretsInLogsIT {

    private static final String SECRET = "SecretKeyNeverLogged" + UUID.randomUUID().toString().replace("-", "");
    private static final String TOKEN = "SessionTokenNeverLogged" + UUID.randomUUID().toString().replace("-", "");
    /** Parts of a SigV4 signature or its headers; the SDK's request log names headers, never their values. */
    private static final List<String> SIGNING = List.of("Signature=", "Credential=", "X-Amz-Security-Token",
            "Authorization", "aws4_request", "SignedHeaders");

    @Test
    void debugLogsOfCheckAndEnsureShowTheEc2CallsButNoSecretTokenOrSignature(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("secrets");
        RancherSg cli = withSecrets(RancherSg.against(emulator));

        CliRun check = cli.run("check", "-vv", "--group-name", name);
        CliRun ensure = cli.run("-vv", "ensure", "--group-name", name);

        assertThat(check.exitCode()).as("no group yet: drift\n" + check).isEqualTo(ExitCodes.DRIFT);
        assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
        assertThat(check.err()).as("-vv logged the reads").contains("EC2 DescribeVpcs")
                .contains("EC2 DescribeSecurityGroups").contains("Sending Request");
        assertThat(ensure.err()).as("-vv logged the writes").contains("EC2 CreateSecurityGroup")
                .contains("EC2 AuthorizeSecurityGroupIngress").contains("Sending Request");
        assertNothingSecret(check);
        assertNothingSecret(ensure);
        try (Ec2Client ec2 = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.existing(ec2, name);
            assertThat(Ec2Groups.rulesOf(group)).as("the ensure with those credentials did its work")
                    .isEqualTo(Ec2Groups.expectedRules(name, group.groupId()));
        }
    }

    @Test
    void debugLogAndStackTraceOfAnAccessDeniedCarryNoSecretTokenOrSignature(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("secrets-denied");
        try (FaultProxy denying = FaultProxy.start(emulator.endpoint()).denyAllExcept(a -> a.startsWith("Describe"))) {
            RancherSg cli = withSecrets(RancherSg.against(emulator))
                    .with("AWS_ENDPOINT_URL", denying.endpoint().toString());

            CliRun ensure = cli.run("-vv", "ensure", "--group-name", name, "--output", "json");

            assertThat(ensure.exitCode()).as(ensure.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(ensure.err()).as("-vv logged the calls and the trace").contains("EC2 CreateSecurityGroup")
                    .contains("ec2:CreateSecurityGroup").contains("\tat ");
            assertNothingSecret(ensure);
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.group(ec2, name)).as("the denied create created nothing").isEmpty();
        }
    }

    @Test
    void debugLogsOfRunsThroughAnAssumedRoleCarryNeitherItsCredentialsNorTheExternalId(Ec2Emulator emulator) {
        String role = Ec2Emulator.uniqueRoleArn("secrets");
        String externalId = "ExternalIdNeverLogged" + UUID.randomUUID().toString().replace("-", "");
        String name = Ec2Groups.uniqueName("secrets-role");
        RancherSg cli = withSecrets(RancherSg.against(emulator));

        CliRun ensure = cli.run("-vv", "ensure", "--role-arn", role, "--external-id", externalId, "--group-name",
                name, "--output", "json");
        CliRun scan = cli.run("-vv", "scan", "--role-arn", role, "--external-id", externalId, "--output", "json");

        for (CliRun run : List.of(ensure, scan)) {
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.err()).as("-vv logged the role's call and the EC2 calls").contains("STS AssumeRole")
                    .contains("EC2 DescribeSecurityGroups");
            assertNothingSecret(run);
            for (String stream : List.of(run.out(), run.err())) {
                assertThat(stream).as("no external id\n" + run).doesNotContain(externalId);
                assertThat(stream).as("no assumed credentials\n" + run).doesNotContain("SecretAccessKey")
                        .doesNotContain("SessionToken").doesNotContainPattern("\\b(ASIA|LSIA)[A-Z0-9]{12,}");
            }
        }
        try (Ec2Client ec2 = emulator.ec2ClientAs(role)) {
            assertThat(Ec2Groups.group(ec2, name)).as("the run did its work in the role's account").isPresent();
        }
    }

    private static RancherSg withSecrets(RancherSg cli) {
        return cli.with("AWS_SECRET_ACCESS_KEY", SECRET).with("AWS_SESSION_TOKEN", TOKEN);
    }

    private static void assertNothingSecret(CliRun run) {
        for (String stream : List.of(run.out(), run.err())) {
            assertThat(stream).as("no secret key\n" + run).doesNotContain(SECRET);
            assertThat(stream).as("no session token\n" + run).doesNotContain(TOKEN);
            for (String signing : SIGNING) {
                assertThat(stream).as("no " + signing + "\n" + run).doesNotContainIgnoringCase(signing);
            }
        }
    }
}
