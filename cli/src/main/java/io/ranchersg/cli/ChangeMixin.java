package io.ranchersg.cli;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.StackRequest;
import io.ranchersg.core.AcceptedRisks;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** What plan and ensure may change beyond adding what is missing; the safe answer is always the default. */
final class ChangeMixin {

    @Option(names = "--prune", description = "Also revoke rules the profile does not list (after adding the missing ones).")
    boolean prune;

    @Option(names = "--reconfigure",
            description = "Let a group rancher-sg made with another profile or other options be changed to these"
                    + " (refused by default, so that a forgotten option cannot reopen a locked-down group).")
    boolean reconfigure;

    @Option(names = "--accept-risk", paramLabel = "CODE|SEVERITY", split = ",",
            description = "Write rules with these critical findings all the same: a finding code such as"
                    + " world-open-etcd, or a severity such as critical (refused by default).")
    List<String> acceptedRisks = new ArrayList<>();

    /**
     * The request with these choices.
     *
     * @throws UsageException naming an unknown risk
     */
    GroupRequest applyTo(GroupRequest request) {
        return request.withPrune(prune).withReconfigure(reconfigure).withAcceptedRisks(accepted());
    }

    /** The stack request with these choices, for every group alike. */
    StackRequest applyTo(StackRequest request) {
        return request.withPrune(prune).withReconfigure(reconfigure).withAcceptedRisks(accepted());
    }

    private AcceptedRisks accepted() {
        return accepted(acceptedRisks);
    }

    /**
     * The risks {@code --accept-risk} names.
     *
     * @throws UsageException naming an unknown risk
     */
    static AcceptedRisks accepted(List<String> values) {
        try {
            return AcceptedRisks.of(values);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--accept-risk", e);
        }
    }
}
