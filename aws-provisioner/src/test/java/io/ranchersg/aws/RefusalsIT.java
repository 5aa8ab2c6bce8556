package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;

import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Severity;
import io.ranchersg.core.Warning;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What ensure refuses by default, each refusal before the first write, and what the user says to
 * go ahead all the same. Oracles read EC2 through the raw SDK.
 */
@EndToEnd
class RefusalsIT {

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
        name = Ec2Groups.uniqueName("refuse");
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    private GroupRequest request() {
        return GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpcId);
    }

    private GroupRequest etcdWithController(Peer controlplane) {
        ProfileOptions options = ProfileOptions.defaults().withGroupName(name)
                .withPeer("controlplane", controlplane).withPeer("worker", Peer.cidr("10.2.0.0/16"))
                .withPeer("rancher", Peer.cidr("10.1.0.0/16"));
        return GroupRequest.forProfile("node-pool-etcd", options).withVpcId(vpcId);
    }

    private List<SecurityGroup> groupsNamed(String groupName) {
        return Ec2Groups.named(raw, groupName);
    }

    private SecurityGroup read(String groupId) {
        return raw.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    @Test
    void refusesToChangeWhatAManagedGroupWasMadeForUnlessToldToReconfigure() {
        GroupRequest locked = request().withOptions(request().options().withOpenTo(List.of("10.0.0.0/8")));
        String id = reconciler.ensure(locked).groupId();
        SecurityGroup before = read(id);

        assertThatThrownBy(() -> reconciler.ensure(request()))
                .is(refused(Refusal.Code.RECONFIGURE))
                .hasMessageContaining("was made with profile rancher-nodes and options 'open-to=10.0.0.0/8'")
                .hasMessageContaining("asks for profile rancher-nodes and default options");
        assertThatThrownBy(() -> reconciler.plan(request().withPreflight(true)))
                .as("a dry run refuses what ensure refuses").is(refused(Refusal.Code.RECONFIGURE));
        assertThat(read(id)).as("nothing written").isEqualTo(before);

        Outcome plan = reconciler.plan(request());
        assertThat(plan.warnings()).extracting(Warning::code).containsExactly(Warning.RECONFIGURES);

        Outcome reconfigured = reconciler.ensure(request().withReconfigure(true));
        assertThat(reconfigured.drift().missing()).as("opened as now asked").isEmpty();
        assertThat(reconfigured.drift().extra()).as("the 10.0.0.0/8 rules are kept without prune").isNotEmpty();
        assertThat(Ec2Groups.tags(read(id))).as("the options tag says what it is made for now")
                .containsEntry("rancher-sg:options", "");
        assertThat(reconciler.ensure(request()).actions().any()).as("no refusal once reconfigured").isFalse();
        Set<String> both = new TreeSet<>(Ec2Groups.expectedRules(request().spec(), id));
        both.addAll(Ec2Groups.expectedRules(locked.spec(), id));
        assertThat(Ec2Groups.rulesOf(read(id))).as("in EC2: the default rules, and the 10.0.0.0/8 ones kept")
                .isEqualTo(both);
    }

    @Test
    void refusesAPeerGivenByAnIdThatDoesNotExistBeforeCreatingAnything() {
        GroupRequest request = etcdWithController(Peer.group("sg-0123456789abcdef0"));

        assertThatThrownBy(() -> reconciler.plan(request)).is(refused(Refusal.Code.PEER_NOT_FOUND))
                .hasMessageContaining("sg-0123456789abcdef0");
        assertThatThrownBy(() -> reconciler.plan(request.withPreflight(true)))
                .is(refused(Refusal.Code.PEER_NOT_FOUND));
        assertThatThrownBy(() -> reconciler.ensure(request)).is(refused(Refusal.Code.PEER_NOT_FOUND))
                .hasMessageContaining("refers to group sg-0123456789abcdef0, which does not exist");
        assertThat(groupsNamed(name)).as("no group left behind").isEmpty();

        String peer = reconciler.ensure(request().withGroupName(name + "-cp")).groupId();
        Outcome created = reconciler.ensure(etcdWithController(Peer.group(peer)));
        assertThat(created.inSync()).as("an existing peer id is fine").isTrue();
        assertThat(Ec2Groups.rulesOf(read(created.groupId()))).as("in EC2, rule by rule")
                .isEqualTo(Ec2Groups.expectedRules(etcdWithController(Peer.group(peer)).spec(), created.groupId()));
    }

    @Test
    void refusesCriticalExposureUnlessAcceptedAndPlanShowsIt() {
        GroupRequest open = etcdWithController(Peer.cidr("0.0.0.0/0"));

        Outcome plan = reconciler.plan(open);
        assertThat(plan.findings()).extracting(f -> f.code())
                .contains(Findings.WORLD_OPEN_ETCD, Findings.WORLD_OPEN_VXLAN, Findings.WORLD_OPEN_KUBELET);
        assertThat(plan.warnings()).extracting(Warning::code).containsExactly(Warning.NEEDS_ACCEPTED_RISK);
        assertThatThrownBy(() -> reconciler.ensure(open))
                .is(refused(Refusal.Code.CRITICAL_EXPOSURE))
                .hasMessageContaining("world-open-etcd")
                .satisfies(e -> assertThat(((RefusedException) e).risks()).as("the codes to accept")
                        .contains(Findings.WORLD_OPEN_ETCD, Findings.WORLD_OPEN_VXLAN)
                        .doesNotContain(Findings.WORLD_OPEN_KUBELET));
        assertThatThrownBy(() -> reconciler.ensure(open.withAcceptedRisks(AcceptedRisks.of(Set.of("world-open-etcd")))))
                .as("accepting one finding leaves the others refused")
                .is(refused(Refusal.Code.CRITICAL_EXPOSURE)).hasMessageContaining("world-open-vxlan");
        assertThat(groupsNamed(name)).as("nothing created").isEmpty();

        Outcome accepted = reconciler.ensure(open.withAcceptedRisks(AcceptedRisks.of(Set.of("critical"))));
        assertThat(accepted.created()).isTrue();
        assertThat(accepted.findings()).extracting(f -> f.severity()).contains(Severity.CRITICAL);
        assertThat(Ec2Groups.rulesOf(read(accepted.groupId()))).as("in EC2, rule by rule")
                .isEqualTo(Ec2Groups.expectedRules(open.spec(), accepted.groupId()));
    }

    @Test
    void aCriticalRuleAddedByHandIsReportedButNeverBlocksARepair() {
        String id = reconciler.ensure(request()).groupId();
        raw.authorizeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder()
                .ipProtocol("udp").fromPort(8472).toPort(8472)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));
        raw.revokeSecurityGroupIngress(r -> r.groupId(id).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(6443).toPort(6443)
                .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build()));

        Outcome repaired = reconciler.ensure(request());

        assertThat(repaired.authorized()).hasSize(1);
        assertThat(repaired.findings()).extracting(f -> f.code()).contains(Findings.WORLD_OPEN_VXLAN);
        Set<String> expected = new TreeSet<>(Ec2Groups.expectedRules(request().spec(), id));
        expected.add(Ec2Groups.rule(Direction.INGRESS, "udp", 8472, "0.0.0.0/0", ""));
        assertThat(Ec2Groups.rulesOf(read(id))).as("in EC2: the profile restored, the rule by hand kept")
                .isEqualTo(expected);
    }

    @Test
    void anAdoptedGroupThatEc2RefusesToExtendIsNotLeftMarkedAsOurs() {
        String id = raw.createSecurityGroup(r -> r.groupName(name).description("made by hand").vpcId(vpcId))
                .groupId();
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Session throughProxy = Ec2Session.open(ClientSettings.defaults().withRegion(emulator.region())
                     .withEndpoint(proxy.endpoint()), emulator.credentials())) {
            proxy.failNext("AuthorizeSecurityGroupIngress", 1, ec2Error(400, "RulesPerSecurityGroupLimitExceeded"));

            assertThatThrownBy(() -> new Reconciler(throughProxy).ensure(request().withAdopt(true)))
                    .isInstanceOf(RancherSgException.class);
        }
        assertThat(read(id).tags()).extracting(Tag::key).as("no rancher-sg tag on a group it could not extend")
                .doesNotContain("managed-by", "rancher-sg:profile");
        assertThatThrownBy(() -> reconciler.ensure(request())).as("still not ours without --adopt")
                .is(refused(Refusal.Code.NOT_MANAGED));

        Outcome adopted = reconciler.ensure(request().withAdopt(true));
        assertThat(adopted.inSync()).isTrue();
        assertThat(GroupTags.isManaged(Ec2Groups.tags(read(id)))).as("tagged once its rules are in").isTrue();
        assertThat(Ec2Groups.rulesOf(read(id))).as("in EC2, rule by rule")
                .isEqualTo(Ec2Groups.expectedRules(request().spec(), id));
    }
}
