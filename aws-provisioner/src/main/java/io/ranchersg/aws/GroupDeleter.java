package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Deletes what rancher-sg made, safely: only groups carrying its tags (for a stack, this cluster's),
 * and only when nothing outside them still uses them.
 *
 * <p>Without confirmation a delete only plans: the references between the groups it would revoke,
 * then the groups it would delete. Confirmed, it first checks, before any write, that no network
 * interface uses any of the groups and that no other group refers to them (EC2 would refuse with
 * {@code DependencyViolation}, but only after earlier groups were already gone; emulators do not
 * refuse at all). Then it revokes the references, then deletes the groups. An interrupted delete is
 * finished by the next: it finds what is left by the same tags.
 *
 * <p>A deleter keeps nothing between runs and may be shared between threads; the session it works
 * through stays its creator's to close.
 */
public final class GroupDeleter {

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
     * Deletes the groups of a cluster stack.
     *
     * @param cluster the cluster name the groups are tagged with
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @param confirmed whether to delete; {@code false} only plans
     * @return the groups deleted, or with {@code confirmed} false those that would be
     * @throws RefusedException ({@code group-in-use}) naming the network interfaces or outside groups
     *     that use the groups
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
            return run(ec2.stackGroups(cluster, vpc), vpc, confirmed).withCalls(tally.calls());
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
            return run(found, vpc, confirmed).withCalls(tally.calls());
        }
    }

    private DeleteOutcome run(List<ObservedGroup> groups, String vpcId, boolean confirmed) {
        Set<String> ids = groups.stream().map(ObservedGroup::id).collect(Collectors.toCollection(LinkedHashSet::new));
        List<DeleteOutcome.Doomed> doomed = new ArrayList<>();
        for (ObservedGroup group : groups) {
            List<Rule> revokes = group.rules().stream()
                    .filter(r -> r.peer() instanceof Peer.Group g && ids.contains(g.groupId()))
                    .toList();
            doomed.add(new DeleteOutcome.Doomed(group.id(), group.name(), group.tags().get(GroupTags.ROLE), revokes));
        }
        if (!confirmed || groups.isEmpty()) {
            return new DeleteOutcome(ec2.region(), vpcId, doomed, false, Map.of());
        }
        requireUnused(ids);
        for (DeleteOutcome.Doomed group : doomed) {
            for (Direction direction : Direction.values()) {
                List<Rule> rules = group.revokes().stream().filter(r -> r.direction() == direction).toList();
                if (!rules.isEmpty()) {
                    // A reference already gone (an interrupted run) answers as unknown; nothing to do then.
                    ec2.revoke(group.groupId(), direction, rules, false);
                }
            }
        }
        for (DeleteOutcome.Doomed group : doomed) {
            ec2.delete(group.groupId());
        }
        return new DeleteOutcome(ec2.region(), vpcId, doomed, true, Map.of());
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
