package io.ranchersg.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What happens to a group that does not exist yet: the rules EC2 puts into every group it creates,
 * and the plan that turns such a group into exactly its spec.
 *
 * <p>{@code plan} and {@code ensure} both take a new group's plan from here, so that what plan
 * shows is what ensure does. The plan always prunes: EC2's own outbound rules were never anyone's
 * choice, so nothing of the user's can be lost by removing those the spec does not list.
 */
public final class NewGroup {

    private NewGroup() {
    }

    /**
     * The rules EC2 gives a new group: all outbound traffic to {@code 0.0.0.0/0}, and to {@code ::/0}
     * as well when the VPC has an IPv6 block.
     */
    public static List<Rule> defaultRules(boolean vpcHasIpv6) {
        List<Rule> rules = new ArrayList<>();
        rules.add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""));
        if (vpcHasIpv6) {
            rules.add(Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
        }
        return List.copyOf(rules);
    }

    /** Whether the key is one of EC2's own outbound rules: all traffic to {@code 0.0.0.0/0} or {@code ::/0}. */
    public static boolean isDefaultRule(RuleKey key) {
        return defaultRules(true).stream().anyMatch(rule -> rule.key().equals(key));
    }

    /**
     * The plan for a group about to be created: authorize what EC2 does not give it, revoke what EC2
     * gives it that the spec does not list.
     *
     * @param desired    the spec, its peers resolved ({@link GroupSpec#resolvePeers})
     * @param vpcHasIpv6 whether the VPC has an IPv6 block, which decides EC2's outbound rules
     */
    public static Plan plan(GroupSpec desired, boolean vpcHasIpv6) {
        Objects.requireNonNull(desired, "desired");
        return Diff.plan(desired, defaultRules(vpcHasIpv6), true);
    }
}
