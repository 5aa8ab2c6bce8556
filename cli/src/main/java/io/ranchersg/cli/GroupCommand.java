package io.ranchersg.cli;

import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Reconciler;
import io.ranchersg.core.QuotaViolation;
import io.ranchersg.core.RuleQuota;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command about one group: a profile with its options, a group name and a VPC. */
abstract class GroupCommand extends AwsCommand {

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

    /** The request, built and checked by {@link #validate()}. */
    GroupRequest request;

    GroupCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        ProfileMixin.Resolved resolved = profile.resolve(group.groupName);
        RuleQuota quota;
        try {
            quota = new RuleQuota(ruleQuota, ruleQuota);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--rule-quota", e);
        }
        List<QuotaViolation> violations = quota.check(resolved.spec().rules());
        if (!violations.isEmpty()) {
            throw new UsageException("profile " + resolved.profile().name() + " with these options needs more rules"
                    + " than the quota of " + ruleQuota + " allows: "
                    + violations.stream().map(QuotaViolation::message).collect(Collectors.joining("; ")));
        }
        try {
            request = GroupRequest.forProfile(resolved.profile().name(), resolved.options())
                    .withVpcId(checkedVpc)
                    .withQuota(quota);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--profile " + resolved.profile().name(), e);
        }
        validateMore();
    }

    /** Further checks of a subclass's own options; never calls AWS. */
    void validateMore() {
    }

    /** Opens a session and runs one reconciler call; the outcome counts the run's calls. */
    Outcome reconcile(BiFunction<Reconciler, GroupRequest, Outcome> call, GroupRequest groupRequest) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return call.apply(new Reconciler(session), groupRequest);
        }
    }
}
