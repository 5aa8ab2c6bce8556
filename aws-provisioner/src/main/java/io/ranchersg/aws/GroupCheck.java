package io.ranchersg.aws;

import java.util.Objects;

/**
 * What checking one managed group gave: its outcome, or why that group alone could not be checked
 * (tags that cannot be read back, a profile whose peers are missing). One such group never hides
 * the others of its region.
 */
public sealed interface GroupCheck {

    /** The group was read and compared with the profile its tags record. */
    record Checked(Outcome outcome) implements GroupCheck {
        public Checked {
            Objects.requireNonNull(outcome, "outcome");
        }
    }

    /**
     * The group exists and carries rancher-sg's tags, but could not be compared with a profile.
     *
     * @param groupId   the group's id
     * @param groupName the group's name
     * @param vpcId     its VPC
     * @param error     why; its message names the group and what to fix
     */
    record Unchecked(String groupId, String groupName, String vpcId, RancherSgException error) implements GroupCheck {
        public Unchecked {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(error, "error");
        }
    }
}
