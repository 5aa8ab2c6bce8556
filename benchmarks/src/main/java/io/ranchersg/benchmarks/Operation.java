package io.ranchersg.benchmarks;

/**
 * The operations whose EC2 calls are counted, each with the fewest calls it could take. How other
 * tools do the same is described in docs/benchmarks.md, from their source code.
 */
enum Operation {
    CREATE_DEFAULT_VPC("create, default VPC", 3,
            "1 read (does the group exist?), 1 CreateSecurityGroup with its tags inline, 1"
                    + " AuthorizeSecurityGroupIngress with every inbound rule; the profile's outbound rule is the one"
                    + " EC2 gives every new group"),
    CREATE_VPC_ID("create, VPC id given", 3,
            "as above, the read filtered by VPC id"),
    NOOP_DEFAULT_VPC("ensure, nothing to do, default VPC", 1,
            "1 read of the group (`GroupNames` looks in the default VPC)"),
    NOOP_VPC_ID("ensure, nothing to do, VPC id given", 1,
            "1 read of the group"),
    REPAIR_REVOKED("repair: one inbound rule revoked by hand", 2,
            "1 read, 1 AuthorizeSecurityGroupIngress"),
    REPAIR_DESCRIPTION("repair: one rule's description changed by hand", 2,
            "1 read, 1 UpdateSecurityGroupRuleDescriptionsIngress"),
    PRUNE_EXTRA("prune: one extra inbound rule added by hand", 2,
            "1 read, 1 RevokeSecurityGroupIngress"),
    CHECK_DEFAULT_VPC("check, default VPC", 1,
            "1 read of the group (`GroupNames` looks in the default VPC)"),
    CHECK_VPC_ID("check, VPC id given", 1,
            "1 read of the group"),
    SCAN_REGION("scan of one region (every managed group)", 1,
            "1 DescribeSecurityGroups with a tag filter per page of up to 1,000 groups");

    private final String label;
    private final int minimum;
    private final String minimumReason;

    Operation(String label, int minimum, String minimumReason) {
        this.label = label;
        this.minimum = minimum;
        this.minimumReason = minimumReason;
    }

    String label() {
        return label;
    }

    /** The fewest EC2 calls that can do the operation with certainty (reads included). */
    int minimum() {
        return minimum;
    }

    String minimumReason() {
        return minimumReason;
    }
}
