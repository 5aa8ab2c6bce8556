package io.ranchersg.cli;

import io.ranchersg.aws.Mode;
import io.ranchersg.aws.Outcome;
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
        return new Outcome(Mode.CHECK, "us-east-1", "vpc-0123abcd", "sg-0abc", "web", "rancher-nodes", true, false,
                true, plan, List.of(), List.of(), List.of(), plan.drift(), List.of(), Map.of("DescribeSecurityGroups", 1));
    }

    static Outcome drifted(Mode mode) {
        Plan plan = new Plan("web", List.of(SSH), List.of(), List.of(HTTP), List.of(EXTRA), false);
        return new Outcome(mode, "us-east-1", "vpc-0123abcd", "sg-0abc", "web", "rancher-nodes", true, false, true,
                plan, List.of(), List.of(), List.of(), plan.drift(), List.of(), Map.of());
    }

    static Outcome absent(Mode mode) {
        Plan plan = new Plan("web", List.of(SSH, ETCD), List.of(), List.of(), List.of(), false);
        return new Outcome(mode, "us-east-1", "vpc-0123abcd", null, "web", "rancher-nodes", false, false, false,
                plan, List.of(), List.of(), List.of(), plan.drift(), List.of(), Map.of());
    }

    static Outcome created() {
        Plan plan = new Plan("web", List.of(SSH, ETCD), List.of(), List.of(), List.of(), false);
        return new Outcome(Mode.ENSURE, "us-east-1", "vpc-0123abcd", "sg-0abc", "web", "rancher-nodes", true, true,
                true, plan, List.of(SSH, ETCD), List.of(), List.of(), new Drift(List.of(), List.of(), List.of()),
                List.of(), Map.of("CreateSecurityGroup", 1));
    }

    static Outcome pruned() {
        Plan plan = new Plan("web", List.of(), List.of(EXTRA), List.of(HTTP), List.of(EXTRA), true);
        return new Outcome(Mode.ENSURE, "us-east-1", "vpc-0123abcd", "sg-0abc", "web", "rancher-nodes", true, false,
                true, plan, List.of(), List.of(EXTRA), List.of(HTTP), new Drift(List.of(), List.of(), List.of()),
                List.of(), Map.of());
    }
}
