package io.ranchersg.cli;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
import io.ranchersg.core.QuotaViolation;
import io.ranchersg.core.RuleQuota;
import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command about one group: a profile with its options, a group name and a VPC. */
abstract class GroupCommand extends ReconcileCommand<GroupRequest, Outcome> {

    @Mixin
    ProfileMixin profile;

    @Mixin
    GroupMixin group;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The group's VPC (default: the region's default VPC).")
    String vpcId;

    @Option(names = "--rule-quota", paramLabel = "N", defaultValue = "60",
            description = "Rules per direction and address family the group may hold; EC2's default quota is"
                    + " ${DEFAULT-VALUE}, raise it here if AWS raised yours.")
    int ruleQuota = 60;

    GroupCommand(CliContext context) {
        super(context);
    }

    @Override
    GroupRequest request() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        ProfileMixin.Resolved resolved = profile.resolve(group.groupName);
        RuleQuota quota = quota(ruleQuota);
        List<QuotaViolation> violations = quota.check(resolved.spec().rules());
        if (!violations.isEmpty()) {
            throw new UsageException("profile " + resolved.profile().name() + " with these options needs more rules"
                    + " than the quota of " + ruleQuota + " allows: "
                    + violations.stream().map(QuotaViolation::message).collect(Collectors.joining("; ")));
        }
        try {
            return GroupRequest.forProfile(resolved.profile().name(), resolved.options())
                    .withVpcId(checkedVpc)
                    .withQuota(quota);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--profile " + resolved.profile().name(), e);
        }
    }
}
