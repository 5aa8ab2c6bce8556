package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.reconcile.Decision;
import io.ranchersg.core.reconcile.Observation;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Reconcile;
import io.ranchersg.core.reconcile.Refusal;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Reads what a group holds, as EC2 identifies it (the group's id and its rules' {@code sgr-} ids),
 * for an export that adopts the group instead of creating it. Reads only: two or three
 * {@code Describe} calls, never a write.
 *
 * <p>Adopting a group into Terraform hands it over as surely as ensure would change it, so the read
 * is held to ensure's decision on who made the group: one rancher-sg did not make is refused unless
 * adopted, one made with another profile or options unless reconfigured, in ensure's words.
 */
public final class LiveGroups {

    /** The refusals of who made a group, which {@code --adopt} and {@code --reconfigure} accept. */
    private static final Set<Refusal.Code> MAKING = Set.of(Refusal.Code.NOT_MANAGED, Refusal.Code.RECONFIGURE);

    private final Ec2Gateway ec2;

    /**
     * Reads through a session's EC2 client.
     *
     * @param session the session; the caller keeps it and closes it
     */
    public LiveGroups(Ec2Session session) {
        this(new SecurityGroupApi(Objects.requireNonNull(session, "session")));
    }

    LiveGroups(Ec2Gateway ec2) {
        this.ec2 = ec2;
    }

    /**
     * The group of the spec's name in the VPC, with the rule id of each rule of the spec it holds
     * and the rules it holds beyond the spec.
     *
     * @param spec    the group as exported, with the tags ensure writes; groups it names as peers
     *                must exist in the VPC
     * @param vpcId   the VPC, or {@code null} for the region's default VPC
     * @param options what the adoption accepts: {@link RunOptions#adopt()} and
     *                {@link RunOptions#reconfigure()}, as for ensure
     * @throws RefusedException when the group ({@code group-not-found}), a group the spec names
     *     ({@code peer-not-found}) or the default VPC ({@code vpc-not-found}) does not exist, or
     *     when ensure would refuse to take the group over ({@code not-managed}, {@code reconfigure})
     * @return the group's id, the ids of its rules, and the rules it holds beyond the spec
     */
    public LiveGroup read(GroupSpec spec, String vpcId, RunOptions options) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(options, "options");
        Observer observer = new Observer(ec2);
        String vpc = observer.vpcId(vpcId == null ? null : GroupRequest.checkVpcId(vpcId));
        Observation observed = observer.observe(List.of(spec), vpc);
        ObservedGroup group = observed.group(spec.name());
        if (group == null) {
            throw new RefusedException(Refusal.of(Refusal.Code.GROUP_NOT_FOUND, spec.name(), "security group '"
                    + spec.name() + "' does not exist in " + vpc + ": there is nothing to adopt"));
        }
        Map<RuleKey, String> byLiveKey = ec2.ruleIds(group.id());
        Map<RuleKey, String> ruleIds = new LinkedHashMap<>();
        for (Rule rule : spec.rules()) {
            String id = byLiveKey.get(live(spec, rule, group.id(), observed));
            if (id != null) {
                ruleIds.put(rule.key(), id);
            }
        }
        Decision decision = Reconcile.decide(List.of(spec), options.withPrune(false), observed);
        // Only who made the group is judged here: the export checks its own rules' findings, and
        // Terraform, not rancher-sg, writes them.
        RefusedException.throwIfAny(decision.refusals().stream().filter(r -> MAKING.contains(r.code())).toList());
        return new LiveGroup(group.id(), vpc, ruleIds, decision.groups().get(0).plan().extra());
    }

    /** The rule's key as EC2 names its peer: other groups by id, the group's own id as self. */
    private static RuleKey live(GroupSpec spec, Rule rule, String groupId, Observation observed) {
        try {
            return spec.withRules(rule).resolvePeers(groupId, observed::idOf).rules().get(0).key();
        } catch (IllegalArgumentException e) {
            throw new RefusedException(Refusal.of(Refusal.Code.PEER_NOT_FOUND, spec.name(), e.getMessage()
                    + " in " + observed.vpc().id()), e);
        }
    }
}
