package io.ranchersg.cli;

import io.ranchersg.aws.StackRequest;
import io.ranchersg.aws.StackVerification;
import io.ranchersg.aws.StackVerifyRequest;
import io.ranchersg.aws.Verifier;
import io.ranchersg.cli.view.VerifyView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rancher-sg stack verify}: does each group of a cluster, whoever made it, let its role work? Reads only. */
@Command(name = "verify", description = {"Verify that every group of the stack, whoever made it, lets its role work.",
            "Each role's group is NAME-<role> in the VPC, or the group --group maps the role to. Per group: every"
                + " requirement covered, partly or not, and the rules that allow more. Reads only. Exit 0 every"
                + " requirement covered, 2 something not covered (or a group missing), 1 error, 64 bad usage."})
final class StackVerifyCommand extends AwsCommand {

    @Mixin
    StackMixin stack;

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The stack's VPC (default: the VPC of a --group, else the region's default VPC).")
    String vpcId;

    // A list, not a map: a map would let a repeated role replace the earlier one without a word.
    @Option(names = "--group", paramLabel = "ROLE=SG",
            description = "The group of a role made under another name (repeatable, once per role), such as"
                    + " worker=sg-0123abcd.")
    List<String> groups = new ArrayList<>();

    @Mixin
    ReportFilesMixin files;

    private StackVerifyRequest request;

    StackVerifyCommand(CliContext context) {
        super(context);
    }

    @Override
    void validate() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        StackRequest stackRequest = StackRequest.of(stack.resolve()).withVpcId(checkedVpc);
        Map<String, String> ids = new LinkedHashMap<>();
        for (String argument : groups) {
            int eq = argument.indexOf('=');
            if (eq <= 0 || eq == argument.length() - 1) {
                throw new UsageException("--group: expected ROLE=SG (such as worker=sg-0123abcd), got '" + argument
                        + "'");
            }
            String role = argument.substring(0, eq);
            String earlier = ids.putIfAbsent(role, argument.substring(eq + 1));
            if (earlier != null) {
                throw new UsageException("--group " + role + ": role '" + role + "' is given twice, as '" + earlier
                        + "' and as '" + argument.substring(eq + 1) + "'");
            }
        }
        try {
            request = new StackVerifyRequest(stackRequest, ids);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--group", e);
        }
        files.check();
    }

    @Override
    int execute() {
        Instant at = context.clock().instant();
        StackVerification verification = files.recording(at,
                () -> inSession(s -> new Verifier(s).verifyStack(request)));
        return report(files, VerifyView.stack(verification), at);
    }
}
