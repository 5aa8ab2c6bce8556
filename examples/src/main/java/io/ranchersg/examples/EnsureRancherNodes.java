package io.ranchersg.examples;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.Reconciler;
import io.ranchersg.aws.SecurityGroups;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Rule;
import java.io.PrintStream;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * Creates or repairs the {@code rancher-nodes} security group, then says what it did.
 *
 * <pre>
 * java -cp ... io.ranchersg.examples.EnsureRancherNodes                         # the region's default VPC
 * java -cp ... io.ranchersg.examples.EnsureRancherNodes vpc-0123456789abcdef0   # a VPC of your choice
 * </pre>
 *
 * <p>Region and credentials come from the standard AWS chain ({@code AWS_REGION}, {@code AWS_PROFILE},
 * ...). Running it again changes nothing: it only adds what is missing. Exit 0 done, 1 error.
 */
public final class EnsureRancherNodes {

    static final int OK = 0;
    static final int ERROR = 1;

    private EnsureRancherNodes() {
    }

    public static void main(String[] args) {
        if (args.length > 1) {
            System.err.println("usage: EnsureRancherNodes [vpc-id]");
            System.exit(ERROR);
        }
        // The one-call facade: it opens a client from the standard AWS chain, uses it and closes it.
        int exit = report(System.out, System.err, () -> args.length == 0
                ? SecurityGroups.ensureRancherNodes()
                : SecurityGroups.ensure(GroupRequest.rancherNodes().withVpcId(args[0])));
        System.exit(exit);
    }

    /**
     * The same run with an explicit endpoint and credentials (a test's emulator, an assumed role);
     * returns the exit code instead of exiting.
     */
    static int run(PrintStream out, PrintStream err, GroupRequest request, ClientSettings settings,
                   AwsCredentialsProvider credentials) {
        return report(out, err, () -> {
            try (Ec2Session session = Ec2Session.open(settings, credentials)) {
                return new Reconciler(session).ensure(request);
            }
        });
    }

    private static int report(PrintStream out, PrintStream err, Supplier<Outcome> ensure) {
        Outcome outcome;
        try {
            outcome = ensure.get();
        } catch (RancherSgException | IllegalArgumentException e) {
            // Both carry a one-line message meant for people (a bad VPC id is an IllegalArgumentException).
            err.println("error: " + e.getMessage());
            return ERROR;
        }
        out.printf("security group %s (%s) in %s, %s: %s%n", outcome.groupId(), outcome.groupName(),
                outcome.vpcId(), outcome.region(), outcome.created() ? "created" : "already there");
        out.printf("rules authorized: %d%n", outcome.authorized().size());
        for (Rule rule : outcome.authorized()) {
            out.println("  + " + rule);
        }
        for (DescriptionChange change : outcome.updated()) {
            out.println("  ~ " + change.after() + " (description was \"" + change.before().description() + "\")");
        }
        if (!outcome.drift().extra().isEmpty()) {
            // Without prune, ensure never revokes: rules someone added by hand stay, and are only reported.
            out.printf("rules not in the profile, left in place: %d%n", outcome.drift().extra().size());
            for (Rule rule : outcome.drift().extra()) {
                out.println("  ? " + rule);
            }
        }
        out.printf("EC2 calls: %d (%d writes) %s%n", outcome.totalCalls(), outcome.writeCalls(), outcome.apiCalls());
        return OK;
    }
}
