package io.ranchersg.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the actual rules of a group differ from the desired ones, regardless of whether a plan would
 * act on it, and the tags it should carry and lacks.
 *
 * @param missing desired rules EC2 lacks
 * @param extra   rules EC2 has that are not desired
 * @param changed rules with the desired key but another description
 * @param tags    tags the group should carry and lacks (or holds with another value), by key, with the
 *                value it should hold
 */
public record Drift(List<Rule> missing, List<Rule> extra, List<DescriptionChange> changed, Map<String, String> tags) {

    /**
     * Copies the lists.
     *
     * @param missing desired rules EC2 lacks
     * @param extra rules EC2 has that are not desired
     * @param changed rules with the desired key but another description
     * @param tags tags the group should carry and lacks (or holds with another value), by key, with
     *     the value it should hold
     */
    public Drift {
        missing = List.copyOf(missing);
        extra = List.copyOf(extra);
        changed = List.copyOf(changed);
        tags = Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /**
     * Rules' drift, no tag missing.
     *
     * @param missing desired rules EC2 lacks
     * @param extra rules EC2 has that are not desired
     * @param changed rules with the desired key but another description
     */
    public Drift(List<Rule> missing, List<Rule> extra, List<DescriptionChange> changed) {
        this(missing, extra, changed, Map.of());
    }

    /** This drift with these tags missing. */
    public Drift withTags(Map<String, String> missingTags) {
        return new Drift(missing, extra, changed, missingTags);
    }

    /** {@return whether actual equals desired, descriptions and tags included} */
    public boolean inSync() {
        return missing.isEmpty() && extra.isEmpty() && changed.isEmpty() && tags.isEmpty();
    }
}
