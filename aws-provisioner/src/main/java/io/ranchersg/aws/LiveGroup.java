package io.ranchersg.aws;

import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A group as EC2 holds it, for adopting it into infrastructure as code: its id, its VPC, the ids
 * EC2 gave those of its rules that a spec asks for, and the rules it holds that the spec does not.
 *
 * @param groupId the group's id
 * @param vpcId   its VPC
 * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group
 *                holds, keyed by the spec's own rule keys (peers as the spec names them:
 *                {@code self}, other groups by name); rules the group lacks are absent
 * @param leftOut the rules the group holds that the spec does not list, as EC2 names their peers
 *                (other groups by id, the group itself as {@code self}), in rule order
 */
public record LiveGroup(String groupId, String vpcId, Map<RuleKey, String> ruleIds, List<Rule> leftOut) {

    /**
     * Copies the map, keeping the spec's rule order, and the list.
     *
     * @param groupId the group's id
     * @param vpcId its VPC
     * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group
     *     holds, keyed by the spec's own rule keys (peers as the spec names them: {@code self}, other
     *     groups by name); rules the group lacks are absent
     * @param leftOut the rules the group holds that the spec does not list, as EC2 names their peers
     *     (other groups by id, the group itself as {@code self}), in rule order
     */
    public LiveGroup {
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(vpcId, "vpcId");
        ruleIds = Collections.unmodifiableMap(new LinkedHashMap<>(ruleIds));
        leftOut = List.copyOf(leftOut);
    }
}
