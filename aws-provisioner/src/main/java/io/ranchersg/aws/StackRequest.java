package io.ranchersg.aws;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.StackSpec;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.Objects;

/**
 * What to provision for a cluster stack: its groups, where, and how carefully. The choices apply
 * to every group of the stack alike; defaults are the safe ones, as for a {@link GroupRequest}.
 *
 * <p>An immutable value: each {@code with…} method returns a new request and leaves this one as it
 * was, so a request may be shared between threads and reused.
 */
public final class StackRequest {

    private final StackSpec stack;
    private final String vpcId;
    private final RunOptions run;

    private StackRequest(StackSpec stack, String vpcId, RunOptions run) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.vpcId = GroupRequest.checkVpcId(vpcId);
        this.run = Objects.requireNonNull(run, "run");
    }

    /**
     * The stack in the region's default VPC, with the safe defaults.
     *
     * @param stack the stack's groups, from {@code StackSpec.of} with a cluster name, layout and options
     * @return the request
     */
    public static StackRequest of(StackSpec stack) {
        return new StackRequest(stack, null, RunOptions.DEFAULTS);
    }

    /** {@return the stack: its cluster name, layout and groups} */
    public StackSpec stack() {
        return stack;
    }

    /** {@return what this request allows its run, for every group of the stack alike} */
    RunOptions runOptions() {
        return run;
    }

    /** {@return the VPC, or {@code null} for the region's default VPC} */
    public String vpcId() {
        return vpcId;
    }

    /** {@return whether to revoke the rules each profile does not list (after adding the missing)} */
    public boolean prune() {
        return run.prune();
    }

    /** {@return whether to send every write with {@code DryRun} first, proving permissions} */
    public boolean preflight() {
        return run.preflight();
    }

    /** {@return whether to take over groups of the stack's names that rancher-sg did not create} */
    public boolean adopt() {
        return run.adopt();
    }

    /** {@return whether groups rancher-sg made with other profiles or options may be changed to these} */
    public boolean reconfigure() {
        return run.reconfigure();
    }

    /** {@return the critical findings the user accepts on the stack's rules} */
    public AcceptedRisks acceptedRisks() {
        return run.acceptedRisks();
    }

    /** {@return the rule quota each group must stay within} */
    public RuleQuota quota() {
        return run.quota();
    }

    /**
     * The stack in that VPC.
     *
     * @param newVpcId the VPC's id, or {@code null} for the region's default VPC
     * @return a new request; this one is unchanged
     * @throws IllegalArgumentException naming the id if it is not a VPC id
     */
    public StackRequest withVpcId(String newVpcId) {
        return new StackRequest(stack, newVpcId, run);
    }

    /**
     * This request with prune on or off.
     *
     * @param prune whether to revoke the rules each profile does not list
     * @return a new request; this one is unchanged
     */
    public StackRequest withPrune(boolean prune) {
        return with(run.withPrune(prune));
    }

    /**
     * This request with preflight on or off.
     *
     * @param preflight whether to send every write as a DryRun first
     * @return a new request; this one is unchanged
     */
    public StackRequest withPreflight(boolean preflight) {
        return with(run.withPreflight(preflight));
    }

    /**
     * This request with adopting on or off.
     *
     * @param adopt whether to take over groups rancher-sg did not create
     * @return a new request; this one is unchanged
     */
    public StackRequest withAdopt(boolean adopt) {
        return with(run.withAdopt(adopt));
    }

    /**
     * This request with reconfiguring on or off.
     *
     * @param reconfigure whether groups made with other profiles or options may be changed
     * @return a new request; this one is unchanged
     */
    public StackRequest withReconfigure(boolean reconfigure) {
        return with(run.withReconfigure(reconfigure));
    }

    /**
     * This request accepting these risks.
     *
     * @param accepted the critical findings to accept
     * @return a new request; this one is unchanged
     */
    public StackRequest withAcceptedRisks(AcceptedRisks accepted) {
        return with(run.withAcceptedRisks(Objects.requireNonNull(accepted, "accepted")));
    }

    /**
     * This request with another rule quota.
     *
     * @param quota the rule quota each group must stay within
     * @return a new request; this one is unchanged
     */
    public StackRequest withQuota(RuleQuota quota) {
        return with(run.withQuota(Objects.requireNonNull(quota, "quota")));
    }

    private StackRequest with(RunOptions newRun) {
        return new StackRequest(stack, vpcId, newRun);
    }

    @Override
    public String toString() {
        return "StackRequest[" + stack.cluster() + " " + stack.layout().jsonName() + ", vpcId=" + vpcId + ", " + run
                + "]";
    }
}
