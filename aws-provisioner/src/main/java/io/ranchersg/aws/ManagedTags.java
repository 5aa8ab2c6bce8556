package io.ranchersg.aws;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.ProfileOptions;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.Tag;

/** {@link GroupTags} on the tags EC2 reports for a group. */
final class ManagedTags {

    static final String MANAGED_BY = GroupTags.MANAGED_BY;
    static final String MANAGER = GroupTags.MANAGER;
    static final String PROFILE = GroupTags.PROFILE;
    static final String OPTIONS = GroupTags.OPTIONS;
    static final String VERSION = GroupTags.VERSION;
    /** The tag key Rancher's EC2 node driver puts on the group it creates (its value: the driver's version). */
    static final String DRIVER_TAG = "rancher-nodes";
    /** The name Rancher's EC2 node driver gives the group it creates. */
    static final String DRIVER_GROUP_NAME = "rancher-nodes";

    private ManagedTags() {
    }

    static Map<String, String> of(String profile, ProfileOptions options) {
        return GroupTags.of(profile, options);
    }

    /**
     * Whether Rancher's EC2 node driver made the group: named {@value #DRIVER_GROUP_NAME}, carrying the
     * {@value #DRIVER_TAG} tag key, and not taken over by rancher-sg since (then it is rancher-sg's).
     */
    static boolean isDriverMade(String groupName, Collection<Tag> tags) {
        return DRIVER_GROUP_NAME.equals(groupName) && tags.stream().anyMatch(t -> DRIVER_TAG.equals(t.key()))
                && !isManaged(tags);
    }

    static boolean isManaged(Collection<Tag> tags) {
        return GroupTags.isManaged(asMap(tags));
    }

    /** Whether the tags already say this profile and these options (the version may differ). */
    static boolean record(Collection<Tag> tags, String profile, ProfileOptions options) {
        return GroupTags.records(asMap(tags), profile, options);
    }

    static String recordedProfile(Map<String, String> tags) {
        return GroupTags.recordedProfile(tags);
    }

    static String recordedOptions(Map<String, String> tags) {
        return GroupTags.recordedOptions(tags);
    }

    static Map<String, String> asMap(Collection<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static String version() {
        return GroupTags.version();
    }

    static String encode(ProfileOptions options) {
        return GroupTags.encode(options);
    }

    static ProfileOptions decode(String text, String groupName) {
        return GroupTags.decode(text, groupName);
    }
}
