package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.Rules;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/** The reconciler against a real EC2 emulator: behaviour, safety and call budgets. */
@EndToEnd
class ReconcilerIT {

    private Ec2Emulator emulator;
    private Ec2Client raw;
    private Ec2Session session;
    private Reconciler reconciler;
    private String vpcId;
    private String name;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        this.emulator = emulator;
        raw = emulator.ec2Client();
        session = Emulated.session(emulator);
        reconciler = new Reconciler(session);
        vpcId = Ec2Groups.defaultVpcId(raw);
        name = Ec2Groups.uniqueName("rn");
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    private GroupRequest request() {
        return GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpcId);
    }

    /** The group's rules as EC2 reports them, read through the raw client. */
    private Set<String> rulesInEc2(String groupId) {
        return Ec2Groups.rulesOf(raw, groupId);
    }

    /** What EC2 should report for the group with that id when it holds exactly the spec. */
    private static Set<String> expected(GroupSpec spec, String groupId) {
        return Ec2Groups.expectedRules(spec, groupId);
    }

    @Test
    void createsTheGroupFromNothingInFourCallsAndASecondEnsureOnlyReads() {
        Outcome created = reconciler.ensure(request());

        assertThat(created.created()).as("created").isTrue();
        assertThat(created.inSync()).as("in sync after create").isTrue();
        assertThat(rulesInEc2(created.groupId())).as("rules in EC2")
                .containsExactlyElementsOf(expected(request().spec(), created.groupId()));
        assertThat(created.apiCalls()).as("calls to create with a VPC id").isEqualTo(Map.of(
                "DescribeSecurityGroups", 1, "DescribeVpcs", 1, "CreateSecurityGroup", 1,
                "AuthorizeSecurityGroupIngress", 1));

        Outcome again = reconciler.ensure(request());
        assertThat(again.created()).isFalse();
        assertThat(again.plan().isEmpty()).as("second plan is empty").isTrue();
        assertThat(again.apiCalls()).as("calls for a no-op ensure").isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(again.groupId()).isEqualTo(created.groupId());

        SecurityGroup group = raw.describeSecurityGroups(r -> r.groupIds(created.groupId())).securityGroups().get(0);
        assertThat(Ec2Groups.tags(group)).as("tags set in the create call")
                .containsEntry("managed-by", "rancher-sg")
                .containsEntry("rancher-sg:profile", "rancher-nodes")
                .containsKey("rancher-sg:version");
    }

    @Test
    void withoutAVpcIdUsesTheDefaultVpc() {
        GroupRequest request = GroupRequest.rancherNodes().withGroupName(name);

        Outcome created = reconciler.ensure(request);
        Outcome again = reconciler.ensure(request);

        assertThat(created.vpcId()).isEqualTo(vpcId);
        assertThat(created.totalCalls()).as("calls to create without a VPC id").isEqualTo(4);
        assertThat(created.apiCalls()).containsEntry("DescribeVpcs", 1);
        assertThat(again.totalCalls()).as("calls for a no-op without a VPC id").isEqualTo(2);
        assertThat(again.writeCalls()).as("writes for a no-op").isZero();
    }

    @Test
    void reAddsRuleRevokedByHand() {
        String groupId = reconciler.ensure(request()).groupId();
        revokeIngress(groupId, "tcp", 6443, 6443, "0.0.0.0/0");

        Outcome check = reconciler.check(request());
        assertThat(check.inSync()).as("check in sync").isFalse();
        assertThat(check.drift().missing()).as("missing")
                .extracting(Rule::ports).containsExactly(PortRange.of(6443));

        Outcome repaired = reconciler.ensure(request());
        assertThat(repaired.authorized()).extracting(Rule::ports).containsExactly(PortRange.of(6443));
        assertThat(repaired.apiCalls()).as("calls for a repair")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "AuthorizeSecurityGroupIngress", 1));
        assertThat(reconciler.check(request()).inSync()).as("in sync after repair").isTrue();
    }

    @Test
    void reAddsSelfReferenceRevokedByHand() {
        String groupId = reconciler.ensure(request()).groupId();
        raw.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("udp").fromPort(8472).toPort(8472)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(groupId)
                        // LocalStack matches group rules on their description too; EC2 ignores it.
                        .description("Canal/Flannel VXLAN overlay networking").build()).build()));

        Outcome check = reconciler.check(request());
        assertThat(check.drift().missing()).as("missing")
                .containsExactly(Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.self(),
                        "Canal/Flannel VXLAN overlay networking"));

        reconciler.ensure(request());
        assertThat(rulesInEc2(groupId)).as("rules after repair")
                .containsExactlyElementsOf(expected(request().spec(), groupId));
    }

    @Test
    void keepsRuleAddedByHandAndRemovesItOnlyWithPrune() {
        String groupId = reconciler.ensure(request()).groupId();
        raw.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(3306).toPort(3306)
                .ipRanges(IpRange.builder().cidrIp("10.1.0.0/16").build()).build()));
        Rule byHand = Rule.ingress(Protocol.TCP, PortRange.of(3306), Peer.cidr("10.1.0.0/16"), "");

        Outcome check = reconciler.check(request());
        assertThat(check.drift().extra()).as("extra").containsExactly(byHand);

        Outcome kept = reconciler.ensure(request());
        assertThat(kept.revoked()).as("revoked without prune").isEmpty();
        assertThat(kept.writeCalls()).as("writes without prune").isZero();
        assertThat(rulesInEc2(groupId)).as("rules after ensure").contains(Ec2Groups.line(byHand, groupId));

        Outcome pruned = reconciler.ensure(request().withPrune(true));
        assertThat(pruned.revoked()).containsExactly(byHand);
        assertThat(pruned.apiCalls()).isEqualTo(Map.of("DescribeSecurityGroups", 1, "RevokeSecurityGroupIngress", 1));
        assertThat(rulesInEc2(groupId)).as("rules after prune").containsExactlyElementsOf(expected(request().spec(), groupId));
    }

    @Test
    void restoresAChangedDescription() {
        String groupId = reconciler.ensure(request()).groupId();
        raw.updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(22).toPort(22)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("edited by hand").build()).build()));

        Outcome check = reconciler.check(request());
        assertThat(check.drift().changed()).hasSize(1);
        assertThat(check.drift().changed().get(0).before().description()).isEqualTo("edited by hand");

        Outcome repaired = reconciler.ensure(request());
        assertThat(repaired.apiCalls()).isEqualTo(
                Map.of("DescribeSecurityGroups", 1, "UpdateSecurityGroupRuleDescriptionsIngress", 1));
        assertThat(rulesInEc2(groupId)).containsExactlyElementsOf(expected(request().spec(), groupId));
    }

    @Test
    void worksInACustomVpc() {
        String customVpc = raw.createVpc(r -> r.cidrBlock("10.42.0.0/16")).vpc().vpcId();

        Outcome created = reconciler.ensure(request().withVpcId(customVpc));

        assertThat(created.vpcId()).isEqualTo(customVpc);
        SecurityGroup group = raw.describeSecurityGroups(r -> r.groupIds(created.groupId())).securityGroups().get(0);
        assertThat(group.vpcId()).isEqualTo(customVpc);
        assertThat(reconciler.check(request().withVpcId(customVpc)).inSync()).isTrue();
        assertThat(reconciler.check(request()).exists()).as("same name in the default VPC is another group").isFalse();
    }

    @Test
    void opensIpv6TwinsInAVpcWithAnIpv6Block() {
        String ipv6Vpc = raw.createVpc(r -> r.cidrBlock("10.43.0.0/16").amazonProvidedIpv6CidrBlock(true))
                .vpc().vpcId();
        GroupRequest request = request().withVpcId(ipv6Vpc)
                .withOptions(request().options().withIpv6(true));

        Outcome created = reconciler.ensure(request);
        Outcome again = reconciler.ensure(request);

        Set<String> inEc2 = rulesInEc2(created.groupId());
        assertThat(inEc2).as("rules in EC2").containsExactlyElementsOf(expected(request.spec(), created.groupId()));
        assertThat(inEc2).as("world rules open to ::/0")
                .filteredOn(r -> r.contains(" " + Peer.Cidr.ANY_IPV6.value() + " ")).hasSize(8);
        assertThat(again.plan().isEmpty()).as("second plan empty").isTrue();
    }

    @Test
    void opensWorldRulesOnlyToTheGivenCidrs() {
        GroupRequest request = request().withOptions(request().options().withOpenTo("10.0.0.0/8", "2001:DB8:0:0::/32"));

        Outcome created = reconciler.ensure(request);

        Set<String> inEc2 = rulesInEc2(created.groupId());
        assertThat(inEc2).as("no inbound rule open to the world")
                .filteredOn(r -> r.startsWith(Direction.INGRESS.jsonName() + " "))
                .noneMatch(r -> r.contains(" " + Peer.Cidr.ANY_IPV4.value() + " "));
        assertThat(inEc2).as("non-canonical CIDR stored canonical")
                .anyMatch(r -> r.contains(" 2001:db8::/32 "));
        assertThat(reconciler.check(request).inSync()).isTrue();
    }

    @Test
    void eightConcurrentEnsuresOfOneNewGroupAllSucceed() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Outcome>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit((Callable<Outcome>) () -> {
                    try (Ec2Session own = Emulated.session(emulator)) {
                        return new Reconciler(own).ensure(request());
                    }
                }));
            }
            List<Outcome> outcomes = new ArrayList<>();
            for (Future<Outcome> future : futures) {
                outcomes.add(future.get());
            }
            assertThat(outcomes).extracting(Outcome::groupId).as("one group id").containsOnly(outcomes.get(0).groupId());
            assertThat(outcomes).filteredOn(Outcome::created).as("created once").hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        List<SecurityGroup> groups = Ec2Groups.named(raw, name);
        assertThat(groups).as("groups named " + name).hasSize(1);
        assertThat(rulesInEc2(groups.get(0).groupId())).containsExactlyElementsOf(expected(request().spec(), groups.get(0).groupId()));
    }

    @Test
    void refusesToExceedTheQuotaAndWritesNothing() {
        assertThatThrownBy(() -> reconciler.ensure(request().withQuota(new RuleQuota(10, 60))))
                .is(refused(Refusal.Code.QUOTA))
                .hasMessageContaining("(2 over)");
        assertThat(Ec2Groups.named(raw, name)).as("no group created").isEmpty();

        String groupId = reconciler.ensure(request()).groupId();
        raw.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(5000).toPort(5000)
                .ipRanges(IpRange.builder().cidrIp("10.9.0.0/16").build()).build()));
        revokeIngress(groupId, "tcp", 22, 22, "0.0.0.0/0");
        Set<String> before = rulesInEc2(groupId);

        assertThatThrownBy(() -> reconciler.ensure(request().withQuota(new RuleQuota(12, 60))))
                .is(refused(Refusal.Code.QUOTA))
                .hasMessageContaining("(1 over)");
        assertThat(rulesInEc2(groupId)).as("rules untouched").isEqualTo(before);
    }

    @Test
    void refusesAnUnknownVpcAndCreatesNothing() {
        GroupRequest request = request().withVpcId("vpc-0123456789abcdef0");

        assertThatThrownBy(() -> reconciler.ensure(request)).is(refused(Refusal.Code.VPC_NOT_FOUND))
                .hasMessageContaining("vpc-0123456789abcdef0");
        assertThatThrownBy(() -> reconciler.check(request)).is(refused(Refusal.Code.VPC_NOT_FOUND));
        assertThat(Ec2Groups.named(raw, name)).isEmpty();
    }

    @Test
    void refusesAGroupItDidNotCreateUnlessAdopted() {
        String groupId = raw.createSecurityGroup(r -> r.groupName(name).description("by hand").vpcId(vpcId)).groupId();

        assertThatThrownBy(() -> reconciler.ensure(request())).is(refused(Refusal.Code.NOT_MANAGED))
                .hasMessageContaining(groupId);
        assertThat(rulesInEc2(groupId)).as("untouched").hasSize(1);

        Outcome adopted = reconciler.ensure(request().withAdopt(true));
        assertThat(adopted.managed()).isTrue();
        assertThat(rulesInEc2(groupId)).containsExactlyElementsOf(expected(request().spec(), groupId));
        assertThat(reconciler.ensure(request()).writeCalls()).as("writes once adopted").isZero();
    }

    @Test
    void planAndCheckNeverWrite() {
        Outcome plan = reconciler.plan(request().withPreflight(true));
        Outcome check = reconciler.check(request());

        assertThat(plan.exists()).isFalse();
        assertThat(plan.plan().toAuthorize()).hasSize(12);
        assertThat(check.inSync()).isFalse();
        assertThat(Ec2Groups.named(raw, name)).as("nothing created").isEmpty();
        assertThat(check.apiCalls().keySet()).allMatch(op -> op.startsWith("Describe"));
    }

    @Test
    void checkManagedFindsEveryTaggedGroupWithItsOwnOptions() {
        GroupRequest ipv6 = request().withOptions(request().options().withIpv6(true));
        reconciler.ensure(ipv6);

        List<Outcome> outcomes = reconciler.checkManaged().stream()
                .filter(GroupCheck.Checked.class::isInstance).map(c -> ((GroupCheck.Checked) c).outcome()).toList();

        assertThat(outcomes).filteredOn(o -> o.groupName().equals(name)).singleElement()
                .satisfies(o -> assertThat(o.inSync()).as("checked against its recorded ipv6 option").isTrue());
    }

    private void revokeIngress(String groupId, String protocol, int from, int to, String cidr) {
        raw.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol(protocol).fromPort(from).toPort(to)
                .ipRanges(IpRange.builder().cidrIp(cidr).build()).build()));
    }

    @Test
    void neverTakesAnotherGroupForOneWithAWildcardInItsName() {
        String other = reconciler.ensure(request().withGroupName(name + "-a")).groupId();
        GroupRequest starred = request().withGroupName(name + "*").withPrune(true);

        Outcome outcome = reconciler.ensure(starred);

        assertThat(outcome.groupId()).as("a group of its own").isNotEqualTo(other);
        assertThat(rulesInEc2(other)).as("the other group is untouched")
                .containsExactlyElementsOf(expected(request().spec(), other));
        assertThat(reconciler.check(starred).inSync()).isTrue();
    }

    @Test
    void refusesAMissingPeerGroupBeforeCreatingAnything() {
        ProfileOptions options = ProfileOptions.defaults().withGroupName(name)
                .withPeer("rancher", Peer.cidr("10.0.0.0/16"))
                .withPeer("controlplane", Peer.groupNamed(name + "-cp"))
                .withPeer("worker", Peer.groupNamed(name + "-worker"));
        GroupRequest request = GroupRequest.forProfile("node-pool-etcd", options).withVpcId(vpcId);

        assertThatThrownBy(() -> reconciler.ensure(request)).is(refused(Refusal.Code.PEER_NOT_FOUND))
                .hasMessageContaining(name + "-cp").hasMessageContaining(name + "-worker");
        assertThat(Ec2Groups.named(raw, name)).as("nothing created").isEmpty();

        reconciler.ensure(request().withGroupName(name + "-cp"));
        reconciler.ensure(request().withGroupName(name + "-worker"));
        Outcome created = reconciler.ensure(request);
        assertThat(created.inSync()).as("created once the peers exist").isTrue();
    }

    @Test
    void refusesAPruneWhoseAdditionsWouldBrieflyExceedTheQuota() {
        String groupId = reconciler.ensure(request()).groupId();
        raw.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(7000).toPort(7000)
                .ipRanges(IpRange.builder().cidrIp("10.7.0.0/16").build()).build()));
        revokeIngress(groupId, "tcp", 80, 80, "0.0.0.0/0");
        Set<String> before = rulesInEc2(groupId);

        // 12 inbound at the end, but 13 while the missing rule is added before the extra one goes.
        assertThatThrownBy(() -> reconciler.ensure(request().withPrune(true).withQuota(new RuleQuota(12, 60))))
                .is(refused(Refusal.Code.QUOTA))
                .hasMessageContaining("revoke the extra rules first");
        assertThat(rulesInEc2(groupId)).as("nothing changed").isEqualTo(before);
    }

    @Test
    void aGroupCreatedInAnIpv6VpcHoldsExactlyTheProfile() {
        String ipv6Vpc = raw.createVpc(r -> r.cidrBlock("10.44.0.0/16").amazonProvidedIpv6CidrBlock(true))
                .vpc().vpcId();
        GroupRequest request = request().withVpcId(ipv6Vpc);

        Outcome created = reconciler.ensure(request);

        assertThat(created.revoked()).as("EC2's own ::/0 outbound rule, which the profile lacks")
                .containsExactly(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
        assertThat(rulesInEc2(created.groupId())).containsExactlyElementsOf(expected(request.spec(), created.groupId()));
        assertThat(reconciler.check(request).inSync()).as("no drift after create").isTrue();
    }

    @Test
    void dryRunEnsureRefusesWhatEnsureWouldRefuse() {
        raw.createSecurityGroup(r -> r.groupName(name).description("by hand").vpcId(vpcId));

        assertThatThrownBy(() -> reconciler.plan(request().withPreflight(true)))
                .is(refused(Refusal.Code.NOT_MANAGED));
        Outcome adoptable = reconciler.plan(request().withPreflight(true).withAdopt(true));
        assertThat(adoptable.managed()).as("still not managed: a dry run changes nothing").isFalse();
    }
}
