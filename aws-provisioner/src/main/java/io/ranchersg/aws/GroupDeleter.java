package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Vpc;

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
 */
public final class GroupDeleter {

    private final Ec2Session session;
    private final SecurityGroupApi api;

    public GroupDeleter(Ec2Session session) {
        this.session = Objects.requireNonNull(session, "session");
        this.api = new SecurityGroupApi(session);
    }

    /**
     * Deletes the groups of a cluster stack.
     *
     * @param vpcId     the VPC, or {@code null} for the region's default VPC
     * @param confirmed whether to delete; {@code false} only plans
     * @throws GroupInUseException naming the network interfaces or outside groups that use the groups
     */
    public DeleteOutcome deleteStack(String cluster, String vpcId, boolean confirmed) {
        Objects.requireNonNull(cluster, "cluster");
        GroupRequest.checkVpcId(vpcId);
        try (CallCounter.Tally tally = session.calls().startTally()) {
            String vpc = vpcOrDefault(vpcId);
            return run(api.findStack(cluster, vpc), vpc, confirmed).withCalls(tally.calls());
        }
    }

    /**
     * Deletes one group rancher-sg made.
     *
     * @throws GroupNotManagedException when rancher-sg did not make it
     * @throws GroupInUseException naming the network interfaces or other groups that use it
     */
    public DeleteOutcome deleteGroup(String groupName, String vpcId, boolean confirmed) {
        Objects.requireNonNull(groupName, "groupName");
        GroupRequest.checkVpcId(vpcId);
        try (CallCounter.Tally tally = session.calls().startTally()) {
            String vpc = vpcOrDefault(vpcId);
            List<SecurityGroup> found = api.findByName(groupName, vpc).stream().toList();
            for (SecurityGroup group : found) {
                if (!ManagedTags.isManaged(group.tags())) {
                    throw new GroupNotManagedException("security group '" + groupName + "' (" + group.groupId()
                            + ") in " + vpc + " was not created by rancher-sg: it is not deleted");
                }
            }
            return run(found, vpc, confirmed).withCalls(tally.calls());
        }
    }

    private String vpcOrDefault(String vpcId) {
        if (vpcId != null) {
            return vpcId;
        }
        return api.defaultVpc().map(Vpc::vpcId).orElseThrow(() -> new VpcNotFoundException(
                "the region " + session.region() + " has no default VPC: give the VPC id"));
    }

    private DeleteOutcome run(List<SecurityGroup> groups, String vpcId, boolean confirmed) {
        Set<String> ids = groups.stream().map(SecurityGroup::groupId).collect(Collectors.toCollection(LinkedHashSet::new));
        List<DeleteOutcome.Doomed> doomed = new ArrayList<>();
        for (SecurityGroup group : groups) {
            List<Rule> revokes = Reconciler.rulesOf(group).stream()
                    .filter(r -> r.peer() instanceof Peer.Group g && ids.contains(g.groupId()))
                    .toList();
            doomed.add(new DeleteOutcome.Doomed(group.groupId(), group.groupName(),
                    ManagedTags.asMap(group.tags()).get(GroupTags.ROLE), revokes));
        }
        if (!confirmed || groups.isEmpty()) {
            return new DeleteOutcome(session.region(), vpcId, doomed, false, Map.of());
        }
        requireUnused(ids);
        for (DeleteOutcome.Doomed group : doomed) {
            for (Direction direction : Direction.values()) {
                List<Rule> rules = group.revokes().stream().filter(r -> r.direction() == direction).toList();
                if (!rules.isEmpty()) {
                    // A reference already gone (an interrupted run) answers as unknown; nothing to do then.
                    api.revoke(group.groupId(), direction, Ec2Rules.toEc2(rules, group.groupId()), false);
                }
            }
        }
        for (DeleteOutcome.Doomed group : doomed) {
            api.delete(group.groupId());
        }
        return new DeleteOutcome(session.region(), vpcId, doomed, true, Map.of());
    }

    /** Refuses, before any write, groups that a network interface or a group outside the set uses. */
    private void requireUnused(Set<String> ids) {
        List<NetworkInterface> interfaces = api.interfacesUsing(ids);
        if (!interfaces.isEmpty()) {
            throw new GroupInUseException("not deleting: " + interfaces.size() + " network interface"
                    + (interfaces.size() == 1 ? "" : "s") + " still use the groups: "
                    + interfaces.stream().map(GroupDeleter::describe).collect(Collectors.joining(", "))
                    + "; nothing was changed");
        }
        List<String> outside = new ArrayList<>();
        for (SecurityGroup group : api.referencing(ids)) {
            if (ids.contains(group.groupId())) {
                continue;
            }
            for (Rule rule : Reconciler.rulesOf(group)) {
                if (rule.peer() instanceof Peer.Group g && ids.contains(g.groupId())) {
                    outside.add("'" + group.groupName() + "' (" + group.groupId() + ") " + rule.key());
                }
            }
        }
        if (!outside.isEmpty()) {
            throw new GroupInUseException("not deleting: other groups refer to the groups: "
                    + String.join("; ", outside) + "; nothing was changed");
        }
    }

    private static String describe(NetworkInterface eni) {
        String instance = eni.attachment() == null ? null : eni.attachment().instanceId();
        return eni.networkInterfaceId() + (instance == null ? "" : " (instance " + instance + ")");
    }
}
