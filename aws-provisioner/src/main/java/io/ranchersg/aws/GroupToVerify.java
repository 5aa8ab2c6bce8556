package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.reconcile.ObservedGroup;
import java.util.Objects;

/**
 * A group rancher-sg does not manage that a scan verifies ({@link Scanner#withGroupsToVerify}):
 * named by its id, or by its name in a VPC, with the requirements to verify it against. Found in
 * the scan's one read of each region, so naming groups costs no read of its own.
 *
 * @param groupId  the group's id, or {@code null} when named by name and VPC
 * @param name     the group's name, or {@code null} when named by id
 * @param vpcId    the group's VPC when named by name, else {@code null}
 * @param profile  the profile the requirements come from, for reports
 * @param required the profile's requirements with their options and peers; a reference to the
 *                 spec's own name is the group itself
 */
public record GroupToVerify(String groupId, String name, String vpcId, String profile, GroupSpec required) {

    /**
     * Checks that the group is named one way: by id, or by name and VPC.
     *
     * @param groupId  the group's id, or {@code null} when named by name and VPC
     * @param name     the group's name, or {@code null} when named by id
     * @param vpcId    the group's VPC when named by name, else {@code null}
     * @param profile  the profile the requirements come from, for reports
     * @param required the profile's requirements with their options and peers
     * @throws IllegalArgumentException naming the value that is not an id, or when both or neither
     *     ways are given
     */
    public GroupToVerify {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(required, "required");
        if (groupId != null) {
            Peer.group(groupId);
            if (name != null || vpcId != null) {
                throw new IllegalArgumentException("group " + groupId + " is named by its id: give no name or VPC"
                        + " with it");
            }
        } else if (name == null || vpcId == null) {
            throw new IllegalArgumentException("a group is named by its id, or by its name and VPC together");
        }
    }

    /**
     * Whether this names that group.
     *
     * @param group a group of the scan's read
     * @return whether this names it, by id or by name and VPC
     */
    public boolean names(ObservedGroup group) {
        return groupId != null ? groupId.equals(group.id()) : name.equals(group.name()) && vpcId.equals(group.vpcId());
    }

    /** {@return the group as people name it: its id, or its name in its VPC} */
    public String label() {
        return groupId != null ? groupId : name + " in " + vpcId;
    }
}
