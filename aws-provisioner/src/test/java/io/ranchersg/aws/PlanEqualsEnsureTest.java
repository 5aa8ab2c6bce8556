package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.aws.PlanScenarios.Start;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code plan} shows exactly what the {@code ensure} that follows it does, to EC2 as the twin holds
 * it and not only as ensure reports it, and a plan after that ensure is empty: over new, in-sync,
 * drifted and adopted groups, VPCs with and without IPv6, with and without prune.
 */
class PlanEqualsEnsureTest extends OnTheTwin {

    @ParameterizedTest(name = "{0}, IPv6 VPC {1}, prune {2}")
    @MethodSource("io.ranchersg.aws.PlanScenarios#scenarios")
    void planShowsWhatEnsureThenDoes(Start start, boolean ipv6Vpc, boolean prune) {
        String vpcId = ipv6Vpc ? twin.addVpc(true) : vpc;
        GroupRequest request = request().withVpcId(vpcId).withPrune(prune).withAdopt(start == Start.NOT_MANAGED);
        prepare(start, request);
        List<Rule> before = twin.idOf(name, vpcId).map(twin::rules).orElseGet(() -> ec2Defaults(ipv6Vpc));

        Outcome plan = reconciler.plan(request);
        Outcome ensure = reconciler.ensure(request);

        PlanAssertions.assertEnsureDidWhatPlanShowed(plan, ensure);
        assertThat(twin.rules(ensure.groupId())).as("EC2 holds what it held, changed as the plan said")
                .isEqualTo(applied(plan, before));
        assertThat(reconciler.plan(request).actions().any()).as("a plan after ensure changes nothing").isFalse();
    }

    private void prepare(Start start, GroupRequest request) {
        switch (start) {
            case NEW_GROUP -> {
            }
            case IN_SYNC -> reconciler.ensure(request.withPrune(false));
            case DRIFTED -> {
                String id = reconciler.ensure(request.withPrune(false)).groupId();
                // One rule gone, one extra, one description changed: every kind of action.
                twin.removeRule(id, world(6443));
                twin.addRule(id, byHand(9999));
                twin.addRule(id, ruleOf(request, world(80)).withDescription("changed by hand"));
            }
            case NOT_MANAGED -> {
                String id = twin.addGroup(name, request.vpcId(), Map.of("team", "network"));
                twin.addRule(id, world(22));
                twin.addRule(id, Rule.ingress(Protocol.TCP, PortRange.of(8080), Peer.Cidr.ANY_IPV6, ""));
            }
            default -> throw new IllegalArgumentException(start.toString());
        }
    }

    /** The rules EC2 gives a new group, as the twin's oracle knows them. */
    private static List<Rule> ec2Defaults(boolean ipv6Vpc) {
        List<Rule> rules = new ArrayList<>(List.of(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "")));
        if (ipv6Vpc) {
            rules.add(ipv6Egress());
        }
        return rules;
    }

    /** The rules after a plan's actions on what the group held: the oracle of what ensure must have done. */
    private static List<Rule> applied(Outcome plan, List<Rule> before) {
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        before.forEach(r -> byKey.put(r.key(), r));
        plan.revoked().forEach(r -> byKey.remove(r.key()));
        plan.authorized().forEach(r -> byKey.put(r.key(), r));
        plan.updated().stream().map(DescriptionChange::after).forEach(r -> byKey.put(r.key(), r));
        return sorted(new ArrayList<>(byKey.values()));
    }
}
