package io.ranchersg.cli;

import io.ranchersg.aws.DeleteOutcome;
import io.ranchersg.aws.GroupDeleter;
import io.ranchersg.cli.view.DeleteView;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code rancher-sg stack delete}: deletes a stack's groups, safely. */
@Command(name = "delete", description = {"Delete the groups of a cluster stack.",
            "Without --yes prints what it would do and changes nothing. With --yes it first checks that no"
                + " network interface and no group outside the stack uses the groups (exit 1 naming them, nothing"
                + " changed), then deletes them one by one, each after revoking the references the others hold to"
                + " it.",
            "Only members are deleted: groups rancher-sg made, named NAME-<role> for a role of the recorded"
                + " layout, carrying the cluster, layout and role tags (one of these three may be missing: the name"
                + " and the other two still prove it). Any other group tagged with the cluster is listed as"
                + " \"not deleted: not a member\" and left alone.",
            "If EC2 refuses a delete (DependencyViolation: something no read shows uses the group), the"
                + " references revoked for it are authorized again and one line says what EC2 refused and whether"
                + " the stack is intact (exit 1). A group or reference another delete removed first counts as"
                + " done; an interrupted delete is finished by the next."})
final class StackDeleteCommand extends AwsCommand {

    @Option(names = "--cluster", paramLabel = "NAME", required = true, description = "The cluster whose groups to delete.")
    String cluster;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The stack's VPC (default: the region's default VPC).")
    String vpcId;

    @Option(names = "--yes", description = "Delete; without it, only print what would be deleted.")
    boolean yes;

    StackDeleteCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        AwsMixin.checkVpcId(vpcId);
        if (cluster.isBlank()) {
            throw new UsageException("--cluster: the cluster name must not be empty");
        }
    }

    @Override
    int execute() {
        DeleteOutcome outcome = inSession(session -> new GroupDeleter(session).deleteStack(cluster, vpcId, yes));
        print(DeleteView.stack(outcome));
        return ExitCodes.OK;
    }
}
