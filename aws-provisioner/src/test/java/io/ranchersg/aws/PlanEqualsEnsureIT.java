package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.aws.PlanScenarios.Start;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.Ipv6Range;

/**
 * {@code plan} shows exactly what the {@code ensure} that follows it does, and a plan after that
 * ensure is empty: over new and existing groups, VPCs with and without IPv6, adopted groups,
 * with and without prune.
 */
@EndToEnd
class PlanEqualsEnsureIT {

    private Ec2Emulator emulator;
    private Ec2Client raw;
    private Ec2Session session;
    private String defaultVpc;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        this.emulator = emulator;
        raw = emulator.ec2Client();
        session = Emulated.session(emulator);
        defaultVpc = Ec2Groups.defaultVpcId(raw);
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    @ParameterizedTest(name = "{0}, IPv6 VPC {1}, prune {2}")
    @MethodSource("io.ranchersg.aws.PlanScenarios#scenarios")
    void planShowsWhatEnsureThenDoes(Start start, boolean ipv6Vpc, boolean prune) {
        String vpcId = ipv6Vpc ? raw.createVpc(r -> r.cidrBlock("10.61.0.0/16").amazonProvidedIpv6CidrBlock(true))
                .vpc().vpcId() : defaultVpc;
        String name = Ec2Groups.uniqueName("pe");
        Reconciler reconciler = new Reconciler(session);
        GroupRequest request = GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpcId).withPrune(prune)
                .withAdopt(start == Start.NOT_MANAGED);
        prepare(start, request, reconciler, vpcId, name);
        Set<String> before = Ec2Groups.group(raw, name).map(Ec2Groups::rulesOf).orElse(Set.of());

        Outcome plan = reconciler.plan(request);
        Outcome ensure = reconciler.ensure(request);

        PlanAssertions.assertEnsureDidWhatPlanShowed(plan, ensure);
        // The end state read from EC2, rule by rule: the profile's rules, plus (without prune) every
        // rule the group held before whose port and peer the profile does not list.
        Set<String> expected = new TreeSet<>(Ec2Groups.expectedRules(request.spec(), ensure.groupId()));
        Set<String> listed = expected.stream().map(PlanEqualsEnsureIT::withoutDescription).collect(Collectors.toSet());
        if (!prune) {
            before.stream().filter(rule -> !listed.contains(withoutDescription(rule))).forEach(expected::add);
        }
        assertThat(Ec2Groups.rulesOf(raw, ensure.groupId())).as("the group in EC2 after ensure").isEqualTo(expected);
        Outcome after = reconciler.plan(request);
        assertThat(after.actions().any()).as("a plan after ensure changes nothing: " + after.actions()).isFalse();
        if (start == Start.NEW_GROUP && ipv6Vpc) {
            assertThat(plan.revoked()).as("EC2's ::/0 outbound rule, which rancher-nodes does not list")
                    .hasSize(1);
        }
    }

    private void prepare(Start start, GroupRequest request, Reconciler reconciler, String vpcId, String name) {
        switch (start) {
            case NEW_GROUP:
                return;
            case IN_SYNC:
                reconciler.ensure(request.withPrune(false));
                return;
            case DRIFTED: {
                String id = reconciler.ensure(request.withPrune(false)).groupId();
                // One rule gone, one extra, one description changed: every kind of action.
                raw.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(6443)));
                raw.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp").fromPort(9999).toPort(9999)
                        .ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").description("by hand").build()).build()));
                raw.updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder()
                        .ipProtocol("tcp").fromPort(80).toPort(80)
                        .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("changed by hand").build())
                        .build()));
                return;
            }
            case NOT_MANAGED: {
                String id = raw.createSecurityGroup(r -> r.groupName(name).description("made by hand").vpcId(vpcId))
                        .groupId();
                raw.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(tcp(22),
                        IpPermission.builder().ipProtocol("tcp").fromPort(8080).toPort(8080)
                                .ipv6Ranges(Ipv6Range.builder().cidrIpv6("::/0").build()).build()));
                return;
            }
            default:
                throw new IllegalArgumentException(start.toString());
        }
    }

    /** A rule line of {@link Ec2Groups#rulesOf} without its description: what EC2 tells rules apart by. */
    private static String withoutDescription(String rule) {
        return rule.substring(0, rule.lastIndexOf(" \""));
    }

    /** TCP on one port from anywhere, as rancher-nodes opens it (LocalStack matches descriptions too). */
    private static IpPermission tcp(int port) {
        return IpPermission.builder().ipProtocol("tcp").fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();
    }
}
