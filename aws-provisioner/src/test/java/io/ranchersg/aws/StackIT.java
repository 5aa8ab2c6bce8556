package io.ranchersg.aws;

import static io.ranchersg.aws.Refused.refused;

import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Roles;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.HashMap;
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
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

/**
 * Cluster stacks against the emulator: every group made before any rule refers to it, so the
 * references' cycles need nothing special; call budgets; repair, prune, refusals, concurrency and
 * interrupted runs. Oracles read EC2 through the raw SDK.
 */
@EndToEnd
class StackIT {

    private Ec2Emulator emulator;
    private Ec2Client raw;
    private Ec2Session session;
    private Reconciler reconciler;
    private String vpcId;
    private String cluster;

    @BeforeEach
    void setUp(Ec2Emulator emulator) {
        this.emulator = emulator;
        raw = emulator.ec2Client();
        session = Emulated.session(emulator);
        reconciler = new Reconciler(session);
        vpcId = Ec2Groups.defaultVpcId(raw);
        cluster = Ec2Groups.uniqueName("st");
    }

    @AfterEach
    void tearDown() {
        session.close();
        raw.close();
    }

    private StackSpec nodePool() {
        return StackSpec.of(cluster, Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.2.0.0/16")));
    }

    private StackRequest request() {
        return StackRequest.of(nodePool()).withVpcId(vpcId);
    }

    /** Every group of the stack holds exactly its profile, peers as EC2 names them. */
    private void assertExact(StackSpec stack) {
        Map<String, String> ids = new HashMap<>();
        for (String name : stack.groupNames()) {
            ids.put(name, Ec2Groups.existing(raw, name).groupId());
        }
        for (StackGroup group : stack.groups()) {
            String id = ids.get(group.name());
            GroupSpec resolved = group.spec().resolvePeers(id, ids::get);
            assertThat(Ec2Groups.rulesOf(raw, id)).as("rules of %s in EC2", group.name())
                    .isEqualTo(Ec2Groups.expectedRules(resolved, id));
        }
    }

    @Test
    void createsAThreeGroupStackFromNothingWithItsCyclesInEightCalls() {
        StackOutcome created = reconciler.ensureStack(request());

        assertThat(created.inSync()).as("in sync after create").isTrue();
        assertThat(created.groups()).extracting(StackOutcome.Member::role)
                .containsExactly(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER);
        assertExact(nodePool());
        assertThat(created.apiCalls()).as("calls for a stack from nothing").isEqualTo(Map.of(
                "DescribeSecurityGroups", 1, "DescribeVpcs", 1, "CreateSecurityGroup", 3,
                "AuthorizeSecurityGroupIngress", 3));
        assertThat(created.writeCalls()).isLessThanOrEqualTo(6);
        String etcd = created.of(Roles.ETCD).groupId();
        String controlplane = created.of(Roles.CONTROLPLANE).groupId();
        assertThat(Ec2Groups.rulesOf(raw, etcd)).as("etcd accepts 2379 from controlplane")
                .anyMatch(r -> r.contains("2379-2379 " + controlplane));
        assertThat(Ec2Groups.rulesOf(raw, controlplane)).as("controlplane accepts 6443 from etcd: a cycle")
                .anyMatch(r -> r.contains("6443-6443 " + etcd));

        StackOutcome again = reconciler.ensureStack(request());
        assertThat(again.apiCalls()).as("a stack in sync: one read, no writes")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1));
        assertThat(again.groups()).allSatisfy(m -> assertThat(m.outcome().actions().any()).isFalse());
    }

    @Test
    void planShowsWhatEnsureDoesWithTheNewGroupsByName() {
        StackOutcome plan = reconciler.planStack(request());
        assertThat(Ec2Groups.named(raw, cluster + "-etcd")).as("plan writes nothing").isEmpty();

        StackOutcome ensure = reconciler.ensureStack(request());

        assertThat(plan.groups()).as("every group new").allSatisfy(m -> assertThat(m.outcome().created()).isTrue());
        PlanAssertions.assertEnsureDidWhatPlanShowed(plan, ensure);
        assertThat(reconciler.planStack(request()).groups()).as("a plan after ensure is empty")
                .allSatisfy(m -> assertThat(m.outcome().actions().any()).isFalse());
    }

    @Test
    void aCrossReferenceRevokedByHandIsFoundByCheckAndRestoredInOneCallPerGroupAndKind() {
        StackOutcome created = reconciler.ensureStack(request());
        String etcd = created.of(Roles.ETCD).groupId();
        String controlplane = created.of(Roles.CONTROLPLANE).groupId();
        raw.revokeSecurityGroupIngress(r -> r.groupId(etcd).ipPermissions(IpPermission.builder()
                .ipProtocol("tcp").fromPort(2379).toPort(2379)
                // LocalStack matches group rules on their description too; EC2 ignores it.
                .userIdGroupPairs(UserIdGroupPair.builder().groupId(controlplane)
                        .description("etcd client requests").build()).build()));

        StackOutcome check = reconciler.checkStack(request());
        assertThat(check.inSync()).isFalse();
        assertThat(check.of(Roles.ETCD).drift().missing()).singleElement()
                .satisfies(r -> assertThat(r.peer()).isEqualTo(Peer.group(controlplane)));
        assertThat(check.of(Roles.WORKER).inSync()).isTrue();

        StackOutcome repaired = reconciler.ensureStack(request());
        assertThat(repaired.apiCalls()).as("one read and one authorize")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "AuthorizeSecurityGroupIngress", 1));
        assertExact(nodePool());
    }

    @Test
    void extrasAreKeptUnlessPrunedAndThenRevokedAfterAdding() {
        String worker = reconciler.ensureStack(request()).of(Roles.WORKER).groupId();
        raw.authorizeSecurityGroupIngress(r -> r.groupId(worker)
                .ipPermissions(Ec2Groups.permission("tcp", 9999, "10.9.0.0/16", "by hand")));

        assertThat(reconciler.ensureStack(request()).of(Roles.WORKER).drift().extra()).hasSize(1);
        assertThat(Ec2Groups.rulesOf(raw, worker)).anyMatch(r -> r.contains("9999"));

        StackOutcome pruned = reconciler.ensureStack(request().withPrune(true));
        assertThat(pruned.of(Roles.WORKER).revoked()).hasSize(1);
        assertExact(nodePool());
    }

    @Test
    void aGroupOfAStackNameNotMadeByRancherSgIsRefusedBeforeAnythingIsCreated() {
        raw.createSecurityGroup(r -> r.groupName(cluster + "-worker").description("by hand").vpcId(vpcId));

        assertThatThrownBy(() -> reconciler.ensureStack(request())).is(refused(Refusal.Code.NOT_MANAGED))
                .hasMessageContaining(cluster + "-worker");
        assertThat(Ec2Groups.named(raw, cluster + "-etcd")).as("no other group created").isEmpty();

        assertThat(reconciler.ensureStack(request().withAdopt(true)).inSync()).isTrue();
        assertExact(nodePool());
    }

    @Test
    void theRke2AgentGroupNeverOpensEtcdTheApiOrTheSupervisor() {
        StackSpec rke2 = StackSpec.of(cluster, Layout.RKE2, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16")).withPeer(Roles.WORKLOAD_CLIENTS,
                        Peer.cidr("10.2.0.0/16")));

        StackOutcome created = reconciler.ensureStack(StackRequest.of(rke2).withVpcId(vpcId));

        assertThat(created.inSync()).isTrue();
        assertExact(rke2);
        SecurityGroup agent = Ec2Groups.existing(raw, cluster + "-agent");
        assertThat(agent.ipPermissions()).noneMatch(p -> "tcp".equals(p.ipProtocol())
                && p.fromPort() <= 2381 && p.toPort() >= 2379);
        assertThat(agent.ipPermissions()).noneMatch(p -> "tcp".equals(p.ipProtocol())
                && (p.fromPort() <= 6443 && p.toPort() >= 6443 || p.fromPort() <= 9345 && p.toPort() >= 9345));
    }

    @Test
    void concurrentEnsuresOfOneStackConvergeToOneExactSetOfGroups() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<StackOutcome>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                runs.add(() -> {
                    try (Ec2Session own = Emulated.session(emulator)) {
                        return new Reconciler(own).ensureStack(request());
                    }
                });
            }
            for (Future<StackOutcome> run : pool.invokeAll(runs)) {
                assertThat(run.get().groups()).hasSize(3);
            }
        } finally {
            pool.shutdownNow();
        }
        for (String name : nodePool().groupNames()) {
            assertThat(Ec2Groups.named(raw, name)).as("one group named %s", name).hasSize(1);
        }
        assertExact(nodePool());
    }

    @Test
    void aRunStoppedBetweenCreatesOrBetweenAuthorizesIsFinishedByTheNext() {
        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Session flaky = Ec2Session.open(ClientSettings.defaults().withRegion(emulator.region())
                     .withEndpoint(proxy.endpoint()), emulator.credentials())) {
            // The second create fails for good: the run stops with one group made.
            proxy.failAfter("CreateSecurityGroup", 1, ec2Error(403, "UnauthorizedOperation"));
            assertThatThrownBy(() -> new Reconciler(flaky).ensureStack(request()))
                    .isInstanceOf(RancherSgException.class);
        }
        assertThat(Ec2Groups.named(raw, cluster + "-etcd")).as("the first group was made").hasSize(1);
        assertThat(Ec2Groups.named(raw, cluster + "-controlplane")).as("the second was not").isEmpty();

        try (FaultProxy proxy = FaultProxy.start(emulator.endpoint());
             Ec2Session flaky = Ec2Session.open(ClientSettings.defaults().withRegion(emulator.region())
                     .withEndpoint(proxy.endpoint()), emulator.credentials())) {
            // Now every group is made, and the second authorize fails: one group has its rules, two do not.
            proxy.failAfter("AuthorizeSecurityGroupIngress", 1, ec2Error(403, "UnauthorizedOperation"));
            assertThatThrownBy(() -> new Reconciler(flaky).ensureStack(request()))
                    .isInstanceOf(RancherSgException.class);
        }
        assertThat(reconciler.checkStack(request()).inSync()).as("half done").isFalse();

        StackOutcome finished = reconciler.ensureStack(request());
        assertThat(finished.inSync()).isTrue();
        assertExact(nodePool());
        for (String name : nodePool().groupNames()) {
            assertThat(Ec2Groups.named(raw, name)).as("one group named %s", name).hasSize(1);
        }
        assertThat(Set.copyOf(nodePool().groupNames())).hasSize(3);
    }

    @Test
    void aScanChecksEveryStackGroupInOneReadFindingTheirPeersInTheSameList() {
        Ec2Emulator elsewhere = emulator.inRegion("eu-west-3");
        try (Ec2Client rawThere = elsewhere.ec2Client(); Ec2Session there = Emulated.session(elsewhere)) {
            String vpc = Ec2Groups.defaultVpcId(rawThere);
            new Reconciler(there).ensureStack(StackRequest.of(nodePool()).withVpcId(vpc));
            Map<String, Integer> before = there.calls().calls();

            List<GroupCheck> checks = new Reconciler(there).checkManaged();

            Map<String, Integer> after = there.calls().calls();
            assertThat(after.get("DescribeSecurityGroups") - before.get("DescribeSecurityGroups"))
                    .as("one read for the region, the stack's peers found in it").isEqualTo(1);
            assertThat(checks).filteredOn(c -> c instanceof GroupCheck.Checked ch && ch.stack() != null
                            && ch.stack().cluster().equals(cluster))
                    .hasSize(3)
                    .allSatisfy(c -> assertThat(((GroupCheck.Checked) c).outcome().inSync()).isTrue());
        }
    }
}
