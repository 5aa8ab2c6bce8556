package io.ranchersg.core.reconcile;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One security group as a read found it.
 *
 * @param id    its {@code sg-} id
 * @param name  its name, unique in its VPC
 * @param vpcId its VPC
 * @param tags  its tags
 * @param rules its rules in both directions, one peer each, its own id as {@code self}
 * @param fresh whether this run created it, so that it holds only what EC2 gives every new group:
 *              nobody chose those rules, so its plan revokes what the spec does not list
 */
public record ObservedGroup(String id, String name, String vpcId, Map<String, String> tags, List<Rule> rules,
                            boolean fresh) {

    /**
     * Checks the components.
     *
     * @param id its {@code sg-} id
     * @param name its name, unique in its VPC
     * @param vpcId its VPC
     * @param tags its tags
     * @param rules its rules in both directions, one peer each, its own id as {@code self}
     * @param fresh whether this run created it, so that it holds only what EC2 gives every new group:
     *     nobody chose those rules, so its plan revokes what the spec does not list
     */
    public ObservedGroup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(vpcId, "vpcId");
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        rules = Rules.sorted(Rules.localiseSelf(rules, id));
    }

    /** A group found by a read (not created by this run). */
    public static ObservedGroup read(String id, String name, String vpcId, Map<String, String> tags,
                                     List<Rule> rules) {
        return new ObservedGroup(id, name, vpcId, tags, rules, false);
    }

    /** {@return whether it carries rancher-sg's tags} */
    public boolean managed() {
        return GroupTags.isManaged(tags);
    }

    /** The same group, marked as created by this run or not (kept across a second read of it). */
    public ObservedGroup withFresh(boolean newFresh) {
        return new ObservedGroup(id, name, vpcId, tags, rules, newFresh);
    }

    /** The same group holding other rules (after a write, or a second read). */
    public ObservedGroup withRules(List<Rule> newRules) {
        return new ObservedGroup(id, name, vpcId, tags, newRules, fresh);
    }

    /** The same group carrying these tags besides its own (after a write of them). */
    public ObservedGroup withTags(Map<String, String> more) {
        Map<String, String> all = new TreeMap<>(tags);
        all.putAll(more);
        return new ObservedGroup(id, name, vpcId, all, rules, fresh);
    }
}
