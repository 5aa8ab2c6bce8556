package io.ranchersg.export;

import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a live group holds, for adopting it: its id and the ids EC2 gave its rules, keyed by the
 * exported spec's own rule keys (peers as the spec names them: {@code self}, group names). Rules
 * of the spec the group lacks have no id; Terraform creates them on apply. Rules the group holds
 * that the spec does not list are left out of the export, and named in it.
 *
 * @param groupId the group's id ({@code sg-...})
 * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group holds
 * @param leftOut the rules the group holds that the spec does not list, as EC2 names their peers
 */
public record ImportedGroup(String groupId, Map<RuleKey, String> ruleIds, List<Rule> leftOut) {

    private static final Pattern GROUP_ID = Pattern.compile("sg-[0-9a-f]{1,17}");
    private static final Pattern RULE_ID = Pattern.compile("sgr-[0-9a-f]{1,17}");

    /**
     * Checks the ids' form (they are written into the export as they are); copies the map and the list.
     *
     * @param groupId the group's id ({@code sg-...})
     * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group
     *     holds
     * @param leftOut the rules the group holds that the spec does not list, as EC2 names their peers
     */
    public ImportedGroup {
        Objects.requireNonNull(groupId, "groupId");
        if (!GROUP_ID.matcher(groupId).matches()) {
            throw new IllegalArgumentException("invalid security group id '" + groupId + "'");
        }
        Map<RuleKey, String> copy = new LinkedHashMap<>();
        (ruleIds == null ? Map.<RuleKey, String>of() : ruleIds).forEach((key, id) -> {
            Objects.requireNonNull(key, "rule key");
            if (id == null || !RULE_ID.matcher(id).matches()) {
                throw new IllegalArgumentException("invalid security group rule id '" + id + "' for " + key);
            }
            copy.put(key, id);
        });
        ruleIds = Collections.unmodifiableMap(copy);
        leftOut = List.copyOf(leftOut == null ? List.of() : leftOut);
    }

    /**
     * A live group that holds no rule beyond the spec's.
     *
     * @param groupId the group's id ({@code sg-...})
     * @param ruleIds the security group rule id ({@code sgr-...}) of each rule of the spec the group holds
     */
    public ImportedGroup(String groupId, Map<RuleKey, String> ruleIds) {
        this(groupId, ruleIds, List.of());
    }
}
