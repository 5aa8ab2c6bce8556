package io.ranchersg.cli;

import io.ranchersg.core.StackSpec;
import io.ranchersg.export.ExportSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rancher-sg stack export}: every group of a cluster stack as Terraform, CloudFormation or an
 * AWS CLI script, the groups referring to each other as resources of the same export. Needs no AWS
 * access.
 */
@Command(name = "export", description = {"Export a cluster stack's groups as infrastructure as code: Terraform,"
        + " CloudFormation or an AWS CLI script.",
        "One group per role of the layout, named <cluster>-<role>, each referring to the others as resources of"
                + " the export; peers from outside the stack become variables (parameters). Needs no AWS access."})
final class StackExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    ExportMixin export;

    @Mixin
    StackMixin stack;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The VPC the export defaults to. Without it the VPC is a required input with no default"
                    + " (Terraform variable, CloudFormation parameter, script variable).")
    String vpcId;

    @Override
    public Integer call() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        export.validate();
        StackSpec resolved = stack.resolve();
        export.write(export.format.exporter().render(export.gated(ExportSet.ofStack(resolved, checkedVpc))),
                spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
