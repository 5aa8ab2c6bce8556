package io.ranchersg.cli;

import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.Reconciler;
import io.ranchersg.aws.StackOutcome;
import io.ranchersg.aws.StackRequest;
import io.ranchersg.core.RuleQuota;
import java.util.function.BiFunction;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command about a cluster stack in a VPC. */
abstract class StackAwsCommand extends AwsCommand {

    @Mixin
    StackMixin stack;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The stack's VPC (default: the region's default VPC).")
    String vpcId;

    @Option(names = "--rule-quota", paramLabel = "N", defaultValue = "60",
            description = "Rules per group, direction and address family; EC2's default quota is ${DEFAULT-VALUE}.")
    int ruleQuota = 60;

    /** The request, built and checked by {@link #validate()}. */
    StackRequest request;

    StackAwsCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        RuleQuota quota;
        try {
            quota = new RuleQuota(ruleQuota, ruleQuota);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--rule-quota", e);
        }
        request = StackRequest.of(stack.resolve()).withVpcId(checkedVpc).withQuota(quota);
        validateMore();
    }

    /** Further checks of a subclass's own options; never calls AWS. */
    void validateMore() {
    }

    /** Opens a session and runs one reconciler call; the outcome counts the run's calls. */
    StackOutcome reconcile(BiFunction<Reconciler, StackRequest, StackOutcome> call, StackRequest stackRequest) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return call.apply(new Reconciler(session), stackRequest);
        }
    }
}
