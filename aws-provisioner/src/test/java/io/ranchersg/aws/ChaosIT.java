package io.ranchersg.aws;

import static io.ranchersg.testsupport.FaultProxy.Fault.delay;
import static io.ranchersg.testsupport.FaultProxy.Fault.ec2Error;
import static io.ranchersg.testsupport.FaultProxy.Fault.reset;
import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import io.ranchersg.testsupport.FaultProxy.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * Ensure through a network that fails a third of the time or more: it converges or fails with a
 * clear error, a re-run always finishes the job, and nothing outside the plan is touched.
 */
@EndToEnd
class ChaosIT {

    private static final Map<String, List<Fault>> SCENARIOS = Map.of(
            "throttled", List.of(ec2Error(503, "RequestLimitExceeded")),
            "server-errors", List.of(ec2Error(500, "InternalError")),
            "resets", List.of(reset()),
            "slow", List.of(delay(Duration.ofMillis(1500))),
            "mixed", List.of(ec2Error(503, "RequestLimitExceeded"), ec2Error(500, "InternalError"), reset(),
                    delay(Duration.ofMillis(1500))));

    static Stream<Arguments> scenarios() {
        return SCENARIOS.keySet().stream().sorted()
                .flatMap(name -> LongStream.of(1, 2).mapToObj(seed -> Arguments.of(name, seed)));
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @MethodSource("scenarios")
    void ensureConvergesOrFailsCleanlyAndARerunFinishes(String scenario, long seed, Ec2Emulator emulator) {
        List<Fault> faults = SCENARIOS.get(scenario);
        String name = Ec2Groups.uniqueName("chaos");
        try (Ec2Client raw = emulator.ec2Client(); FaultProxy proxy = FaultProxy.start(emulator.endpoint())) {
            String vpcId = Ec2Groups.defaultVpcId(raw);
            GroupRequest request = GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpcId);
            // A group that exists with one rule of the user's own, which no run may touch.
            String groupId = raw.createSecurityGroup(r -> r.groupName(name).description("by hand").vpcId(vpcId)
                    .tagSpecifications(t -> t.resourceType("security-group").tags(
                            tag -> tag.key("managed-by").value("rancher-sg")))).groupId();
            raw.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(IpPermission.builder()
                    .ipProtocol("tcp").fromPort(5432).toPort(5432)
                    .ipRanges(IpRange.builder().cidrIp("10.20.0.0/16").description("users own").build()).build()));
            Rule usersOwn = Rule.ingress(Protocol.TCP, PortRange.of(5432), Peer.cidr("10.20.0.0/16"), "users own");

            // The first request always meets the scenario's fault; after that, 30 % of them do.
            proxy.failNext(FaultProxy.ANY, 1, faults.get((int) (seed % faults.size())));
            proxy.failRandomly(0.30, seed, faults);
            ClientSettings flaky = ClientSettings.defaults().withRegion(emulator.region())
                    .withEndpoint(proxy.endpoint()).withAttemptTimeout(Duration.ofSeconds(1)).withMaxAttempts(4);
            try (Ec2Session session = Ec2Session.open(flaky, emulator.credentials())) {
                new Reconciler(session).ensure(request);
            } catch (RancherSgException e) {
                assertThat(e.getMessage()).as("a failure is one clear line").doesNotContain("\n").isNotBlank();
            }
            assertThat(proxy.faults()).as("faults injected").isPositive();

            try (Ec2Session session = Emulated.session(emulator)) {
                Outcome rerun = new Reconciler(session).ensure(request);
                assertThat(rerun.drift().missing()).as("nothing missing after a re-run").isEmpty();
                assertThat(rerun.drift().changed()).as("nothing changed after a re-run").isEmpty();
            }
            SecurityGroup group = raw.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
            Set<String> rules = Ec2Groups.rulesOf(group);
            assertThat(rules).as("the user's rule is untouched").contains(Ec2Groups.line(usersOwn, groupId));
            Set<String> expected = new TreeSet<>(Ec2Groups.expectedRules(request.spec(), groupId));
            expected.add(Ec2Groups.line(usersOwn, groupId));
            assertThat(rules).as("exactly the profile plus the user's rule, rule by rule, read from EC2")
                    .isEqualTo(expected);
            assertThat(Ec2Groups.named(raw, name)).as("still one group").hasSize(1);
        }
    }
}
