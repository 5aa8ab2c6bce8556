package io.ranchersg.cli;

import io.ranchersg.aws.StackOutcome;
import io.ranchersg.aws.StackRequest;
import io.ranchersg.core.RuleQuota;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command about a cluster stack in a VPC. */
abstract class StackAwsCommand extends ReconcileCommand<StackRequest, StackOutcome> {

    @Mixin
    StackMixin stack;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The stack's VPC (default: the region's default VPC).")
    String vpcId;

    @Option(names = "--rule-quota", paramLabel = "N", defaultValue = "60",
            description = "Rules per group, direction and address family; EC2's default quota is ${DEFAULT-VALUE}.")
    int ruleQuota = 60;

    StackAwsCommand(CliContext context) {
        super(context);
    }

    @Override
    StackRequest request() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        RuleQuota quota = quota(ruleQuota);
        return StackRequest.of(stack.resolve()).withVpcId(checkedVpc).withQuota(quota);
    }
}
