package io.ranchersg.core.reconcile;

import io.ranchersg.core.NewGroup;
import java.util.Locale;
import java.util.Map;

/**
 * Carries a decision out on an observation the way the provisioner's executor does, without EC2:
 * the missing groups are created first (holding EC2's default rules), and only once every group
 * exists are rules and tags written. An independent model of execution, for properties of decide.
 */
final class Simulated {

    private Simulated() {
    }

    /** A stable, valid group id for a name. */
    static String idOf(String name) {
        return "sg-" + String.format(Locale.ROOT, "%017x", Math.abs((long) name.hashCode()));
    }

    /** The observation after one round of the decision: creates, or else rule and tag writes. */
    static Observation round(Decision decision, Observation observed) {
        if (!decision.creates().isEmpty()) {
            for (GroupDecision.Create create : decision.creates()) {
                observed = observed.withCreated(create.name(), idOf(create.name()), create.desired().tags(),
                        NewGroup.defaultRules(observed.vpc().ipv6()));
            }
            return observed;
        }
        for (GroupDecision group : decision.groups()) {
            if (group instanceof GroupDecision.Update update && update.writes()) {
                ObservedGroup after = update.group().withRules(update.plan().applyTo(update.group().rules()));
                observed = observed.withGroup(update.retag() ? after.withTags(update.desired().tags())
                        : after.withTags(Map.of()));
            }
        }
        return observed;
    }
}
