package io.ranchersg.cli;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Verification;
import io.ranchersg.aws.Verifier;
import io.ranchersg.aws.VerifyRequest;
import io.ranchersg.cli.view.VerifyView;
import java.time.Instant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rancher-sg verify}: does a group someone else manages let Rancher work, and nothing more? Reads only. */
@Command(name = "verify", description = {"Verify that a security group, whoever made it, lets Rancher work.",
            "For every requirement of the profile: covered (by which rules), partly covered (which ports are"
                + " missing) or not covered; broad rules, split ranges and CIDR blocks holding the VPC count."
                + " Then every rule that allows more than the profile needs, with its findings. Reads only."
                + " Exit 0 every requirement covered, 2 something not covered (or no such group), 1 error,"
                + " 64 bad usage."})
final class VerifyCommand extends AwsCommand {

    @Mixin
    ProfileMixin profile;

    @Mixin
    GroupMixin group;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The group's VPC (default: the region's default VPC).")
    String vpcId;

    @Option(names = "--group-id", paramLabel = "SG",
            description = "Verify the group of this id (sg-...) instead of finding it by --group-name; its VPC is"
                    + " its own, so --vpc-id does not go with it.")
    String groupId;

    @Mixin
    ReportFilesMixin files;

    private VerifyRequest request;

    VerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        if (groupId != null && checkedVpc != null) {
            throw new UsageException("--group-id " + groupId + ": the group is found by its id, in its own VPC;"
                    + " leave out --vpc-id " + checkedVpc);
        }
        ProfileMixin.Resolved resolved = profile.resolve(group.groupName);
        GroupRequest requirements;
        try {
            requirements = GroupRequest.forProfile(resolved.profile().name(), resolved.options()).withVpcId(checkedVpc);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--profile " + resolved.profile().name(), e);
        }
        try {
            request = groupId == null ? VerifyRequest.of(requirements) : VerifyRequest.of(requirements)
                    .withGroupId(groupId);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--group-id", e);
        }
        files.check();
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        Verification verification = files.recording(at, () -> inSession(s -> new Verifier(s).verify(request)));
        return report(files, VerifyView.group(verification), at);
    }
}
