package io.ranchersg.aws;

import java.util.Objects;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The Java entry point: ensure, plan or check a Rancher security group in one call.
 *
 * <pre>{@code
 * Outcome outcome = SecurityGroups.ensureRancherNodes();          // default VPC, standard AWS chain
 * Outcome drift = SecurityGroups.check(GroupRequest.rancherNodes().withVpcId("vpc-0123456789abcdef0"));
 * }</pre>
 *
 * <p>Methods without a client open one from the standard AWS chain (credentials, region, and
 * {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_EC2}), use it for the one run and close it.
 */
public final class SecurityGroups {

    private SecurityGroups() {
    }

    /** Creates or repairs the {@code rancher-nodes} group in the default VPC. */
    public static Outcome ensureRancherNodes() {
        return ensure(GroupRequest.rancherNodes());
    }

    /** How the {@code rancher-nodes} group in the default VPC differs from the page's table. */
    public static Outcome checkRancherNodes() {
        return check(GroupRequest.rancherNodes());
    }

    public static Outcome ensure(GroupRequest request) {
        return ensure(request, ClientSettings.defaults());
    }

    public static Outcome ensure(GroupRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).ensure(request);
        }
    }

    /** Ensures through a client the caller owns (it stays open); call counts are not collected. */
    public static Outcome ensure(GroupRequest request, Ec2Client client) {
        return new Reconciler(own(client)).ensure(request);
    }

    public static Outcome plan(GroupRequest request) {
        return plan(request, ClientSettings.defaults());
    }

    public static Outcome plan(GroupRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).plan(request);
        }
    }

    /** Plans through a client the caller owns (it stays open); call counts are not collected. */
    public static Outcome plan(GroupRequest request, Ec2Client client) {
        return new Reconciler(own(client)).plan(request);
    }

    public static Outcome check(GroupRequest request) {
        return check(request, ClientSettings.defaults());
    }

    public static Outcome check(GroupRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).check(request);
        }
    }

    /** Checks through a client the caller owns (it stays open); call counts are not collected. */
    public static Outcome check(GroupRequest request, Ec2Client client) {
        return new Reconciler(own(client)).check(request);
    }

    /** Creates or repairs every group of a cluster stack, with the standard AWS chain. */
    public static StackOutcome ensureStack(StackRequest request) {
        return ensureStack(request, ClientSettings.defaults());
    }

    public static StackOutcome ensureStack(StackRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).ensureStack(request);
        }
    }

    /** Ensures a stack through a client the caller owns (it stays open); call counts are not collected. */
    public static StackOutcome ensureStack(StackRequest request, Ec2Client client) {
        return new Reconciler(own(client)).ensureStack(request);
    }

    /** What {@link #ensureStack} would do; reads only. */
    public static StackOutcome planStack(StackRequest request) {
        return planStack(request, ClientSettings.defaults());
    }

    public static StackOutcome planStack(StackRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).planStack(request);
        }
    }

    /** Plans a stack through a client the caller owns (it stays open); call counts are not collected. */
    public static StackOutcome planStack(StackRequest request, Ec2Client client) {
        return new Reconciler(own(client)).planStack(request);
    }

    /** How each group of a cluster stack differs from its profile; reads only. */
    public static StackOutcome checkStack(StackRequest request) {
        return checkStack(request, ClientSettings.defaults());
    }

    public static StackOutcome checkStack(StackRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).checkStack(request);
        }
    }

    /** Checks a stack through a client the caller owns (it stays open); call counts are not collected. */
    public static StackOutcome checkStack(StackRequest request, Ec2Client client) {
        return new Reconciler(own(client)).checkStack(request);
    }

    /**
     * Deletes the groups of a cluster stack, or with {@code confirmed} false only says what it would
     * delete; see {@link GroupDeleter}.
     */
    public static DeleteOutcome deleteStack(String cluster, String vpcId, boolean confirmed) {
        try (Ec2Session session = Ec2Session.open(ClientSettings.defaults())) {
            return new GroupDeleter(session).deleteStack(cluster, vpcId, confirmed);
        }
    }

    /** Deletes a stack's groups through a client the caller owns (it stays open). */
    public static DeleteOutcome deleteStack(String cluster, String vpcId, boolean confirmed, Ec2Client client) {
        return new GroupDeleter(own(client)).deleteStack(cluster, vpcId, confirmed);
    }

    private static Ec2Session own(Ec2Client client) {
        return Ec2Session.of(Objects.requireNonNull(client, "client"), new CallCounter());
    }
}
