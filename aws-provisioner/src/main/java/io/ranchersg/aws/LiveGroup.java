package io.ranchersg.aws;

import io.ranchersg.core.RuleKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A group as EC2 holds it, for adopting it into infrastructure as code: its id, its VPC, and the
 * ids EC2 gave those of its rules that a spec asks for.
 *
 * @param groupId the group's id
 * @param vpcId   its VPC
 * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group
 *                holds, keyed by the spec's own rule keys (peers as the spec names them:
 *                {@code self}, other groups by name); rules the group lacks are absent
 */
public record LiveGroup(String groupId, String vpcId, Map<RuleKey, String> ruleIds) {

    /**
     * Copies the map, keeping the spec's rule order.
     *
     * @param groupId the group's id
     * @param vpcId its VPC
     * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group
     *     holds, keyed by the spec's own rule keys (peers as the spec names them: {@code self}, other
     *     groups by name); rules the group lacks are absent
     */
    public LiveGroup {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(vpcId, "vpcId");
        ruleIds = Collections.unmodifiableMap(new LinkedHashMap<>(ruleIds));
    }
}
