package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the full desired state of a group with a fresh read of its actual rules, keyed by
 * {@link RuleKey}: a desired key that is missing is authorized, a key present with another
 * description is updated, and an actual key that is not desired is extra. Extra rules are always
 * listed and are revoked only when the plan prunes.
 *
 * <p>One rule's description is free: EC2's own outbound rule, when the spec takes it undescribed
 * (every profile does, so that a new group needs no description update). Terraform and
 * CloudFormation cannot keep EC2's rule: they revoke it and make it again, described, since checkov
 * (CKV_AWS_23) wants a description on every rule. Either way the group is in sync.
 *
 * <p>Both sides must use the same peers for the same group: resolve names and the group's own id
 * first ({@link GroupSpec#resolvePeers}, {@link Rules#localiseSelf}), otherwise a named group never
 * matches the id EC2 reports.
 */
public final class Diff {

    private Diff() {
    }

    /**
     * The plan that makes {@code actual} match {@code desired}; writes nothing.
     *
     * @param prune whether to revoke actual rules that are not desired
     * @throws IllegalArgumentException naming the key if {@code actual} holds two rules with one key
     */
    public static Plan plan(GroupSpec desired, Collection<Rule> actual, boolean prune) {
        Objects.requireNonNull(desired, "desired");
        Map<RuleKey, Rule> actualByKey = byKey(actual);
        List<Rule> toAuthorize = new ArrayList<>();
        List<DescriptionChange> toUpdate = new ArrayList<>();
        for (Rule want : desired.rules()) {
            Rule have = actualByKey.remove(want.key());
            if (have == null) {
                toAuthorize.add(want);
            } else if (!describedAsWanted(have, want)) {
                toUpdate.add(new DescriptionChange(have, want));
            }
        }
        List<Rule> extra = Rules.sorted(actualByKey.values());
        toAuthorize.sort(Rules.ORDER);
        toUpdate.sort(Comparator.comparing(DescriptionChange::key, Rules.KEY_ORDER));
        return new Plan(desired.name(), toAuthorize, prune ? extra : List.of(), toUpdate, extra, prune);
    }

    /** How {@code actual} differs from {@code desired}. */
    public static Drift drift(GroupSpec desired, Collection<Rule> actual) {
        return plan(desired, actual, false).drift();
    }

    private static boolean describedAsWanted(Rule have, Rule want) {
        return have.description().equals(want.description())
                || want.description().isEmpty() && NewGroup.isDefaultRule(want.key());
    }

    private static Map<RuleKey, Rule> byKey(Collection<Rule> actual) {
        Objects.requireNonNull(actual, "actual");
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        for (Rule rule : actual) {
            Rule earlier = byKey.putIfAbsent(rule.key(), rule);
            if (earlier != null) {
                // EC2 cannot hold this; it means the caller flattened or resolved peers wrongly.
                throw new IllegalArgumentException("actual rules hold the key " + rule.key() + " twice");
            }
        }
        return byKey;
    }
}
