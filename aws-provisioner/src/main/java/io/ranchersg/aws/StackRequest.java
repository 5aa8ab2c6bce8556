package io.ranchersg.aws;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.StackSpec;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.Objects;

/**
 * What to provision for a cluster stack: its groups, where, and how carefully. The choices apply
 * to every group of the stack alike; defaults are the safe ones, as for a {@link GroupRequest}.
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

    /** The stack in the region's default VPC, with the safe defaults. */
    public static StackRequest of(StackSpec stack) {
        return new StackRequest(stack, null, RunOptions.DEFAULTS);
    }

    public StackSpec stack() {
        return stack;
    }

    /** What this request allows its run, for every group of the stack alike. */
    RunOptions runOptions() {
        return run;
    }

    /** The VPC, or {@code null} for the region's default VPC. */
    public String vpcId() {
        return vpcId;
    }

    public boolean prune() {
        return run.prune();
    }

    public boolean preflight() {
        return run.preflight();
    }

    public boolean adopt() {
        return run.adopt();
    }

    public boolean reconfigure() {
        return run.reconfigure();
    }

    public AcceptedRisks acceptedRisks() {
        return run.acceptedRisks();
    }

    public RuleQuota quota() {
        return run.quota();
    }

    /**
     * The stack in that VPC.
     *
     * @throws IllegalArgumentException naming the id if it is not a VPC id
     */
    public StackRequest withVpcId(String newVpcId) {
        return new StackRequest(stack, newVpcId, run);
    }

    public StackRequest withPrune(boolean prune) {
        return with(run.withPrune(prune));
    }

    public StackRequest withPreflight(boolean preflight) {
        return with(run.withPreflight(preflight));
    }

    public StackRequest withAdopt(boolean adopt) {
        return with(run.withAdopt(adopt));
    }

    public StackRequest withReconfigure(boolean reconfigure) {
        return with(run.withReconfigure(reconfigure));
    }

    public StackRequest withAcceptedRisks(AcceptedRisks accepted) {
        return with(run.withAcceptedRisks(Objects.requireNonNull(accepted, "accepted")));
    }

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
