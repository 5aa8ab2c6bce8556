package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.core.Direction;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.core.coverage.RequirementCoverage;
import io.ranchersg.core.coverage.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link Verifier} on the in-memory EC2: groups made by hand, as other tools make them, judged
 * against rancher-nodes; nothing is ever written, and the reads are those the end-to-end tests hold.
 */
class VerifierTest {

    private InMemoryEc2 twin;
    private Verifier verifier;
    private String vpc;

    @BeforeEach
    void setUp() {
        twin = new InMemoryEc2();
        verifier = new Verifier(twin);
        vpc = twin.defaultVpcId();
    }

    /** A group as Terraform modules write it: broad TCP and UDP from the VPC, the public ports from anywhere. */
    private String terraformGroup(String name) {
        String id = twin.addGroup(name, vpc, Map.of("Name", name));
        Peer world = Peer.Cidr.ANY_IPV4;
        Peer vpcBlock = Peer.cidr("172.31.0.0/16");
        for (int port : new int[] {22, 80, 443, 2376, 6443}) {
            twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(port), world, ""));
        }
        twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(0, 65535), vpcBlock, "all TCP from the VPC"));
        twin.addRule(id, Rule.ingress(Protocol.UDP, PortRange.of(0, 65535), vpcBlock, "all UDP from the VPC"));
        twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(30000, 31000), world, "NodePorts"));
        twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(31001, 32767), world, "NodePorts"));
        twin.addRule(id, Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), world, "NodePorts"));
        return id;
    }

    private static GroupRequest rancherNodes(String name) {
        return GroupRequest.rancherNodes().withGroupName(name);
    }

    @Test
    void aTerraformGroupWithBroadVpcRulesCoversRancherNodesByTheVpcBlock() {
        String id = terraformGroup("tf-nodes");
        String before = twin.snapshot().toString();

        Verification verification = verifier.verify(VerifyRequest.of(rancherNodes("tf-nodes").withVpcId(vpc)));

        assertThat(verification.covered()).as("every requirement covered: %s", verification.coverage()).isTrue();
        assertThat(verification.location().groupId()).isEqualTo(id);
        assertThat(verification.managed()).as("not rancher-sg's").isFalse();
        assertThat(verification.coverage().assumesNodesInVpc()).as("self met by the VPC block").isTrue();
        assertThat(verification.vpcBlocks()).containsExactly(Peer.cidr("172.31.0.0/16"));
        assertThat(verification.coverage().excess()).extracting(e -> e.rule().description())
                .as("the VPC rules allow every port to the whole VPC")
                .contains("all TCP from the VPC", "all UDP from the VPC");
        assertThat(verification.apiCalls()).as("one read of the group, one of the VPC's blocks")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1, "DescribeVpcs", 1));
        assertThat(twin.snapshot().toString()).as("nothing written").isEqualTo(before);
    }

    @Test
    void aMissingUdpRangeIsNamedAndTheRestCovered() {
        String id = terraformGroup("tf-no-udp");
        twin.removeRule(id, Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), Peer.Cidr.ANY_IPV4, "NodePorts"));

        Verification verification = verifier.verify(VerifyRequest.of(rancherNodes("tf-no-udp").withVpcId(vpc)));

        assertThat(verification.covered()).isFalse();
        assertThat(verification.uncovered()).isEqualTo(1);
        RequirementCoverage missing = verification.coverage().requirements().stream().filter(r -> !r.covered())
                .findFirst().orElseThrow();
        assertThat(missing.required().key()).isEqualTo(
                Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), Peer.Cidr.ANY_IPV4, "").key());
        assertThat(missing.verdict()).as("the VPC's UDP rule covers none of the world")
                .isEqualTo(new Verdict.NotCovered());
    }

    @Test
    void aGroupReferringToItselfNeedsNoReadOfTheVpc() {
        String id = twin.addGroup("self-nodes", vpc, Map.of("Name", "self-nodes"));
        twin.addRule(id, Rule.allTraffic(Direction.INGRESS, Peer.self(), ""));

        Verification verification = verifier.verify(VerifyRequest.of(rancherNodes("self-nodes")).withGroupId(id));

        assertThat(verification.coverage().requirements()).filteredOn(r -> r.required().peer().equals(Peer.self()))
                .allSatisfy(r -> assertThat(r.verdict()).isEqualTo(new Verdict.Covered(
                        List.of(Rule.allTraffic(Direction.INGRESS, Peer.self(), "")), false)));
        assertThat(verification.covered()).as("the world's ports are missing").isFalse();
        assertThat(verification.apiCalls()).as("found by id: one read, no VPC")
                .isEqualTo(Map.of("DescribeSecurityGroups", 1));
    }

    @Test
    void anAbsentGroupCoversNothingAndAnUnknownIdIsRefused() {
        Verification absent = verifier.verify(VerifyRequest.of(rancherNodes("nobody").withVpcId(vpc)));

        assertThat(absent.exists()).isFalse();
        assertThat(absent.coverage().requirements()).allSatisfy(r -> assertThat(r.covered()).isFalse());
        assertThatThrownBy(() -> verifier.verify(VerifyRequest.of(rancherNodes("x")).withGroupId("sg-0123456789abcdef0")))
                .isInstanceOf(RefusedException.class).hasMessageContaining("sg-0123456789abcdef0");
    }

    @Test
    void aStackIsVerifiedWithRolesMappedOntoGroupsOfOtherNames() {
        StackSpec stack = StackSpec.of("shop", Layout.NODE_POOL, StackOptions.defaults()
                .withPeer("rancher", Peer.cidr("203.0.113.0/24")).withPeer("workload-clients", Peer.Cidr.ANY_IPV4));
        String workers = twin.addGroup("platform-workers", vpc, Map.of());
        twin.addRule(workers, Rule.allTraffic(Direction.INGRESS, Peer.Cidr.ANY_IPV4, ""));

        StackVerification verification = verifier.verifyStack(new StackVerifyRequest(
                StackRequest.of(stack).withVpcId(vpc), Map.of("worker", workers)));

        assertThat(verification.groups()).extracting(StackVerification.Member::role)
                .containsExactly("etcd", "controlplane", "worker");
        Verification worker = verification.groups().get(2).verification();
        assertThat(worker.location().groupId()).isEqualTo(workers);
        assertThat(worker.covered()).as("all traffic from the world covers the worker's inbound: %s",
                worker.coverage()).isTrue();
        assertThat(worker.coverage().findings()).extracting(f -> f.code()).contains("world-open-all-traffic");
        assertThat(verification.groups().get(0).verification().exists()).as("shop-etcd was never made").isFalse();
        assertThat(verification.apiCalls()).as("the mapped group by id, the others by name")
                .isEqualTo(Map.of("DescribeSecurityGroups", 2, "DescribeVpcs", 1));
    }

    @Test
    void aScanVerifiesTheNodeDriversGroupInsteadOfComparingItExactly() {
        String id = terraformGroup("rancher-nodes");
        twin.putTags(id, Map.of(ManagedTags.DRIVER_TAG, "v2.9.0"));
        // What current drivers open besides: the IPv6 twins, and the admission webhook.
        twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(0, 65535), Peer.Cidr.ANY_IPV6, ""));
        twin.addRule(id, Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), Peer.Cidr.ANY_IPV6, ""));
        twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(8443), Peer.Cidr.ANY_IPV4, ""));
        twin.addRule(id, Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
        Reconciler reconciler = new Reconciler(twin);

        Outcome exact = only(reconciler.checkScanned(true, false));
        Outcome verified = only(reconciler.checkScannedVerifyingDriverGroups(false));

        assertThat(exact.inSync()).as("compared exactly, the broad rules are drift").isFalse();
        assertThat(verified.inSync()).as("verified, everything current drivers open is covered: %s", verified.drift())
                .isTrue();
        assertThat(verified.drift().extra()).as("broader rules are not drift").isEmpty();

        twin.removeRule(id, Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), Peer.Cidr.ANY_IPV4, "NodePorts"));
        Outcome uncovered = only(reconciler.checkScannedVerifyingDriverGroups(false));

        assertThat(uncovered.drift().missing()).extracting(Rule::key).containsExactly(
                Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), Peer.Cidr.ANY_IPV4, "").key());
    }

    private static Outcome only(List<GroupCheck> checks) {
        assertThat(checks).hasSize(1);
        return ((GroupCheck.Checked) checks.get(0)).outcome();
    }
}
