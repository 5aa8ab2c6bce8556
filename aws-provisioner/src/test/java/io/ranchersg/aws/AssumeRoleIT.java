package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Working in another account through an assumed role, against LocalStack's STS (which gives every
 * assumed account an EC2 of its own). The oracle reaches that account through a raw AssumeRole of
 * its own, never through rancher-sg's.
 */
@EndToEnd
class AssumeRoleIT {

    private static final String EXTERNAL_ID = "ExternalIdNeverPrinted-4711";

    @Test
    void ensureThroughAnAssumedRoleCreatesTheGroupInTheRolesAccountOnly(Ec2Emulator emulator) {
        String role = Ec2Emulator.uniqueRoleArn("rancher-sg-audit");
        String account = AssumedRole.of(role).accountId();
        String name = Ec2Groups.uniqueName("assumed");
        ClientSettings settings = settings(emulator).withRole(new AssumedRole(role, EXTERNAL_ID));

        Outcome outcome;
        Map<String, Integer> stsCalls;
        try (AssumedRoles credentials = AssumedRoles.of(settings, emulator.region(), emulator.credentials(), false);
             Ec2Session session = Ec2Session.open(settings, credentials)) {
            outcome = new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name));
            new Reconciler(session).check(GroupRequest.rancherNodes().withGroupName(name));
            stsCalls = credentials.calls().calls();
        }

        assertThat(outcome.location().account()).as("the outcome names the role's account").isEqualTo(account);
        assertThat(stsCalls).as("one AssumeRole serves every call of the session").isEqualTo(Map.of("AssumeRole", 1));
        try (Ec2Client there = emulator.ec2ClientAs(role); Ec2Client home = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.existing(there, name);
            assertThat(Ec2Groups.rulesOf(group)).as("the group holds the profile, in the role's account")
                    .isEqualTo(Ec2Groups.expectedRules(name, group.groupId()));
            assertThat(Ec2Groups.group(home, name)).as("nothing was written in the caller's own account").isEmpty();
        }
    }

    @Test
    void aRoleChainWorksInTheLastRolesAccount(Ec2Emulator emulator) {
        String hub = Ec2Emulator.uniqueRoleArn("hub");
        String target = Ec2Emulator.uniqueRoleArn("target");
        String name = Ec2Groups.uniqueName("chained");
        ClientSettings settings = settings(emulator).withRoles(List.of(AssumedRole.of(hub),
                new AssumedRole(target, EXTERNAL_ID)));

        Map<String, Integer> stsCalls;
        try (AssumedRoles credentials = AssumedRoles.of(settings, emulator.region(), emulator.credentials(), false);
             Ec2Session session = Ec2Session.open(settings, credentials)) {
            Outcome outcome = new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name));
            assertThat(outcome.location().account()).isEqualTo(AssumedRole.of(target).accountId());
            stsCalls = credentials.calls().calls();
        }

        assertThat(stsCalls).as("each role of the chain assumed once").isEqualTo(Map.of("AssumeRole", 2));
        try (Ec2Client there = emulator.ec2ClientAs(target); Ec2Client middle = emulator.ec2ClientAs(hub)) {
            assertThat(Ec2Groups.group(there, name)).as("in the last role's account").isPresent();
            assertThat(Ec2Groups.group(middle, name)).as("not in the hub's").isEmpty();
        }
    }

    @Test
    void aRoleStsRefusesIsNamedAndNothingIsSentToEc2(Ec2Emulator emulator) {
        String role = Ec2Emulator.uniqueRoleArn("refused");
        String name = Ec2Groups.uniqueName("refused");
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint())
                .failWhere(r -> r.has("RoleArn", role), new FaultProxy.Fault.Error(403, "AccessDenied"))) {
            ClientSettings settings = settings(emulator).withEndpoint(proxy.endpoint())
                    .withStsEndpoint(proxy.endpoint()).withRole(new AssumedRole(role, EXTERNAL_ID));
            try (AssumedRoles credentials = AssumedRoles.of(settings, emulator.region(), emulator.credentials(),
                    false); Ec2Session session = Ec2Session.open(settings, credentials)) {
                assertThatThrownBy(() -> new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name)))
                        .isInstanceOf(AwsSetupException.class)
                        .hasMessageContaining("cannot assume role '" + role + "'")
                        .hasMessageContaining("AccessDenied")
                        .hasMessageNotContaining(EXTERNAL_ID);
            }
            assertThat(proxy.actionsSeen()).as("STS was asked, EC2 never").containsExactly("AssumeRole");
        }
    }

    private static ClientSettings settings(Ec2Emulator emulator) {
        return ClientSettings.defaults().withRegion(emulator.region()).withEndpoint(emulator.endpoint())
                .withStsEndpoint(emulator.endpoint());
    }
}
