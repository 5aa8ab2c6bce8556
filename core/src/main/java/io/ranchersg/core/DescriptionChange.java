package io.ranchersg.core;

import java.util.Objects;

/**
 * A rule that exists with the right key but another description: EC2 can update the description
 * in place, without revoking the rule.
 *
 * @param before the rule as it is
 * @param after  the rule as it should be; same key as {@code before}
 */
public record DescriptionChange(Rule before, Rule after) {

    /**
     * Refuses a change between two different rules, naming both keys.
     *
     * @param before the rule as it is
     * @param after the rule as it should be; same key as {@code before}
     */
    public DescriptionChange {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        if (!before.key().equals(after.key())) {
            throw new IllegalArgumentException(
                    "a description change keeps the rule: " + before.key() + " is not " + after.key());
        }
    }

    /** {@return the rule's key} */
    public RuleKey key() {
        return after.key();
    }
}
