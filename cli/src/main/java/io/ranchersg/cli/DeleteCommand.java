package io.ranchersg.cli;

import io.ranchersg.aws.DeleteOutcome;
import io.ranchersg.aws.GroupDeleter;
import io.ranchersg.cli.view.DeleteView;
import io.ranchersg.core.ProfileOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rancher-sg delete}: deletes one group rancher-sg made, safely. */
@Command(name = "delete", description = {"Delete one security group that rancher-sg made.",
            "Without --yes prints what it would do and changes nothing. With --yes it first checks that no"
                + " network interface and no other group uses the group (exit 1 naming them, nothing changed)."
                + " A group rancher-sg did not make is never deleted."})
final class DeleteCommand extends AwsCommand {

    @Mixin
    GroupMixin group;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The group's VPC (default: the region's default VPC).")
    String vpcId;

    @Option(names = "--yes", description = "Delete; without it, only print what would be deleted.")
    boolean yes;

    DeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        AwsMixin.checkVpcId(vpcId);
        try {
            ProfileOptions.defaults().withGroupName(group.groupName);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--group-name", e);
        }
    }

    @Override
    int execute() {
        DeleteOutcome outcome = inSession(session -> new GroupDeleter(session).deleteGroup(group.groupName, vpcId, yes));
        print(DeleteView.group(outcome));
        return ExitCodes.OK;
    }
}
