package io.ranchersg.aws;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.reconcile.ObservedGroup;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Repairs one group rancher-sg made as {@code ensure} would, from what its own tags record: the
 * profile and options it was made with. It is how a guard that saw drift puts the group back
 * without being told the profile again.
 *
 * <p>The write goes through {@link Reconciler#ensure}, so everything ensure promises holds:
 * missing rules are authorized before any extra one is revoked, extra rules are revoked only with
 * prune, a critical finding is refused unless accepted, the group is read afresh first.
 *
 * <p>Only a single group carrying rancher-sg's tags is repaired. Groups without them (made by
 * Rancher's node driver, or by hand) are never written, and nor are the members of a cluster
 * stack: their tags name the stack, which {@code stack ensure} keeps; repaired alone, a member
 * could lose them.
 */
public final class RecordedRepair {

    private final boolean prune;
    private final AcceptedRisks accepted;

    /**
     * A repair policy.
     *
     * @param prune    whether rules the recorded profile does not list are revoked
     * @param accepted the critical findings the repair may write all the same
     */
    public RecordedRepair(boolean prune, AcceptedRisks accepted) {
        this.prune = prune;
        this.accepted = Objects.requireNonNull(accepted, "accepted");
    }

    /**
     * Reads the group named {@code groupName} in {@code vpcId} and, when rancher-sg made it on its
     * own, ensures it as its tags record.
     *
     * @param session   the session of the group's account and region; the caller keeps it
     * @param groupName the group's name
     * @param vpcId     its VPC
     * @return what ensure did, or empty when the group is gone, not rancher-sg's or a stack member
     * @throws RefusedException when ensure refuses (an unaccepted critical finding, the rule quota)
     */
    public Optional<Outcome> repair(Ec2Session session, String groupName, String vpcId) {
        return repair(new SecurityGroupApi(Objects.requireNonNull(session, "session")), groupName, vpcId);
    }

    /** As {@link #repair(Ec2Session, String, String)}, through a gateway: EC2 itself, or a twin in tests. */
    Optional<Outcome> repair(Ec2Gateway ec2, String groupName, String vpcId) {
        ObservedGroup group = ec2.groupsByName(List.of(groupName), vpcId).get(groupName);
        if (group == null || !group.managed() || group.tags().containsKey(GroupTags.CLUSTER)) {
            return Optional.empty();
        }
        GroupRequest request = GroupRequest.forProfile(GroupTags.recordedProfile(group.tags()),
                        GroupTags.decode(GroupTags.recordedOptions(group.tags()), groupName))
                .withVpcId(vpcId).withPrune(prune).withAcceptedRisks(accepted);
        return Optional.of(new Reconciler(ec2).ensure(request));
    }
}
