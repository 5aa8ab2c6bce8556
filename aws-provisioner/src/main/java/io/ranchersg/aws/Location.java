package io.ranchersg.aws;

import java.util.Objects;

/**
 * Where a group is: account, region, VPC, and its id and name.
 *
 * @param account   the AWS account id, or {@code null} where the run did not need to know it
 * @param region    the region
 * @param vpcId     the VPC
 * @param groupId   the group's id, or {@code null} when it does not exist (plan and check)
 * @param groupName the group's name
 */
public record Location(String account, String region, String vpcId, String groupId, String groupName) {

    /**
     * Checks the components.
     *
     * @param account the AWS account id, or {@code null} where the run did not need to know it
     * @param region the region
     * @param vpcId the VPC
     * @param groupId the group's id, or {@code null} when it does not exist (plan and check)
     * @param groupName the group's name
     */
    public Location {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(vpcId, "vpcId");
        Objects.requireNonNull(groupName, "groupName");
    }

    /**
     * The same place, for the group of this id (once it exists).
     *
     * @param newGroupId the group's id
     * @return the new location; this one is unchanged
     */
    public Location withGroupId(String newGroupId) {
        return new Location(account, region, vpcId, newGroupId, groupName);
    }

    /**
     * {@return {@code 'rancher-nodes' (sg-0abc) in vpc-0123 (us-east-1)}; no id when the group does
     * not exist}
     */
    @Override
    public String toString() {
        return "'" + groupName + "'" + (groupId == null ? "" : " (" + groupId + ")") + " in " + vpcId + " ("
                + (account == null ? "" : account + ", ") + region + ")";
    }
}
