package io.ranchersg.benchmarks;

import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Reconciler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;

/**
 * Counts the EC2 calls of each {@link Operation} through the Java API ({@link Outcome#apiCalls()}),
 * on fresh groups, so that a re-run against the same emulator measures the same thing.
 */
final class CallsPerOperation {

    /**
     * One operation's calls.
     *
     * @param operation what was done
     * @param calls     EC2 calls by action, in the order rancher-sg makes them
     * @param inSync    whether the group matched its profile afterwards (or, for check and scan, already)
     */
    record Counted(Operation operation, Map<String, Integer> calls, boolean inSync) {

        int total() {
            return calls.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /** The rule the repairs work on: the profile's SSH rule. */
    private static final IpPermission SSH = IpPermission.builder().ipProtocol("tcp").fromPort(22).toPort(22)
            .ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").build()).build();

    private CallsPerOperation() {
    }

    /**
     * Runs every operation in {@code region} on groups named after {@code runId}.
     *
     * @throws IllegalStateException when an operation does not leave its group in sync
     */
    static List<Counted> measure(Sessions sessions, String region, String runId) {
        List<Counted> counted = new ArrayList<>();
        GroupRequest a = GroupRequest.rancherNodes().withGroupName("calls-" + runId + "-a");
        try (Ec2Session session = sessions.open(region)) {
            Reconciler reconciler = new Reconciler(session);

            Outcome created = reconciler.ensure(a);
            counted.add(counted(Operation.CREATE_DEFAULT_VPC, created));
            GroupRequest b = GroupRequest.rancherNodes().withGroupName("calls-" + runId + "-b")
                    .withVpcId(created.vpcId());
            counted.add(counted(Operation.CREATE_VPC_ID, reconciler.ensure(b)));
            counted.add(counted(Operation.NOOP_DEFAULT_VPC, reconciler.ensure(a)));
            counted.add(counted(Operation.NOOP_VPC_ID, reconciler.ensure(b)));

            String groupId = created.groupId();
            session.client().revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(SSH));
            counted.add(counted(Operation.REPAIR_REVOKED, reconciler.ensure(a)));

            session.client().updateSecurityGroupRuleDescriptionsIngress(r -> r.groupId(groupId).ipPermissions(
                    SSH.toBuilder().ipRanges(IpRange.builder().cidrIp("0.0.0.0/0").description("changed by hand")
                            .build()).build()));
            counted.add(counted(Operation.REPAIR_DESCRIPTION, reconciler.ensure(a)));

            session.client().authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(
                    IpPermission.builder().ipProtocol("tcp").fromPort(12345).toPort(12345)
                            .ipRanges(IpRange.builder().cidrIp("10.0.0.0/8").description("added by hand").build())
                            .build()));
            counted.add(counted(Operation.PRUNE_EXTRA, reconciler.ensure(a.withPrune(true))));

            counted.add(counted(Operation.CHECK_DEFAULT_VPC, reconciler.check(a)));
            counted.add(counted(Operation.CHECK_VPC_ID, reconciler.check(b)));

            // A scan's outcomes are per group; the session's count is the scan's, as the CLI reports it.
            Map<String, Integer> before = session.calls().calls();
            List<GroupCheck> scanned = reconciler.checkManaged();
            Map<String, Integer> scanCalls = Sessions.delta(before, session.calls().calls());
            counted.add(new Counted(Operation.SCAN_REGION, scanCalls, scanned.stream()
                    .allMatch(c -> c instanceof GroupCheck.Checked checked && checked.outcome().inSync())));
        }
        return counted;
    }

    private static Counted counted(Operation operation, Outcome outcome) {
        if (!outcome.inSync()) {
            throw new IllegalStateException(operation.label() + " left " + outcome.groupName() + " out of sync: "
                    + outcome.drift());
        }
        return new Counted(operation, inCallOrder(outcome.apiCalls()), true);
    }

    /** Reads first, then writes in the order the reconciler makes them. */
    private static Map<String, Integer> inCallOrder(Map<String, Integer> calls) {
        List<String> order = List.of("DescribeVpcs", "DescribeSecurityGroups", "CreateSecurityGroup", "CreateTags",
                "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
                "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress");
        Map<String, Integer> ordered = new LinkedHashMap<>();
        order.stream().filter(calls::containsKey).forEach(action -> ordered.put(action, calls.get(action)));
        calls.forEach(ordered::putIfAbsent);
        return ordered;
    }
}
