package io.ranchersg.cli;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.LiveGroup;
import io.ranchersg.aws.LiveGroups;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.reconcile.RunOptions;
import io.ranchersg.export.ExportFormat;
import io.ranchersg.export.ExportSet;
import io.ranchersg.export.ImportedGroup;
import java.io.PrintWriter;
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
            description = "The VPC the export defaults to. Without it the VPC is a required input with no default"
                    + " (Terraform variable, CloudFormation parameter, script variable); with --import it defaults to"
                    + " the live group's VPC, which is the region's default VPC unless given.")
    String vpcId;

    @Option(names = "--import",
            description = "Terraform only: read the live group and its rules' ids from EC2 and add import blocks,"
                    + " so that Terraform adopts the group rancher-sg made instead of creating another. Refused, as"
                    + " ensure refuses it, for a group rancher-sg did not make (--adopt) or made with another"
                    + " profile or options (--reconfigure); rules the group holds beyond the profile are named.")
    boolean importLive;

    @Option(names = "--adopt",
            description = "With --import: adopt a group of this name that rancher-sg did not create (Terraform"
                    + " then writes rancher-sg's tags).")
    boolean adopt;

    @Option(names = "--reconfigure",
            description = "With --import: adopt a group rancher-sg made with another profile or other options"
                    + " (Terraform then changes it to these).")
    boolean reconfigure;

    @Mixin
    AwsMixin aws;

    ExportCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        export.validate();
        if (importLive && export.format != ExportFormat.TERRAFORM) {
            throw new UsageException("--import: only the terraform format adopts live groups (import blocks), not "
                    + export.format.jsonName());
        }
        if (!importLive && (adopt || reconfigure)) {
            throw new UsageException((adopt ? "--adopt" : "--reconfigure") + ": only with --import, which reads"
                    + " the live group");
        }
        ClientSettings settings = importLive ? aws.settings(context.env()) : null;
        ProfileMixin.Resolved resolved = profile.resolve(group.groupName);
        ExportSet set;
        try {
            set = ExportSet.ofProfile(resolved.profile().name(), resolved.options(), checkedVpc);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--profile " + resolved.profile().name(), e);
        }
        set = export.gated(set);
        if (importLive) {
            set = adopting(set, settings, checkedVpc);
        }
        export.write(export.format.exporter().render(set), spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    /**
     * The export adopting the live group, whose VPC becomes its default: the import blocks name a
     * group of that VPC. Rules the group holds beyond the profile are named on stderr, as the export
     * names them in a comment.
     */
    private ExportSet adopting(ExportSet set, ClientSettings settings, String vpc) {
        GroupSpec exported = set.groups().get(0);
        LiveGroup live;
        try (Ec2Session session = Ec2Session.open(settings)) {
            live = new LiveGroups(session).read(exported, vpc, RunOptions.DEFAULTS.withAdopt(adopt)
                    .withReconfigure(reconfigure));
        }
        PrintWriter err = spec.commandLine().getErr();
        live.leftOut().forEach(rule -> err.println(ErrorFunnel.PREFIX + "security group '" + exported.name() + "' ("
                + live.groupId() + ") holds a rule the export leaves out: " + rule));
        err.flush();
        return set.withVpcId(live.vpcId()).withImports(Map.of(exported.name(),
                new ImportedGroup(live.groupId(), live.ruleIds(), live.leftOut())));
    }
}
