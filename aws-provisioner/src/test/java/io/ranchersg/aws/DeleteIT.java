package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;

import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Roles;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import io.ranchersg.core.reconcile.Refusal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Deleting what rancher-sg made: a plan first, checks before any write (emulators do not enforce
 * EC2's DependencyViolation, so these checks are rancher-sg's own), only this stack's groups, and
 * an interrupted delete finished by the next. Oracles read EC2 through the raw SDK.
 */
@EndToEnd
class DeleteIT {

    private Ec2Emulator emulator;
    private Ec2Client raw;
    private Ec2Session session;
    private String vpcId;
    private String cluster;
    private StackSpec stack;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        this.emulator = emulator;
        raw = emulator.ec2Client();
        session = Emulated.session(emulator);
        vpcId = Ec2Groups.defaultVpcId(raw);
        cluster = Ec2Groups.uniqueName("del");
        stack = StackSpec.of(cluster, Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.2.0.0/16")));
        new Reconciler(session).ensureStack(StackRequest.of(stack).withVpcId(vpcId));
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    private Map<String, Set<String>> snapshot() {
        return Map.of(
                "etcd", Ec2Groups.rulesOf(Ec2Groups.existing(raw, cluster + "-etcd")),
                "controlplane", Ec2Groups.rulesOf(Ec2Groups.existing(raw, cluster + "-controlplane")),
                "worker", Ec2Groups.rulesOf(Ec2Groups.existing(raw, cluster + "-worker")));
    }

    private boolean anyLeft() {
        return stack.groupNames().stream().anyMatch(name -> !Ec2Groups.named(raw, name).isEmpty());
    }

    @Test
    void withoutConfirmationItOnlyPlansTheRevokesAndTheDeletes() {
        Map<String, Set<String>> before = snapshot();

        DeleteOutcome plan = new GroupDeleter(session).deleteStack(cluster, vpcId, false);

        assertThat(plan.deleted()).isFalse();
        assertThat(plan.groups()).extracting(DeleteOutcome.Doomed::role)
                .containsExactlyInAnyOrder(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER);
        assertThat(plan.groups()).allSatisfy(g -> assertThat(g.revokes()).as("references of %s", g.groupName())
                .isNotEmpty().allMatch(r -> r.peer() instanceof Peer.Group));
        assertThat(plan.apiCalls()).as("one read").isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
    }

    @Test
    void refusesWhileANetworkInterfaceUsesAGroupThenDeletesOnceItIsGone() {
        String subnet = raw.describeSubnets(r -> r.filters(Filter.builder().name("vpc-id").values(vpcId).build()))
                .subnets().get(0).subnetId();
        String worker = Ec2Groups.existing(raw, cluster + "-worker").groupId();
        String eni = raw.createNetworkInterface(r -> r.subnetId(subnet).groups(worker))
                .networkInterface().networkInterfaceId();
        Map<String, Set<String>> before = snapshot();

        assertThatThrownBy(() -> new GroupDeleter(session).deleteStack(cluster, vpcId, true))
                .is(refused(Refusal.Code.GROUP_IN_USE)).hasMessageContaining(eni);
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);

        raw.deleteNetworkInterface(r -> r.networkInterfaceId(eni));
        DeleteOutcome deleted = new GroupDeleter(session).deleteStack(cluster, vpcId, true);

        assertThat(deleted.deleted()).isTrue();
        assertThat(anyLeft()).as("every group deleted").isFalse();
        assertThat(deleted.apiCalls()).as("calls to delete a 3-group stack").isEqualTo(Map.of(
                "DescribeSecurityGroups", 3, "DescribeNetworkInterfaces", 1, "RevokeSecurityGroupIngress", 3,
                "DeleteSecurityGroup", 3));
    }

    @Test
    void refusesWhileAnOutsideGroupRefersToAGroupNamingTheRule() {
        String worker = Ec2Groups.existing(raw, cluster + "-worker").groupId();
        String outside = raw.createSecurityGroup(r -> r.groupName(cluster + "-lb").description("by hand")
                .vpcId(vpcId)).groupId();
        raw.authorizeSecurityGroupIngress(r -> r.groupId(outside).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(8080).toPort(8080)
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(worker).build()).build()));
        Map<String, Set<String>> before = snapshot();

        assertThatThrownBy(() -> new GroupDeleter(session).deleteStack(cluster, vpcId, true))
                .is(refused(Refusal.Code.GROUP_IN_USE))
                .hasMessageContaining(cluster + "-lb").hasMessageContaining("ingress tcp 8080 from " + worker);
        assertThat(snapshot()).as("nothing changed").isEqualTo(before);
        assertThat(Ec2Groups.named(raw, cluster + "-lb")).as("an untagged group is never deleted").hasSize(1);

        raw.deleteSecurityGroup(r -> r.groupId(outside));
        new GroupDeleter(session).deleteStack(cluster, vpcId, true);
        assertThat(anyLeft()).isFalse();
    }

    @Test
    void deletesOnlyThisStacksGroupsAndAnInterruptedDeleteIsFinishedByTheNext() {
        String other = Ec2Groups.uniqueName("del");
        StackSpec otherStack = StackSpec.of(other, Layout.RKE2, StackOptions.defaults());
        new Reconciler(session).ensureStack(StackRequest.of(otherStack).withVpcId(vpcId));

        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Session flaky = Ec2Session.open(ClientSettings.defaults().withRegion(emulator.region())
                     .withEndpoint(proxy.endpoint()), emulator.credentials())) {
            proxy.failAfter("DeleteSecurityGroup", 1, ec2Error(403, "UnauthorizedOperation"));
            assertThatThrownBy(() -> new GroupDeleter(flaky).deleteStack(cluster, vpcId, true))
                    .isInstanceOf(RancherSgException.class);
        }
        assertThat(stack.groupNames().stream().filter(n -> !Ec2Groups.named(raw, n).isEmpty()))
                .as("one group deleted, two left").hasSize(2);

        DeleteOutcome finished = new GroupDeleter(session).deleteStack(cluster, vpcId, true);
        assertThat(finished.groups()).hasSize(2);
        assertThat(anyLeft()).isFalse();
        assertThat(otherStack.groupNames()).as("the other stack is untouched")
                .allSatisfy(n -> assertThat(Ec2Groups.named(raw, n)).hasSize(1));
    }

    @Test
    void aDeleteEc2RefusesAfterTheFirstPutsBackTheReferencesToItAndSaysWhatWasDeleted() {
        List<DeleteOutcome.Doomed> order = new GroupDeleter(session).deleteStack(cluster, vpcId, false).groups();
        String firstId = order.get(0).groupId();
        Map<String, Set<String>> before = snapshot();

        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Session flaky = Ec2Session.open(ClientSettings.defaults().withRegion(emulator.region())
                     .withEndpoint(proxy.endpoint()), emulator.credentials())) {
            // The first delete goes through; every attempt at the second is refused, as while an interface uses it.
            proxy.failAfter("DeleteSecurityGroup", 1, ec2Error(400, "DependencyViolation"));
            proxy.failNext("DeleteSecurityGroup", 6, ec2Error(400, "DependencyViolation"));
            assertThatThrownBy(() -> new GroupDeleter(flaky).deleteStack(cluster, vpcId, true))
                    .isInstanceOfSatisfying(DeleteRefusedException.class, e -> {
                        assertThat(e.groupId()).as("refused group").isEqualTo(order.get(1).groupId());
                        assertThat(e.deleted()).as("deleted before").hasSize(1);
                    })
                    .hasMessageContaining(order.get(0).groupName()).hasMessageContaining("keep their rules");
        }

        assertThat(Ec2Groups.named(raw, order.get(0).groupName())).as("the first group").isEmpty();
        for (DeleteOutcome.Doomed left : order.subList(1, 3)) {
            Set<String> expected = new java.util.TreeSet<>(before.get(left.role()));
            assertThat(expected.removeIf(rule -> rule.contains(firstId))).as("%s named the first group", left.role())
                    .isTrue();
            assertThat(Ec2Groups.rulesOf(Ec2Groups.existing(raw, left.groupName())))
                    .as("rules of %s: as before, but those naming the deleted group", left.role())
                    .isEqualTo(expected);
        }
    }

    @Test
    void deletesOneManagedGroupAndRefusesOneItDidNotMake() {
        String name = Ec2Groups.uniqueName("one");
        new Reconciler(session).ensure(GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpcId));
        String byHand = Ec2Groups.uniqueName("hand");
        raw.createSecurityGroup(r -> r.groupName(byHand).description("by hand").vpcId(vpcId));

        assertThatThrownBy(() -> new GroupDeleter(session).deleteGroup(byHand, vpcId, true))
                .is(refused(Refusal.Code.NOT_MANAGED));
        assertThat(Ec2Groups.named(raw, byHand)).hasSize(1);

        assertThat(new GroupDeleter(session).deleteGroup(name, vpcId, false).deleted()).isFalse();
        assertThat(Ec2Groups.named(raw, name)).hasSize(1);
        assertThat(new GroupDeleter(session).deleteGroup(name, vpcId, true).groups()).hasSize(1);
        assertThat(Ec2Groups.named(raw, name)).isEmpty();
        assertThat(List.of(new GroupDeleter(session).deleteGroup(name, vpcId, true).groups()))
                .as("deleting what is gone deletes nothing").containsExactly(List.of());
    }
}
