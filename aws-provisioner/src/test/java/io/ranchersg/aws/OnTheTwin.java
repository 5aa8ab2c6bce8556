package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the reconciler's unit tests share: a fresh in-memory EC2 with a default VPC, a reconciler and
 * a deleter working through it, and the twin's own state as the oracle.
 */
abstract class OnTheTwin {

    /** A description no profile uses: rules made by hand. */
    static final String BY_HAND = "by hand";

    InMemoryEc2 twin;
    Reconciler reconciler;
    String vpc;
    String name;

    @BeforeEach
    void setUpTwin() {
        twin = new InMemoryEc2();
        reconciler = new Reconciler(twin);
        vpc = twin.defaultVpcId();
        name = "rn-unit";
    }

    /** rancher-nodes for {@link #name} in the default VPC, by id. */
    GroupRequest request() {
        return GroupRequest.rancherNodes().withGroupName(name).withVpcId(vpc);
    }

    GroupDeleter deleter() {
        return new GroupDeleter(twin);
    }

    /**
     * Ensures {@link #request()}, then by hand revokes one of the group's rules and adds one of the
     * user's own.
     *
     * @return EC2's state then, to compare with after a run that must write nothing
     */
    Map<String, String> drifted(Rule revoked, Rule added) {
        String id = reconciler.ensure(request()).groupId();
        twin.removeRule(id, revoked);
        twin.addRule(id, added);
        return twin.snapshot();
    }

    /** The id of the group of that name in the default VPC; none fails the test. */
    String idOf(String groupName) {
        return twin.idOf(groupName, vpc).orElseThrow(() -> new AssertionError("no security group " + groupName));
    }

    /** The rules the group of {@link #name} holds, read from the twin. */
    List<Rule> held() {
        return twin.rules(idOf(name));
    }

    /** The rules the request's spec asks for, as EC2 holds them. */
    List<Rule> expected(GroupRequest request) {
        return twin.expected(request.spec(), request.vpcId() == null ? vpc : request.vpcId());
    }

    /** The calls of the run, with nothing but reads. */
    static boolean readsOnly(Map<String, Integer> calls) {
        return calls.keySet().stream().allMatch(op -> op.startsWith("Describe"));
    }

    /** rancher-nodes' rule on a TCP port from anywhere, without its description. */
    static Rule world(int port) {
        return Rule.ingress(Protocol.TCP, PortRange.of(port), Peer.Cidr.ANY_IPV4, "");
    }

    /** A rule made by hand: TCP on a port from a private block. */
    static Rule byHand(int port) {
        return Rule.ingress(Protocol.TCP, PortRange.of(port), Peer.cidr("10.9.0.0/16"), BY_HAND);
    }

    /** EC2's outbound rule to ::/0 on a group made in a VPC with an IPv6 block. */
    static Rule ipv6Egress() {
        return Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, "");
    }

    /** The rule of the profile with this key, as the spec gives it. */
    static Rule ruleOf(GroupRequest request, Rule key) {
        return request.spec().rules().stream().filter(r -> r.key().equals(key.key())).findFirst()
                .orElseThrow(() -> new AssertionError("rancher-nodes has no rule " + key.key()));
    }

    static List<Rule> sorted(List<Rule> rules) {
        return Rules.sorted(rules);
    }
}
