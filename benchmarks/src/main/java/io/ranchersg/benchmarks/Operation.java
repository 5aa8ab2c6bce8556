package io.ranchersg.benchmarks;

/**
 * The operations whose EC2 calls are counted, each with the fewest calls it could take and what the
 * alternatives do for it. The alternatives' figures are counted from their source code, not
 * measured:
 *
 * <ul>
 *   <li>Rancher's node driver: rancher/machine at a9cac87, {@code drivers/amazonec2/amazonec2.go}
 *       ({@code SetConfigFromFlags}, {@code configureSecurityGroups}, {@code ingressPermissions},
 *       {@code egressPermissions}); it configures the group each time it creates a node.</li>
 *   <li>Terraform: hashicorp/terraform-provider-aws at 0160692,
 *       {@code internal/service/ec2/vpc_security_group.go} and its waiter {@code waitSecurityGroupCreated}
 *       ({@code aws_security_group} with inline {@code ingress}/{@code egress} blocks), counted for one
 *       {@code terraform apply}, whose refresh reads every resource once.</li>
 * </ul>
 */
enum Operation {

    CREATE_DEFAULT_VPC("create, default VPC", 3,
            "1 read (does the group exist?), 1 CreateSecurityGroup with its tags inline, 1"
                    + " AuthorizeSecurityGroupIngress with every inbound rule; the profile's outbound rule is the one"
                    + " EC2 gives every new group",
            "≥ 7: DescribeAccountAttributes (default VPC), DescribeSecurityGroups, CreateSecurityGroup, CreateTags"
                    + " (a separate call), DescribeSecurityGroups polled every 3 s until the group is visible (≥ 1),"
                    + " AuthorizeSecurityGroupIngress, AuthorizeSecurityGroupEgress",
            "≥ 10: CreateSecurityGroup (tags inline), DescribeSecurityGroups ≥ 3 (the waiter wants 3 sightings in a"
                    + " row), RevokeSecurityGroupEgress ×2 (the default IPv4 rule, then IPv6), DescribeSecurityGroups,"
                    + " AuthorizeSecurityGroupIngress, AuthorizeSecurityGroupEgress (re-adds the declared allow-all),"
                    + " DescribeSecurityGroups (read back)"),
    CREATE_VPC_ID("create, VPC id given", 3,
            "as above, the read filtered by VPC id",
            "≥ 6: as above without DescribeAccountAttributes",
            "≥ 10: as above"),
    NOOP_DEFAULT_VPC("ensure, nothing to do, default VPC", 1,
            "1 read of the group (`GroupNames` looks in the default VPC)",
            "2 per node created: DescribeAccountAttributes, DescribeSecurityGroups; no writes once every port is"
                    + " present",
            "1 per group: DescribeSecurityGroups (refresh), no writes"),
    NOOP_VPC_ID("ensure, nothing to do, VPC id given", 1,
            "1 read of the group",
            "1 per node created: DescribeSecurityGroups",
            "1 per group: DescribeSecurityGroups (refresh)"),
    REPAIR_REVOKED("repair: one inbound rule revoked by hand", 2,
            "1 read, 1 AuthorizeSecurityGroupIngress",
            "2 (+1 without VPC id): DescribeSecurityGroups, AuthorizeSecurityGroupIngress, but only when the next"
                    + " node is created, and only if no rule with the same from-port and protocol is left for that"
                    + " source kind",
            "4: DescribeSecurityGroups (refresh), DescribeSecurityGroups, AuthorizeSecurityGroupIngress,"
                    + " DescribeSecurityGroups (read back)"),
    REPAIR_DESCRIPTION("repair: one rule's description changed by hand", 2,
            "1 read, 1 UpdateSecurityGroupRuleDescriptionsIngress",
            "1 (+1): the read only; descriptions are not compared, nothing is repaired",
            "5: refresh, DescribeSecurityGroups, RevokeSecurityGroupIngress, AuthorizeSecurityGroupIngress, read back;"
                    + " the rule is revoked before it is re-added, so it is briefly absent"),
    PRUNE_EXTRA("prune: one extra inbound rule added by hand", 2,
            "1 read, 1 RevokeSecurityGroupIngress",
            "1 (+1): the read only; existing groups are only ever added to, the extra rule stays",
            "4: refresh, DescribeSecurityGroups, RevokeSecurityGroupIngress, read back (inline rules are"
                    + " authoritative)"),
    CHECK_DEFAULT_VPC("check, default VPC", 1,
            "1 read of the group (`GroupNames` looks in the default VPC)",
            "no read-only check: the driver touches the group only when it creates a node",
            "1 per group: `terraform plan -detailed-exitcode` refreshes with DescribeSecurityGroups"),
    CHECK_VPC_ID("check, VPC id given", 1,
            "1 read of the group",
            "no read-only check",
            "1 per group (refresh)"),
    SCAN_REGION("scan of one region (every managed group)", 1,
            "1 DescribeSecurityGroups with a tag filter per page of up to 1,000 groups",
            "no fleet view",
            "N for N groups: refresh reads each resource in the state by id, one DescribeSecurityGroups each");

    private final String label;
    private final int minimum;
    private final String minimumReason;
    private final String nodeDriver;
    private final String terraform;

    Operation(String label, int minimum, String minimumReason, String nodeDriver, String terraform) {
        this.label = label;
        this.minimum = minimum;
        this.minimumReason = minimumReason;
        this.nodeDriver = nodeDriver;
        this.terraform = terraform;
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

    /** Rancher's node driver, described from its source, not measured. */
    String nodeDriver() {
        return nodeDriver;
    }

    /** Terraform's {@code aws_security_group}, described from its source, not measured. */
    String terraform() {
        return terraform;
    }
}
