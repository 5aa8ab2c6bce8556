package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** The harness itself: the raw SDK against the emulator, with no rancher-sg code in between. */
@EndToEnd
class EmulatorRoundTripIT {

    @Test
    void selfReferencingRuleComesBackAsTheGroupItself(Ec2Emulator emulator) {
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String vpcId = Ec2Groups.defaultVpcId(ec2);
            String groupId =
                    ec2.createSecurityGroup(
                                    r -> r.groupName(Ec2Groups.uniqueName("round-trip")).description("harness check").vpcId(vpcId))
                            .groupId();
            try {
                ec2.authorizeSecurityGroupIngress(
                        r ->
                                r.groupId(groupId)
                                        .ipPermissions(
                                                IpPermission.builder()
                                                        .ipProtocol("tcp")
                                                        .fromPort(2379)
                                                        .toPort(2380)
                                                        .userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId).build())
                                                        .build()));

                SecurityGroup group = ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);

                assertThat(group.vpcId()).as("group lives in the default VPC").isEqualTo(vpcId);
                assertThat(group.ipPermissions()).as("inbound rules").hasSize(1);
                IpPermission rule = group.ipPermissions().get(0);
                assertThat(rule.ipProtocol()).isEqualTo("tcp");
                assertThat(rule.fromPort()).isEqualTo(2379);
                assertThat(rule.toPort()).isEqualTo(2380);
                assertThat(rule.userIdGroupPairs())
                        .as("the source is the group itself")
                        .extracting(UserIdGroupPair::groupId)
                        .containsExactly(groupId);
            } finally {
                ec2.deleteSecurityGroup(r -> r.groupId(groupId));
            }
            assertThat(
                            ec2.describeSecurityGroups(
                                            r -> r.filters(Filter.builder().name("group-id").values(groupId).build()))
                                    .securityGroups())
                    .as("the group is gone after delete")
                    .isEmpty();
        }
    }
}
