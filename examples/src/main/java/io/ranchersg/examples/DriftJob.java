package io.ranchersg.examples;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.Reconciler;
import io.ranchersg.aws.SecurityGroups;
import io.ranchersg.core.DescriptionChange;
import io.ranchersg.core.Drift;
import io.ranchersg.core.Rule;
import java.io.PrintStream;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;

/**
 * A scheduled drift check of the {@code rancher-nodes} security group: lists missing, extra and
 * changed rules. Reads only.
 *
 * <pre>
 * java -cp ... io.ranchersg.examples.DriftJob                         # the region's default VPC
 * java -cp ... io.ranchersg.examples.DriftJob vpc-0123456789abcdef0   # a VPC of your choice
 * </pre>
 *
 * <p>Exit codes, as {@code rancher-sg check} and {@code terraform plan -detailed-exitcode}: 0 in
 * sync, 2 drift (or no such group), 1 error. The error is one line on stderr, without a stack trace.
 */
public final class DriftJob {

    static final int IN_SYNC = 0;
    static final int ERROR = 1;
    static final int DRIFT = 2;

    private DriftJob() {
    }

    public static void main(String[] args) {
        if (args.length > 1) {
            System.err.println("usage: DriftJob [vpc-id]");
            System.exit(ERROR);
        }
        // The one-call facade: it opens a client from the standard AWS chain, uses it and closes it.
        int exit = report(System.out, System.err, () -> args.length == 0
                ? SecurityGroups.checkRancherNodes()
                : SecurityGroups.check(GroupRequest.rancherNodes().withVpcId(args[0])));
        System.exit(exit);
    }

    /**
     * The same check with an explicit endpoint and credentials (a test's emulator, an assumed role);
     * returns the exit code instead of exiting.
     */
    static int run(PrintStream out, PrintStream err, GroupRequest request, ClientSettings settings,
                   AwsCredentialsProvider credentials) {
        return report(out, err, () -> {
            try (Ec2Session session = Ec2Session.open(settings, credentials)) {
                return new Reconciler(session).check(request);
            }
        });
    }

    private static int report(PrintStream out, PrintStream err, Supplier<Outcome> check) {
        Outcome outcome;
        try {
            outcome = check.get();
        } catch (RancherSgException | IllegalArgumentException e) {
            // Both carry a one-line message meant for people (a bad VPC id is an IllegalArgumentException).
            err.println("error: " + e.getMessage());
            return ERROR;
        }
        Drift drift = outcome.drift();
        if (!outcome.exists()) {
            out.printf("security group %s does not exist in %s, %s%n", outcome.groupName(), outcome.vpcId(),
                    outcome.region());
        } else {
            out.printf("security group %s (%s) in %s, %s: %s%n", outcome.groupId(), outcome.groupName(),
                    outcome.vpcId(), outcome.region(), outcome.inSync() ? "in sync" : "drift");
        }
        for (Rule rule : drift.missing()) {
            out.println("missing  " + rule);
        }
        for (Rule rule : drift.extra()) {
            out.println("extra    " + rule);
        }
        for (DescriptionChange change : drift.changed()) {
            out.println("changed  " + change.key() + ": description \"" + change.before().description()
                    + "\", expected \"" + change.after().description() + "\"");
        }
        out.printf("EC2 calls: %d %s%n", outcome.totalCalls(), outcome.apiCalls());
        return outcome.inSync() ? IN_SYNC : DRIFT;
    }
}
