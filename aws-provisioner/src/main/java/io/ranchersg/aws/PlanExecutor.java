package io.ranchersg.aws;

import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Direction;
import io.ranchersg.core.Plan;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.List;

/**
 * Performs a plan on one group: exactly its actions, one call per kind and direction, authorizing
 * before revoking so that no access is lost in between.
 */
final class PlanExecutor {

    private final Ec2Gateway ec2;
    private final String groupId;
    private final boolean dryRun;
    private final List<Rule> authorized = new ArrayList<>();
    private final List<Rule> revoked = new ArrayList<>();
    private final List<DescriptionChange> updated = new ArrayList<>();

    PlanExecutor(Ec2Gateway ec2, String groupId, boolean dryRun) {
        this.ec2 = ec2;
        this.groupId = groupId;
        this.dryRun = dryRun;
    }

    /**
     * Applies the plan, stopping at the first conflict with another writer.
     *
     * @return true when every action was done; false when the group turned out to differ from what
     *     the plan was made from, and must be read again
     */
    boolean apply(Plan plan) {
        for (Direction direction : Direction.values()) {
            List<Rule> rules = plan.toAuthorize(direction);
            if (!rules.isEmpty()) {
                if (ec2.authorize(groupId, direction, rules, dryRun)
                        != Ec2Gateway.Write.DONE) {
                    return false;
                }
                authorized.addAll(rules);
            }
        }
        for (Direction direction : Direction.values()) {
            List<DescriptionChange> changes = plan.toUpdate(direction);
            if (!changes.isEmpty()) {
                // A DryRun proves the permission with the rules' current descriptions, so that even an
                // endpoint that ignored DryRun would change nothing.
                List<Rule> target = changes.stream().map(c -> dryRun ? c.before() : c.after()).toList();
                if (ec2.updateDescriptions(groupId, direction, target, dryRun)
                        != Ec2Gateway.Write.DONE) {
                    return false;
                }
                updated.addAll(changes);
            }
        }
        for (Direction direction : Direction.values()) {
            List<Rule> rules = plan.toRevoke(direction);
            if (!rules.isEmpty()) {
                if (ec2.revoke(groupId, direction, rules, dryRun)
                        != Ec2Gateway.Write.DONE) {
                    return false;
                }
                revoked.addAll(rules);
            }
        }
        return true;
    }

    List<Rule> authorized() {
        return List.copyOf(authorized);
    }

    List<Rule> revoked() {
        return List.copyOf(revoked);
    }

    List<DescriptionChange> updated() {
        return List.copyOf(updated);
    }
}
