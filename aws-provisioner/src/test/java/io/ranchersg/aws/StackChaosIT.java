package io.ranchersg.aws;

import static io.ranchersg.testsupport.FaultProxy.Fault.delay;
import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static io.ranchersg.testsupport.FaultProxy.Fault.reset;
import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
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
import io.ranchersg.testsupport.FaultProxy.Fault;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * A stack ensured through a network that fails 30 % of the time, each kind of fault in turn: slow
 * answers past the client's timeout are lost answers (EC2 did the write, the client never heard),
 * so the retry meets its own earlier write. It converges or fails with one clear line, and a
 * re-run always finishes with exactly one group per role holding exactly its profile, and the
 * user's own rule untouched.
 */
@EndToEnd
class StackChaosIT {

    private static final Map<String, Fault> FAULTS = Map.of(
            "throttled", ec2Error(503, "RequestLimitExceeded"),
            "server-errors", ec2Error(500, "InternalError"),
            "resets", reset(),
            "lost-answers", delay(Duration.ofMillis(1500)));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"throttled", "server-errors", "resets", "lost-answers"})
    void aStackEnsuredThroughFaultsConvergesAndARerunFinishesIt(String scenario, Ec2Emulator emulator) {
        String cluster = Ec2Groups.uniqueName("chaos");
        StackSpec stack = StackSpec.of(cluster, Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.1.0.0/16")).withPeer(Roles.WORKLOAD_CLIENTS,
                        Peer.cidr("10.2.0.0/16")));
        try (Ec2Client raw = emulator.ec2Client(); FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            String vpcId = Ec2Groups.defaultVpcId(raw);
            StackRequest request = StackRequest.of(stack).withVpcId(vpcId);
            // The worker group exists already (an earlier run stopped after making it) with a rule of the
            // user's own, which no run may touch; the other two do not exist yet.
            StackGroup workerGroup = stack.group(Roles.WORKER).orElseThrow();
            String worker = raw.createSecurityGroup(r -> r.groupName(workerGroup.name()).description("by an earlier run")
                    .vpcId(vpcId).tagSpecifications(t -> t.resourceType("security-group").tags(
                            workerGroup.spec().tags().entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList())))
                    .groupId();
            raw.authorizeSecurityGroupIngress(r -> r.groupId(worker)
                    .ipPermissions(Ec2Groups.permission("tcp", 5432, "10.20.0.0/16", "users own")));

            proxy.failNext(FaultProxy.ANY, 1, FAULTS.get(scenario));
            proxy.failRandomly(0.30, scenario.hashCode(), List.of(FAULTS.get(scenario)));
            ClientSettings flaky = ClientSettings.defaults().withRegion(emulator.region())
                    .withEndpoint(proxy.endpoint()).withAttemptTimeout(Duration.ofSeconds(1)).withMaxAttempts(4);
            try (Ec2Session session = Ec2Session.open(flaky, emulator.credentials())) {
                new Reconciler(session).ensureStack(request);
            } catch (RancherSgException e) {
                assertThat(e.getMessage()).as("a failure is one clear line").doesNotContain("\n").isNotBlank();
            }
            assertThat(proxy.faults()).as("faults injected").isPositive();

            try (Ec2Session session = Emulated.session(emulator)) {
                assertThat(new Reconciler(session).ensureStack(request).groups())
                        .allSatisfy(m -> assertThat(m.outcome().drift().missing()).isEmpty());
            }
            Map<String, String> ids = new HashMap<>();
            for (String name : stack.groupNames()) {
                assertThat(Ec2Groups.named(raw, name)).as("one group named %s", name).hasSize(1);
                ids.put(name, Ec2Groups.existing(raw, name).groupId());
            }
            for (StackGroup group : stack.groups()) {
                String id = ids.get(group.name());
                GroupSpec resolved = group.spec().resolvePeers(id, ids::get);
                Set<String> expected = new TreeSet<>(Ec2Groups.expectedRules(resolved, id));
                if (group.role().equals(Roles.WORKER)) {
                    expected.add(Ec2Groups.rule(Direction.INGRESS, "tcp", 5432, "10.20.0.0/16",
                            "users own"));
                }
                assertThat(Ec2Groups.rulesOf(raw, id)).as("rules of %s", group.name()).isEqualTo(expected);
            }
        }
    }
}
