package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.reconcile.Observation;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.Refusal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads what a group holds, as EC2 identifies it (the group's id and its rules' {@code sgr-} ids),
 * for an export that adopts the group instead of creating it. Reads only: two or three
 * {@code Describe} calls, never a write.
 */
public final class LiveGroups {

    private final Ec2Gateway ec2;

    /**
     * Reads through a session's EC2 client.
     *
     * @param session the session; the caller keeps it and closes it
     */
    public LiveGroups(Ec2Session session) {
        this.ec2 = new SecurityGroupApi(Objects.requireNonNull(session, "session"));
    }

    /**
     * The group of the spec's name in the VPC, with the rule id of each rule of the spec it holds.
     *
     * @param spec  the group as exported; groups it names as peers must exist in the VPC
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @throws RefusedException when the group ({@code group-not-found}), a group the spec names
     *     ({@code peer-not-found}) or the default VPC ({@code vpc-not-found}) does not exist
     * @return the group's id and the ids of its rules
     */
    public LiveGroup read(GroupSpec spec, String vpcId) {
        Objects.requireNonNull(spec, "spec");
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
        return new LiveGroup(group.id(), vpc, ruleIds);
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
