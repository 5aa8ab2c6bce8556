package io.ranchersg.aws;

import io.ranchersg.core.Peer;
import java.util.Objects;

/**
 * What to verify: a group, by the name and VPC of its requirements or by its id, against a
 * profile's requirements. An immutable value, checked when made.
 *
 * @param requirements the profile with its options; its group name and VPC name the group unless
 *                     {@code groupId} does
 * @param groupId      the group's id, or {@code null} to find it by name
 */
public record VerifyRequest(GroupRequest requirements, String groupId) {

    /**
     * Checks the id's form; a group found by id is in its own VPC, so the requirements may name none.
     *
     * @param requirements the profile with its options, group name and VPC
     * @param groupId the group's id, or {@code null} to find it by name
     * @throws IllegalArgumentException naming the id when it is not {@code sg-} and hex digits, or
     *     when a VPC is named too
     */
    public VerifyRequest {
        Objects.requireNonNull(requirements, "requirements");
        if (groupId != null) {
            Peer.group(groupId);
            if (requirements.vpcId() != null) {
                throw new IllegalArgumentException("group " + groupId + " is found by its id, in its own VPC: name no"
                        + " VPC (" + requirements.vpcId() + ") with it");
            }
        }
    }

    /**
     * A verification of the group of the requirements' name, in their VPC (the default VPC when none).
     *
     * @param requirements the profile with its options, group name and VPC
     * @return the request
     */
    public static VerifyRequest of(GroupRequest requirements) {
        return new VerifyRequest(requirements, null);
    }

    /**
     * This request for the group of that id, wherever its name.
     *
     * @param newGroupId the group's id
     * @return the request for that group
     */
    public VerifyRequest withGroupId(String newGroupId) {
        return new VerifyRequest(requirements, newGroupId);
    }
}
