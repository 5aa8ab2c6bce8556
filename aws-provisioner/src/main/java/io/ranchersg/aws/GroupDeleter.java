package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.core.reconcile.StackMembership;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes what rancher-sg made, safely: for a stack, only its members ({@link StackMembership}:
 * named {@code <cluster>-<role>} for a role of the recorded layout, carrying the stack's tags); and
 * only when nothing outside them still uses them.
 *
 * <p>Without confirmation a delete only plans: the references between the groups it would revoke,
 * then the groups it would delete, and the groups it found that are not members (left alone).
 * Confirmed, it first checks, before any write, that no network interface uses any of the groups
 * and that no other group refers to them (EC2 would refuse with {@code DependencyViolation}, but
 * only after earlier groups were already gone; emulators do not refuse at all). Then it deletes
 * the groups one by one, each right after revoking the references the remaining groups hold to it:
 * a group's own rules go with it, so this revokes no more than revoking every reference first.
 *
 * <p>EC2 may still refuse a delete, for what no read shows (an interface attached after the check,
 * a reference from a peered VPC of another account): the references revoked for that group are then
 * authorized again, so that the groups left hold what they held, and {@link DeleteRefusedException}
 * says so. Refused on the first group, the stack is as it was. The references of a group already
 * deleted cannot come back; a re-run finishes the delete once nothing uses the refused group.
 *
 * <p>An interrupted delete is finished by the next, which finds what is left by name and tags. Two
 * deletes of one stack at once both succeed: a group or reference the other run removed first is
 * what was asked for, not a failure.
 *
 * <p>A deleter keeps nothing between runs and may be shared between threads; the session it works
 * through stays its creator's to close.
 */
public final class GroupDeleter {

    private static final Logger log = LoggerFactory.getLogger(GroupDeleter.class);

    private final Ec2Gateway ec2;

    /**
     * A deleter working through a session's EC2 client.
     *
     * @param session the session; the caller keeps it and closes it
     */
    public GroupDeleter(Ec2Session session) {
        this(new SecurityGroupApi(Objects.requireNonNull(session, "session")));
    }

    /**
     * A deleter working through a gateway: EC2 itself, or a twin in tests.
     *
     * @param ec2 the gateway
     */
    public GroupDeleter(Ec2Gateway ec2) {
        this.ec2 = Objects.requireNonNull(ec2, "ec2");
    }

    /**
     * Deletes the groups of a cluster stack: its members, never another group tagged with the cluster.
     *
     * @param cluster the cluster name the groups are tagged with
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @param confirmed whether to delete; {@code false} only plans
     * @return the groups deleted, or with {@code confirmed} false those that would be; and the groups
     *     found that are not members, left alone
     * @throws RefusedException ({@code group-in-use}) naming the network interfaces or outside groups
     *     that use the groups; nothing is changed then
     * @throws DeleteRefusedException when EC2 refuses a delete ({@code DependencyViolation}); the
     *     references revoked for that group are put back, and the message says whether any group was
     *     deleted before
     * @throws AwsSetupException when AWS refuses the credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public DeleteOutcome deleteStack(String cluster, String vpcId, boolean confirmed) {
        Objects.requireNonNull(cluster, "cluster");
        GroupRequest.checkVpcId(vpcId);
        try (CallCounter.Tally tally = ec2.calls().startTally()) {
            String vpc = new Observer(ec2).vpcId(vpcId);
            StackMembership.Verdict verdict = StackMembership.judge(cluster,
                    ec2.stackGroups(cluster, StackMembership.possibleNames(cluster), vpc));
            List<DeleteOutcome.Spared> spared = verdict.outsiders().stream()
                    .map(o -> new DeleteOutcome.Spared(o.group().id(), o.group().name(), o.reason())).toList();
            Map<String, String> roles = new LinkedHashMap<>();
            verdict.members().forEach(m -> roles.put(m.group().id(), m.role()));
            List<ObservedGroup> members = verdict.members().stream().map(StackMembership.Member::group).toList();
            return run(members, roles, spared, vpc, confirmed, "the stack is intact").withCalls(tally.calls());
        }
    }

    /**
     * Deletes one group rancher-sg made.
     *
     * @param groupName the group's name
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @param confirmed whether to delete; {@code false} only plans
     * @return the group deleted, or with {@code confirmed} false the one that would be; none when there is no such group
     * @throws RefusedException ({@code not-managed}) when rancher-sg did not make it, ({@code group-in-use})
     *     naming the network interfaces or other groups that use it
     * @throws DeleteRefusedException when EC2 refuses the delete ({@code DependencyViolation})
     * @throws AwsSetupException when AWS refuses the credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public DeleteOutcome deleteGroup(String groupName, String vpcId, boolean confirmed) {
        Objects.requireNonNull(groupName, "groupName");
        GroupRequest.checkVpcId(vpcId);
        try (CallCounter.Tally tally = ec2.calls().startTally()) {
            String vpc = new Observer(ec2).vpcId(vpcId);
            List<ObservedGroup> found = List.copyOf(ec2.groupsByName(List.of(groupName), vpc).values());
            for (ObservedGroup group : found) {
                if (!group.managed()) {
                    throw new RefusedException(Refusal.of(Refusal.Code.NOT_MANAGED, groupName, "security group '"
                            + groupName + "' (" + group.id() + ") in " + vpc + " was not created by rancher-sg: it is"
                            + " not deleted"));
                }
            }
            Map<String, String> roles = new LinkedHashMap<>();
            found.forEach(g -> roles.put(g.id(), g.tags().get(GroupTags.ROLE)));
            return run(found, roles, List.of(), vpc, confirmed, "the group is intact").withCalls(tally.calls());
        }
    }

    /** @param intact how to say, when EC2 refuses the first delete, that the groups are as they were */
    private DeleteOutcome run(List<ObservedGroup> groups, Map<String, String> roles, List<DeleteOutcome.Spared> spared,
                              String vpcId, boolean confirmed, String intact) {
        Set<String> ids = groups.stream().map(ObservedGroup::id).collect(Collectors.toCollection(LinkedHashSet::new));
        List<DeleteOutcome.Doomed> doomed = new ArrayList<>();
        for (ObservedGroup group : groups) {
            List<Rule> revokes = group.rules().stream()
                    .filter(r -> r.peer() instanceof Peer.Group g && ids.contains(g.groupId()))
                    .toList();
            doomed.add(new DeleteOutcome.Doomed(group.id(), group.name(), roles.get(group.id()), revokes));
        }
        if (!confirmed || groups.isEmpty()) {
            return new DeleteOutcome(ec2.region(), vpcId, doomed, spared, false, Map.of());
        }
        requireUnused(ids);
        List<DeleteOutcome.Doomed> left = new ArrayList<>(doomed);
        List<String> deleted = new ArrayList<>();
        for (DeleteOutcome.Doomed target : doomed) {
            left.remove(target);
            List<Revoked> revoked = revokeReferencesTo(target, left);
            try {
                ec2.delete(target.groupId());
            } catch (DeleteRefusedException e) {
                throw refused(e, target, revoked, deleted, intact);
            }
            deleted.add(target.groupName() + " (" + target.groupId() + ")");
        }
        return new DeleteOutcome(ec2.region(), vpcId, doomed, spared, true, Map.of());
    }

    /** References one group held to another, revoked by this run: what to authorize again if EC2 refuses. */
    private record Revoked(String groupId, Direction direction, List<Rule> rules) {
    }

    /** Revokes the references the groups still here hold to the target, which EC2 would refuse its delete for. */
    private List<Revoked> revokeReferencesTo(DeleteOutcome.Doomed target, List<DeleteOutcome.Doomed> holders) {
        List<Revoked> revoked = new ArrayList<>();
        for (DeleteOutcome.Doomed holder : holders) {
            for (Direction direction : Direction.values()) {
                List<Rule> rules = holder.revokes().stream().filter(r -> r.direction() == direction
                        && r.peer() instanceof Peer.Group g && g.groupId().equals(target.groupId())).toList();
                if (!rules.isEmpty() && revoke(holder, target, direction, rules)) {
                    revoked.add(new Revoked(holder.groupId(), direction, rules));
                }
            }
        }
        return revoked;
    }

    /**
     * One revoke; whether this run removed the rules. A reference already gone (an interrupted run)
     * answers as unknown; a group already gone (another delete of the stack got there first) fails
     * with {@code InvalidGroup.NotFound}: either is the outcome asked for.
     */
    private boolean revoke(DeleteOutcome.Doomed holder, DeleteOutcome.Doomed target, Direction direction,
                           List<Rule> rules) {
        try {
            return ec2.revoke(holder.groupId(), direction, rules, false) == Ec2Gateway.Write.DONE;
        } catch (Ec2CallException e) {
            Set<String> still = ec2.existingIds(List.of(holder.groupId(), target.groupId()));
            if (still.containsAll(List.of(holder.groupId(), target.groupId()))) {
                throw e;
            }
            log.info("{} or {} is gone already (another delete?): nothing to revoke", holder.groupId(),
                    target.groupId());
            return false;
        }
    }

    /** Puts back what was revoked for the refused group, and says in one line how the groups were left. */
    private DeleteRefusedException refused(DeleteRefusedException e, DeleteOutcome.Doomed target,
                                           List<Revoked> revoked, List<String> deleted, String intact) {
        String restored;
        try {
            for (Revoked r : revoked) {
                ec2.authorize(r.groupId(), r.direction(), r.rules(), false);
            }
            int count = revoked.stream().mapToInt(r -> r.rules().size()).sum();
            restored = count == 0 ? "no reference to it had been revoked"
                    : "the " + (count == 1 ? "reference" : count + " references") + " to it this run revoked " + (count == 1 ? "was" : "were")
                    + " authorized again";
        } catch (RancherSgException failed) {
            restored = "the references to it this run revoked could not all be authorized again ("
                    + failed.getMessage() + "); run stack ensure to restore them";
        }
        String state = deleted.isEmpty() ? intact + ", nothing was deleted"
                : "deleted before it: " + String.join(", ", deleted) + "; the groups left keep their rules";
        return e.reported("EC2 refused to delete security group '" + target.groupName() + "' (" + target.groupId()
                + "): " + e.answer() + "; "
                + restored + "; " + state + ". Run the delete again once nothing uses the group", deleted);
    }

    /** Refuses, before any write, groups that a network interface or a group outside the set uses. */
    private void requireUnused(Set<String> ids) {
        List<String> interfaces = ec2.interfacesUsing(ids);
        if (!interfaces.isEmpty()) {
            throw inUse(interfaces.size() + " network interface" + (interfaces.size() == 1 ? "" : "s")
                    + " still use the groups: " + String.join(", ", interfaces));
        }
        List<String> outside = new ArrayList<>();
        for (ObservedGroup group : ec2.referencing(ids)) {
            if (ids.contains(group.id())) {
                continue;
            }
            for (Rule rule : group.rules()) {
                if (rule.peer() instanceof Peer.Group g && ids.contains(g.groupId())) {
                    outside.add("'" + group.name() + "' (" + group.id() + ") " + rule.key());
                }
            }
        }
        if (!outside.isEmpty()) {
            throw inUse("other groups refer to the groups: " + String.join("; ", outside));
        }
    }

    private static RefusedException inUse(String what) {
        return new RefusedException(Refusal.of(Refusal.Code.GROUP_IN_USE, "", "not deleting: " + what
                + "; nothing was changed"));
    }
}
