package io.ranchersg.aws;

import io.ranchersg.core.GroupTags;
import io.ranchersg.core.ProfileOptions;
import java.util.Map;

/**
 * rancher-sg's tags on the groups it manages ({@link GroupTags}), and the tag by which Rancher's EC2
 * node driver marks the group it makes.
 */
final class ManagedTags {

    static final String MANAGED_BY = GroupTags.MANAGED_BY;
    static final String MANAGER = GroupTags.MANAGER;
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
    static boolean isDriverMade(String groupName, Map<String, String> tags) {
        return DRIVER_GROUP_NAME.equals(groupName) && tags.containsKey(DRIVER_TAG) && !GroupTags.isManaged(tags);
    }

    static String encode(ProfileOptions options) {
        return GroupTags.encode(options);
    }

    static ProfileOptions decode(String text, String groupName) {
        return GroupTags.decode(text, groupName);
    }
}
