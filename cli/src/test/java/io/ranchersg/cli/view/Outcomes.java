package io.ranchersg.cli.view;

import io.ranchersg.aws.Actions;
import io.ranchersg.aws.Location;
import io.ranchersg.aws.Mode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Review;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Drift;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Plan;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.util.List;
import java.util.Map;

/** Outcomes as the provisioner returns them, for printing tests. */
final class Outcomes {

    static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("0.0.0.0/0"), "SSH");
    static final Rule ETCD = Rule.ingress(Protocol.TCP, PortRange.of(2379, 2380), Peer.self(), "etcd");
    static final Rule EXTRA = Rule.ingress(Protocol.TCP, PortRange.of(9999), Peer.cidr("10.0.0.0/8"), "by hand");
    static final DescriptionChange HTTP = new DescriptionChange(
            Rule.ingress(Protocol.TCP, PortRange.of(80), Peer.cidr("0.0.0.0/0"), "old"),
            Rule.ingress(Protocol.TCP, PortRange.of(80), Peer.cidr("0.0.0.0/0"), "HTTP ingress"));

    private Outcomes() {
    }

    static Outcome inSync() {
        Plan plan = new Plan("web", List.of(), List.of(), List.of(), List.of(), false);
        return new Outcome(at("sg-0abc"), "rancher-nodes", true, plan, Actions.NONE, plan.drift(), Review.NONE,
                Map.of("DescribeSecurityGroups", 1));
    }

    static Outcome drifted(Mode mode) {
        Plan plan = new Plan("web", List.of(SSH), List.of(), List.of(HTTP), List.of(EXTRA), false);
        return new Outcome(at("sg-0abc"), "rancher-nodes", true, plan, actions(mode, false, plan), plan.drift(),
                Review.NONE, Map.of());
    }

    static Outcome absent(Mode mode) {
        Plan plan = new Plan("web", List.of(SSH, ETCD), List.of(), List.of(), List.of(), false);
        return new Outcome(at(null), "rancher-nodes", false, plan, actions(mode, true, plan), plan.drift(),
                Review.NONE, Map.of());
    }

    static Outcome created() {
        Plan plan = new Plan("web", List.of(SSH, ETCD), List.of(), List.of(), List.of(), false);
        return new Outcome(at("sg-0abc"), "rancher-nodes", true, plan, Actions.of(true, plan),
                new Drift(List.of(), List.of(), List.of()), Review.NONE, Map.of("CreateSecurityGroup", 1));
    }

    static Outcome pruned() {
        Plan plan = new Plan("web", List.of(), List.of(EXTRA), List.of(HTTP), List.of(EXTRA), true);
        return new Outcome(at("sg-0abc"), "rancher-nodes", true, plan, Actions.of(false, plan),
                new Drift(List.of(), List.of(), List.of()), Review.NONE, Map.of());
    }

    static Location at(String groupId) {
        return new Location(null, "us-east-1", "vpc-0123abcd", groupId, "web");
    }

    private static Actions actions(Mode mode, boolean create, Plan plan) {
        return mode == Mode.CHECK ? Actions.NONE : Actions.of(create, plan);
    }
}
