package io.ranchersg.core.reconcile;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.RuleQuota;
import java.util.Objects;

/**
 * What one run allows, for every group of it alike. The defaults are the safe ones: nothing
 * pruned, adopted or reconfigured, no risk accepted, EC2's default quota, no preflight.
 *
 * @param repair        whether the run makes groups match (plan, ensure); {@code false} only reports
 *                      how they differ (check): a missing group is then {@link GroupDecision.Absent},
 *                      and nothing is refused that only a write would do
 * @param prune         whether rules the spec does not list are revoked
 * @param adopt         whether a group of the same name that rancher-sg did not make may be taken over
 * @param reconfigure   whether a group made with another profile or options may be changed
 * @param acceptedRisks critical findings the user accepts on the rules asked for
 * @param quota         the rule quota every group must fit, at the peak of its changes too
 * @param preflight     whether every write is first sent as a DryRun
 */
public record RunOptions(boolean repair, boolean prune, boolean adopt, boolean reconfigure,
                         AcceptedRisks acceptedRisks, RuleQuota quota, boolean preflight) {

    /** Safe defaults for a run that repairs. */
    public static final RunOptions DEFAULTS = new RunOptions(true, false, false, false, AcceptedRisks.NONE,
            RuleQuota.DEFAULT, false);

    /**
     * Checks the components.
     *
     * @param repair whether the run makes groups match (plan, ensure); {@code false} only reports how
     *     they differ (check): a missing group is then {@link GroupDecision.Absent}, and nothing is
     *     refused that only a write would do
     * @param prune whether rules the spec does not list are revoked
     * @param adopt whether a group of the same name that rancher-sg did not make may be taken over
     * @param reconfigure whether a group made with another profile or options may be changed
     * @param acceptedRisks critical findings the user accepts on the rules asked for
     * @param quota the rule quota every group must fit, at the peak of its changes too
     * @param preflight whether every write is first sent as a DryRun
     */
    public RunOptions {
        Objects.requireNonNull(acceptedRisks, "acceptedRisks");
        Objects.requireNonNull(quota, "quota");
        if (!repair && (prune || preflight)) {
            throw new IllegalArgumentException("a run that only reports neither prunes nor preflights");
        }
    }

    /** {@return these options for a run that only reports (check): no prune, no preflight} */
    public RunOptions reportOnly() {
        return new RunOptions(false, false, adopt, reconfigure, acceptedRisks, quota, false);
    }

    public RunOptions withPrune(boolean newPrune) {
        return new RunOptions(repair, newPrune, adopt, reconfigure, acceptedRisks, quota, preflight);
    }

    public RunOptions withAdopt(boolean newAdopt) {
        return new RunOptions(repair, prune, newAdopt, reconfigure, acceptedRisks, quota, preflight);
    }

    public RunOptions withReconfigure(boolean newReconfigure) {
        return new RunOptions(repair, prune, adopt, newReconfigure, acceptedRisks, quota, preflight);
    }

    public RunOptions withAcceptedRisks(AcceptedRisks newAcceptedRisks) {
        return new RunOptions(repair, prune, adopt, reconfigure, newAcceptedRisks, quota, preflight);
    }

    public RunOptions withQuota(RuleQuota newQuota) {
        return new RunOptions(repair, prune, adopt, reconfigure, acceptedRisks, newQuota, preflight);
    }

    public RunOptions withPreflight(boolean newPreflight) {
        return new RunOptions(repair, prune, adopt, reconfigure, acceptedRisks, quota, newPreflight);
    }
}
