package io.ranchersg.core;

import java.util.List;

/**
 * How the actual rules of a group differ from the desired ones, regardless of whether a plan would
 * act on it.
 *
 * @param missing desired rules EC2 lacks
 * @param extra   rules EC2 has that are not desired
 * @param changed rules with the desired key but another description
 */
public record Drift(List<Rule> missing, List<Rule> extra, List<DescriptionChange> changed) {

    /**
     * Copies the lists.
     *
     * @param missing desired rules EC2 lacks
     * @param extra rules EC2 has that are not desired
     * @param changed rules with the desired key but another description
     */
    public Drift {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        changed = List.copyOf(changed);
    }

    /** {@return whether actual equals desired, descriptions included} */
    public boolean inSync() {
        return missing.isEmpty() && extra.isEmpty() && changed.isEmpty();
    }
}
