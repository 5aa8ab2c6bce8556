package io.ranchersg.aws;

import java.util.Objects;

/**
 * What checking one scanned group gave: its outcome, or why that group alone could not be checked
 * (tags that cannot be read back, a profile whose peers are missing). One such group never hides
 * the others of its region.
 */
public sealed interface GroupCheck {

    /** Who made a scanned group, and so what it is checked against. */
    enum Maker {
        /** Carries rancher-sg's tags: checked against the profile and options they record. */
        RANCHER_SG("rancher-sg"),
        /**
         * Named {@code rancher-nodes} and tagged {@code rancher-nodes} (the driver's version) by
         * Rancher's EC2 node driver: checked against what current drivers open (profile
         * {@code rancher-nodes} with option current).
         */
        RANCHER_NODE_DRIVER("rancher-node-driver"),
        /**
         * A VPC's default group ({@code scan --include-default-groups}): judged only by whether it holds
         * rules (AWS FSBP EC2.2, CIS 5.4), never compared with a profile, never changed.
         */
        VPC_DEFAULT("vpc-default"),
        /**
         * Not rancher-sg's, but named by id or by name and VPC in the file of {@code scan
         * --verify-groups} ({@link GroupToVerify}): verified against the profile the file gives.
         */
        NAMED_IN_FILE("named-in-file");

        private final String label;

        Maker(String label) {
            this.label = label;
        }

        /** {@return as reports name it: {@code rancher-sg}, {@code rancher-node-driver}} */
        public String label() {
            return label;
        }
    }

    /**
     * The group was read and compared with its profile.
     *
     * @param outcome what the check found
     * @param madeBy  who made the group
     * @param stack   the cluster stack the group belongs to, or {@code null}
     */
    record Checked(Outcome outcome, Maker madeBy, StackMember stack) implements GroupCheck {
        /**
         * Checks the components.
         *
         * @param outcome what the check found
         * @param madeBy who made the group
         * @param stack the cluster stack the group belongs to, or {@code null}
         */
        public Checked {
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(madeBy, "madeBy");
        }

        /**
         * A group that belongs to no stack.
         *
         * @param outcome what the check found
         * @param madeBy who made the group
         */
        public Checked(Outcome outcome, Maker madeBy) {
            this(outcome, madeBy, null);
        }

        /**
         * A group of rancher-sg's own that belongs to no stack.
         *
         * @param outcome what the check found
         */
        public Checked(Outcome outcome) {
            this(outcome, Maker.RANCHER_SG, null);
        }
    }

    /**
     * A group's place in a cluster stack, as its tags record it.
     *
     * @param cluster the cluster
     * @param layout  the layout's name
     * @param role    the group's role
     */
    record StackMember(String cluster, String layout, String role) {
        /**
         * Checks the components.
         *
         * @param cluster the cluster
         * @param layout the layout's name
         * @param role the group's role
         */
        public StackMember {
            Objects.requireNonNull(cluster, "cluster");
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
        /**
         * Checks the components.
         *
         * @param groupId the group's id
         * @param groupName the group's name
         * @param vpcId its VPC
         * @param error why; its message names the group and what to fix
         */
        public Unchecked {
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(error, "error");
        }
    }
}
