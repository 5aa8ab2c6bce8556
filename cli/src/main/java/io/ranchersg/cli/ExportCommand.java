package io.ranchersg.cli;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.LiveGroup;
import io.ranchersg.aws.LiveGroups;
import io.ranchersg.export.ExportFormat;
import io.ranchersg.export.ExportSet;
import io.ranchersg.export.ImportedGroup;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rancher-sg export}: a profile's group as Terraform, CloudFormation or an AWS CLI script,
 * the same group {@code ensure} makes. Nothing is sent to AWS, unless {@code --import} reads the
 * live group for Terraform to adopt.
 */
@Command(name = "export", description = {"Export a profile's group as infrastructure as code: Terraform,"
        + " CloudFormation or an AWS CLI script.",
        "The group is the one ensure makes, tags included, so that check and scan know the applied group as"
                + " rancher-sg's. Peers become variables (parameters) defaulting to the values given. Nothing is"
                + " sent to AWS, unless --import reads the live group."})
final class ExportCommand implements Callable<Integer> {

    private final CliContext context;

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    ExportMixin export;

    @Mixin
    ProfileMixin profile;

    @Mixin
    GroupMixin group;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The VPC the export defaults to (default: none, the export asks for it; with --import the"
                    + " region's default VPC).")
    String vpcId;

    @Option(names = "--import",
            description = "Terraform only: read the live group and its rules' ids from EC2 and add import blocks,"
                    + " so that Terraform adopts the group rancher-sg made instead of creating another.")
    boolean adopt;

    @Mixin
    AwsMixin aws;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        export.validate();
        if (adopt && export.format != ExportFormat.TERRAFORM) {
            throw new UsageException("--import: only the terraform format adopts live groups (import blocks), not "
                    + export.format.jsonName());
        }
        ClientSettings settings = adopt ? aws.settings(context.env()) : null;
        ProfileMixin.Resolved resolved = profile.resolve(group.groupName);
        ExportSet set;
        try {
            set = ExportSet.ofProfile(resolved.profile().name(), resolved.options(), checkedVpc);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--profile " + resolved.profile().name(), e);
        }
        set = export.gated(set);
        if (adopt) {
            try (Ec2Session session = Ec2Session.open(settings)) {
                LiveGroup live = new LiveGroups(session).read(set.groups().get(0), checkedVpc);
                set = set.withVpcId(live.vpcId()).withImports(Map.of(set.groups().get(0).name(),
                        new ImportedGroup(live.groupId(), live.ruleIds())));
            }
        }
        export.write(export.format.exporter().render(set), spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
