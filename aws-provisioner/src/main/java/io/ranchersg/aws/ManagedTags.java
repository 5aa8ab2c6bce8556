package io.ranchersg.aws;

import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * The tags that mark a group as rancher-sg's and record how it was asked for, so that a scan can
 * check every managed group against its own profile and options.
 */
final class ManagedTags {

    static final String MANAGED_BY = "managed-by";
    static final String MANAGER = "rancher-sg";
    static final String PROFILE = "rancher-sg:profile";
    static final String OPTIONS = "rancher-sg:options";
    static final String VERSION = "rancher-sg:version";
    /** The tag key Rancher's EC2 node driver puts on the group it creates (its value: the driver's version). */
    static final String DRIVER_TAG = "rancher-nodes";
    /** The name Rancher's EC2 node driver gives the group it creates. */
    static final String DRIVER_GROUP_NAME = "rancher-nodes";
    /** EC2's limit on a tag value. */
    static final int MAX_VALUE_LENGTH = 256;

    private static final String VERSION_TEXT = readVersion();

    private ManagedTags() {
    }

    /** The tags a group made for this request carries. */
    static Map<String, String> of(String profile, ProfileOptions options) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_BY, MANAGER);
        tags.put(PROFILE, profile);
        tags.put(OPTIONS, encode(options));
        tags.put(VERSION, VERSION_TEXT);
        return tags;
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
        return tags.stream().anyMatch(t -> MANAGED_BY.equals(t.key()) && MANAGER.equals(t.value()));
    }

    /**
     * Whether the tags already say this profile and these options (the version may differ). A managed
     * group without a profile or options tag was made with the defaults, as {@link #recordedProfile}
     * and {@link #recordedOptions} read it.
     */
    static boolean record(Collection<Tag> tags, String profile, ProfileOptions options) {
        Map<String, String> have = asMap(tags);
        return isManaged(tags) && profile.equals(recordedProfile(have)) && encode(options).equals(recordedOptions(have));
    }

    /** The profile a managed group was made with: {@code rancher-nodes} unless its tags say otherwise. */
    static String recordedProfile(Map<String, String> tags) {
        return tags.getOrDefault(PROFILE, Profiles.RANCHER_NODES);
    }

    /** The options a managed group was made with, as {@link #encode} writes them ({@code ""}: defaults). */
    static String recordedOptions(Map<String, String> tags) {
        return tags.getOrDefault(OPTIONS, "");
    }

    static Map<String, String> asMap(Collection<Tag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        tags.forEach(t -> map.put(t.key(), t.value()));
        return map;
    }

    static String version() {
        return VERSION_TEXT;
    }

    /**
     * Options as a tag value: space-separated {@code key=value} words, lists joined with {@code +}.
     *
     * @throws IllegalArgumentException when they do not fit in one tag value
     */
    static String encode(ProfileOptions options) {
        List<String> words = new ArrayList<>();
        if (options.ipv6()) {
            words.add("ipv6");
        }
        if (options.current()) {
            words.add("current");
        }
        if (options.windowsOverlay()) {
            words.add("windows-overlay");
        }
        if (!options.openTo().isEmpty()) {
            // Sorted, so that the same blocks given in another order need no retag.
            words.add("open-to=" + options.openTo().stream().map(Peer.Cidr::value).sorted()
                    .collect(Collectors.joining("+")));
        }
        options.peers().forEach((role, peer) -> {
            String value = peer.toString();
            if (value.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("the peer '" + value + "' for role " + role + " cannot be recorded"
                        + " in the group's " + OPTIONS + " tag: name the group by its id (sg-...) instead");
            }
            words.add("peer." + role + "=" + value);
        });
        String text = String.join(" ", words);
        if (text.length() > MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("the profile options are too long to record in the group's "
                    + OPTIONS + " tag (" + text.length() + " characters, at most " + MAX_VALUE_LENGTH + ")");
        }
        return text;
    }

    /** The options recorded by {@link #encode}, for the group of the given name. */
    static ProfileOptions decode(String text, String groupName) {
        ProfileOptions options = ProfileOptions.defaults().withGroupName(groupName);
        for (String word : Optional.ofNullable(text).orElse("").trim().split("\\s+")) {
            if (word.isEmpty()) {
                continue;
            }
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            String value = eq < 0 ? "" : word.substring(eq + 1);
            if (key.equals("ipv6")) {
                options = options.withIpv6(true);
            } else if (key.equals("current")) {
                options = options.withCurrent(true);
            } else if (key.equals("windows-overlay")) {
                options = options.withWindowsOverlay(true);
            } else if (key.equals("open-to")) {
                options = options.withOpenTo(List.of(value.split("\\+")));
            } else if (key.startsWith("peer.")) {
                options = options.withPeer(key.substring("peer.".length()), Peer.parse(value));
            } else {
                throw new IllegalArgumentException("unknown word '" + word + "' in the " + OPTIONS + " tag");
            }
        }
        return options;
    }

    private static String readVersion() {
        try (InputStream in = ManagedTags.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
