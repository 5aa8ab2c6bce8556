package io.ranchersg.aws;

import java.util.Objects;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The Java entry point: ensure, plan or check a Rancher security group, or a cluster stack of them,
 * in one call; or verify that a group made elsewhere lets Rancher work.
 *
 * <pre>{@code
 * Outcome outcome = SecurityGroups.ensureRancherNodes();          // default VPC, standard AWS chain
 * Outcome drift = SecurityGroups.check(GroupRequest.rancherNodes().withVpcId("vpc-0123456789abcdef0"));
 * }</pre>
 *
 * <p><b>Clients.</b> Each operation comes in three forms:
 * <ul>
 *   <li>with no client: opens an EC2 client from the standard AWS chain (credentials, region, and
 *       {@code AWS_ENDPOINT_URL} / {@code AWS_ENDPOINT_URL_EC2}), uses it for this one call and
 *       closes it;</li>
 *   <li>with {@link ClientSettings}: the same, with the region, profile, endpoint, retries and roles
 *       the settings name;</li>
 *   <li>with an {@link Ec2Client}: uses the caller's client and never closes it; the caller owns it,
 *       its configuration and its lifetime. Call counts are not collected then
 *       ({@link Outcome#apiCalls()} is empty).</li>
 * </ul>
 *
 * <p><b>Threads.</b> The class holds no state: any number of threads may call it at once. Calls that
 * share one caller's client are safe too (the SDK's clients are thread-safe). Two runs that write the
 * same group at the same moment both finish correctly: the later finds the earlier's rules in place.
 * Every result is immutable.
 *
 * <p><b>Failures.</b> Every failure is an unchecked {@link RancherSgException} of one of the kinds the
 * {@code @throws} clauses name. A refusal ({@link RefusedException}) is thrown before anything is
 * written; after any other failure, a re-run finishes what the failed run started.
 */
public final class SecurityGroups {

    private SecurityGroups() {
    }

    /**
     * Creates or repairs the {@code rancher-nodes} group in the default VPC, as Rancher's port
     * requirements list it for the nodes Rancher's EC2 node driver creates, with the standard AWS chain.
     *
     * @return what was done to the group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome ensureRancherNodes() {
        return ensure(GroupRequest.rancherNodes());
    }

    /**
     * How the {@code rancher-nodes} group in the default VPC differs from Rancher's port requirements,
     * with the standard AWS chain; reads only.
     *
     * @return the drift and the findings; {@link Outcome#inSync()} says whether there is any drift
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome checkRancherNodes() {
        return check(GroupRequest.rancherNodes());
    }

    /**
     * Creates the group when it is absent and adds what its profile lacks; with prune, also
     * revokes the rules the profile does not hold, after adding the missing ones.
     * With the standard AWS chain.
     *
     * @param request the group: its profile, options, VPC and run options
     * @return what was done to the group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome ensure(GroupRequest request) {
        return ensure(request, ClientSettings.defaults());
    }

    /**
     * Creates the group when it is absent and adds what its profile lacks; with prune, also
     * revokes the rules the profile does not hold, after adding the missing ones.
     * With a client made from the settings, closed before this returns.
     *
     * @param request the group: its profile, options, VPC and run options
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return what was done to the group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome ensure(GroupRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).ensure(request);
        }
    }

    /**
     * Creates the group when it is absent and adds what its profile lacks; with prune, also
     * revokes the rules the profile does not hold, after adding the missing ones.
     * Through a client the caller owns: it stays open, and call counts are not collected.
     *
     * @param request the group: its profile, options, VPC and run options
     * @param client the caller's EC2 client, left open
     * @return what was done to the group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome ensure(GroupRequest request, Ec2Client client) {
        return new Reconciler(own(client)).ensure(request);
    }

    /**
     * What {@link #ensure(GroupRequest)} would do; reads only (with preflight, the writes are
     * sent as DryRun). Refusals that a run option accepts are warnings of the outcome.
     * With the standard AWS chain.
     *
     * @param request the group: its profile, options, VPC and run options
     * @return the changes ensure would make, with the findings and warnings
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome plan(GroupRequest request) {
        return plan(request, ClientSettings.defaults());
    }

    /**
     * What {@link #ensure(GroupRequest)} would do; reads only (with preflight, the writes are
     * sent as DryRun). Refusals that a run option accepts are warnings of the outcome.
     * With a client made from the settings, closed before this returns.
     *
     * @param request the group: its profile, options, VPC and run options
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return the changes ensure would make, with the findings and warnings
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome plan(GroupRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).plan(request);
        }
    }

    /**
     * What {@link #ensure(GroupRequest)} would do; reads only (with preflight, the writes are
     * sent as DryRun). Refusals that a run option accepts are warnings of the outcome.
     * Through a client the caller owns: it stays open, and call counts are not collected.
     *
     * @param request the group: its profile, options, VPC and run options
     * @param client the caller's EC2 client, left open
     * @return the changes ensure would make, with the findings and warnings
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome plan(GroupRequest request, Ec2Client client) {
        return new Reconciler(own(client)).plan(request);
    }

    /**
     * How the group differs from its profile; reads only.
     * With the standard AWS chain.
     *
     * @param request the group: its profile, options, VPC and run options
     * @return the drift and the findings; {@link Outcome#inSync()} says whether there is any drift
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome check(GroupRequest request) {
        return check(request, ClientSettings.defaults());
    }

    /**
     * How the group differs from its profile; reads only.
     * With a client made from the settings, closed before this returns.
     *
     * @param request the group: its profile, options, VPC and run options
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return the drift and the findings; {@link Outcome#inSync()} says whether there is any drift
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome check(GroupRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).check(request);
        }
    }

    /**
     * How the group differs from its profile; reads only.
     * Through a client the caller owns: it stays open, and call counts are not collected.
     *
     * @param request the group: its profile, options, VPC and run options
     * @param client the caller's EC2 client, left open
     * @return the drift and the findings; {@link Outcome#inSync()} says whether there is any drift
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Outcome check(GroupRequest request, Ec2Client client) {
        return new Reconciler(own(client)).check(request);
    }

    /**
     * Whether a group, perhaps made by another tool, lets Rancher work, and what it allows beyond
     * that: a verdict per requirement of the profile (covered, partly, not covered), the rules that
     * allow more than needed, with their findings. Reads only: one DescribeSecurityGroups, plus
     * DescribeVpcs when {@code self} must be judged by the VPC's blocks. With the standard AWS chain.
     *
     * @param request the group, by name or id, and the profile's requirements
     * @return the coverage; {@link Verification#covered()} says whether every requirement is met
     * @throws RefusedException when the VPC, or the group of the id, does not exist
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Verification verify(VerifyRequest request) {
        return verify(request, ClientSettings.defaults());
    }

    /**
     * Whether a group lets Rancher work, as {@link #verify(VerifyRequest)} says, with a client made
     * from the settings, closed before this returns.
     *
     * @param request the group, by name or id, and the profile's requirements
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return the coverage; {@link Verification#covered()} says whether every requirement is met
     * @throws RefusedException when the VPC, or the group of the id, does not exist
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Verification verify(VerifyRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Verifier(session).verify(request);
        }
    }

    /**
     * Whether a group lets Rancher work, as {@link #verify(VerifyRequest)} says, through a client the
     * caller owns: it stays open, and call counts are not collected.
     *
     * @param request the group, by name or id, and the profile's requirements
     * @param client the caller's EC2 client, left open
     * @return the coverage; {@link Verification#covered()} says whether every requirement is met
     * @throws RefusedException when the VPC, or the group of the id, does not exist
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static Verification verify(VerifyRequest request, Ec2Client client) {
        return new Verifier(own(client)).verify(request);
    }

    /**
     * Whether each group of a cluster stack lets its role work, as {@link #verify(VerifyRequest)}
     * says of one group, with a client made from the settings, closed before this returns.
     *
     * @param request the stack, and the ids of the roles' groups made under other names
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return the coverage of each role's group
     * @throws RefusedException when the VPC, or a mapped group, does not exist
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackVerification verifyStack(StackVerifyRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Verifier(session).verifyStack(request);
        }
    }

    /**
     * Creates every missing group of a cluster stack, then makes each hold its profile: every
     * group exists before any rule refers to it, so references between them may form cycles.
     * With the standard AWS chain.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @return what was done to each group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome ensureStack(StackRequest request) {
        return ensureStack(request, ClientSettings.defaults());
    }

    /**
     * Creates every missing group of a cluster stack, then makes each hold its profile: every
     * group exists before any rule refers to it, so references between them may form cycles.
     * With a client made from the settings, closed before this returns.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return what was done to each group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome ensureStack(StackRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).ensureStack(request);
        }
    }

    /**
     * Creates every missing group of a cluster stack, then makes each hold its profile: every
     * group exists before any rule refers to it, so references between them may form cycles.
     * Through a client the caller owns: it stays open, and call counts are not collected.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @param client the caller's EC2 client, left open
     * @return what was done to each group and how it stands now
     * @throws RefusedException when the run may not go on (an unknown VPC or peer, a group rancher-sg
     *     did not make, another profile, an unaccepted critical finding, the rule quota); thrown
     *     before the first write
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome ensureStack(StackRequest request, Ec2Client client) {
        return new Reconciler(own(client)).ensureStack(request);
    }

    /**
     * What {@link #ensureStack(StackRequest)} would do; reads only (with preflight, the writes
     * are sent as DryRun).
     * With the standard AWS chain.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @return the changes ensure would make to each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome planStack(StackRequest request) {
        return planStack(request, ClientSettings.defaults());
    }

    /**
     * What {@link #ensureStack(StackRequest)} would do; reads only (with preflight, the writes
     * are sent as DryRun).
     * With a client made from the settings, closed before this returns.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return the changes ensure would make to each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome planStack(StackRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).planStack(request);
        }
    }

    /**
     * What {@link #ensureStack(StackRequest)} would do; reads only (with preflight, the writes
     * are sent as DryRun).
     * Through a client the caller owns: it stays open, and call counts are not collected.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @param client the caller's EC2 client, left open
     * @return the changes ensure would make to each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome planStack(StackRequest request, Ec2Client client) {
        return new Reconciler(own(client)).planStack(request);
    }

    /**
     * How each group of a cluster stack differs from its profile; reads only.
     * With the standard AWS chain.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @return the drift and the findings of each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome checkStack(StackRequest request) {
        return checkStack(request, ClientSettings.defaults());
    }

    /**
     * How each group of a cluster stack differs from its profile; reads only.
     * With a client made from the settings, closed before this returns.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @param settings the region, credentials, endpoint, retries and roles to use
     * @return the drift and the findings of each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome checkStack(StackRequest request, ClientSettings settings) {
        try (Ec2Session session = Ec2Session.open(settings)) {
            return new Reconciler(session).checkStack(request);
        }
    }

    /**
     * How each group of a cluster stack differs from its profile; reads only.
     * Through a client the caller owns: it stays open, and call counts are not collected.
     *
     * @param request the stack: its cluster, layout, options, VPC and run options
     * @param client the caller's EC2 client, left open
     * @return the drift and the findings of each group
     * @throws RefusedException when the request cannot be answered as asked (an unknown VPC or peer,
     *     say)
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static StackOutcome checkStack(StackRequest request, Ec2Client client) {
        return new Reconciler(own(client)).checkStack(request);
    }

    /**
     * Deletes the groups of a cluster stack, or with {@code confirmed} false only says what it would
     * delete; see {@link GroupDeleter}. Only groups rancher-sg made for this cluster are deleted. With
     * the standard AWS chain.
     *
     * @param cluster the cluster name the stack's groups are tagged with
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @param confirmed whether to delete; false only says what would be deleted
     * @return the groups deleted, or those that would be
     * @throws RefusedException ({@code group-in-use}) when a network interface or a group outside the
     *     stack uses a group of the stack; nothing is deleted then
     * @throws AwsSetupException when no region or no credentials can be found, or AWS refuses the
     *     credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static DeleteOutcome deleteStack(String cluster, String vpcId, boolean confirmed) {
        try (Ec2Session session = Ec2Session.open(ClientSettings.defaults())) {
            return new GroupDeleter(session).deleteStack(cluster, vpcId, confirmed);
        }
    }

    /**
     * Deletes the groups of a cluster stack, as {@link #deleteStack(String, String, boolean)} does,
     * through a client the caller owns: it stays open.
     *
     * @param cluster the cluster name the stack's groups are tagged with
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @param confirmed whether to delete; false only says what would be deleted
     * @param client the caller's EC2 client, left open
     * @return the groups deleted, or those that would be
     * @throws RefusedException ({@code group-in-use}) when a network interface or a group outside the
     *     stack uses a group of the stack; nothing is deleted then
     * @throws AwsSetupException when AWS refuses the client's credentials
     * @throws AccessDeniedException when the credentials lack a permission; the message names the IAM
     *     actions needed
     * @throws EndpointUnreachableException when the EC2 endpoint does not answer
     * @throws Ec2CallException when EC2 answers with any other error
     */
    public static DeleteOutcome deleteStack(String cluster, String vpcId, boolean confirmed, Ec2Client client) {
        return new GroupDeleter(own(client)).deleteStack(cluster, vpcId, confirmed);
    }

    private static Ec2Session own(Ec2Client client) {
        return Ec2Session.of(Objects.requireNonNull(client, "client"), new CallCounter());
    }
}
