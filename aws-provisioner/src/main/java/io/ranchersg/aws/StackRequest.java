package io.ranchersg.aws;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.StackSpec;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * What to provision for a cluster stack: its groups, where, and how carefully. The choices apply
 * to every group of the stack alike; defaults are the safe ones, as for a {@link GroupRequest}.
 */
public final class StackRequest {

    private final StackSpec stack;
    private final List<GroupRequest> groups;

    private StackRequest(StackSpec stack, List<GroupRequest> groups) {
        this.stack = Objects.requireNonNull(stack, "stack");
        this.groups = List.copyOf(groups);
    }

    /** The stack in the region's default VPC, with the safe defaults. */
    public static StackRequest of(StackSpec stack) {
        return new StackRequest(stack, stack.groups().stream().map(GroupRequest::forStackGroup).toList());
    }

    public StackSpec stack() {
        return stack;
    }

    /** One request per group, in the layout's order. */
    List<GroupRequest> groups() {
        return groups;
    }

    /** The VPC, or {@code null} for the region's default VPC. */
    public String vpcId() {
        return groups.get(0).vpcId();
    }

    public boolean prune() {
        return groups.get(0).prune();
    }

    public boolean preflight() {
        return groups.get(0).preflight();
    }

    public boolean adopt() {
        return groups.get(0).adopt();
    }

    public boolean reconfigure() {
        return groups.get(0).reconfigure();
    }

    public AcceptedRisks acceptedRisks() {
        return groups.get(0).acceptedRisks();
    }

    public RuleQuota quota() {
        return groups.get(0).quota();
    }

    /**
     * The stack in that VPC.
     *
     * @throws IllegalArgumentException naming the id if it is not a VPC id
     */
    public StackRequest withVpcId(String vpcId) {
        return with(g -> g.withVpcId(vpcId));
    }

    public StackRequest withPrune(boolean prune) {
        return with(g -> g.withPrune(prune));
    }

    public StackRequest withPreflight(boolean preflight) {
        return with(g -> g.withPreflight(preflight));
    }

    public StackRequest withAdopt(boolean adopt) {
        return with(g -> g.withAdopt(adopt));
    }

    public StackRequest withReconfigure(boolean reconfigure) {
        return with(g -> g.withReconfigure(reconfigure));
    }

    public StackRequest withAcceptedRisks(AcceptedRisks accepted) {
        return with(g -> g.withAcceptedRisks(accepted));
    }

    public StackRequest withQuota(RuleQuota quota) {
        return with(g -> g.withQuota(quota));
    }

    private StackRequest with(UnaryOperator<GroupRequest> change) {
        return new StackRequest(stack, groups.stream().map(change).toList());
    }

    @Override
    public String toString() {
        return "StackRequest[" + stack.cluster() + " " + stack.layout().jsonName() + ", " + groups.get(0) + "]";
    }
}
