package io.ranchersg.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * The tags that mark a group as rancher-sg's and record how it was asked for, so that a scan can
 * check every managed group against its own profile and options, and so that a group applied from
 * an export (Terraform, CloudFormation, a script) is known as rancher-sg's too. Groups of a cluster
 * stack also record their cluster, layout and role.
 */
public final class GroupTags {

    /** Tag key marking a group as rancher-sg's (value {@value #MANAGER}). */
    public static final String MANAGED_BY = "managed-by";
    /** The value of {@value #MANAGED_BY}. */
    public static final String MANAGER = "rancher-sg";
    /** Tag key recording the profile. */
    public static final String PROFILE = "rancher-sg:profile";
    /** Tag key recording the profile's options ({@link #encode}). */
    public static final String OPTIONS = "rancher-sg:options";
    /** Tag key recording the rancher-sg version that last wrote the tags. */
    public static final String VERSION = "rancher-sg:version";
    /** Tag key recording the cluster of a stack group. */
    public static final String CLUSTER = "rancher-sg:cluster";
    /** Tag key recording the layout of a stack group. */
    public static final String LAYOUT = "rancher-sg:layout";
    /** Tag key recording the role of a stack group. */
    public static final String ROLE = "rancher-sg:role";
    /** EC2's limit on a tag value. */
    public static final int MAX_VALUE_LENGTH = 256;

    private static final String VERSION_TEXT = readVersion();

    private GroupTags() {
    }

    /**
     * The tags of a group made for a profile and its options.
     *
     * @throws IllegalArgumentException when the options cannot be recorded in one tag
     */
    public static Map<String, String> of(String profile, ProfileOptions options) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(MANAGED_BY, MANAGER);
        tags.put(PROFILE, profile);
        tags.put(OPTIONS, encode(options));
        tags.put(VERSION, VERSION_TEXT);
        return tags;
    }

    /** The tags of one group of a cluster stack: those of its profile, plus cluster, layout and role. */
    public static Map<String, String> ofStackGroup(String profile, ProfileOptions options, String cluster,
                                                   Layout layout, String role) {
        Map<String, String> tags = of(profile, options);
        tags.put(CLUSTER, cluster);
        tags.put(LAYOUT, layout.jsonName());
        tags.put(ROLE, role);
        return tags;
    }

    /** Whether the tags mark the group as rancher-sg's. */
    public static boolean isManaged(Map<String, String> tags) {
        return MANAGER.equals(tags.get(MANAGED_BY));
    }

    /**
     * Whether the tags already say this profile and these options (the version may differ). A managed
     * group without a profile or options tag was made with the defaults, as {@link #recordedProfile}
     * and {@link #recordedOptions} read it.
     */
    public static boolean records(Map<String, String> tags, String profile, ProfileOptions options) {
        return isManaged(tags) && profile.equals(recordedProfile(tags)) && encode(options).equals(recordedOptions(tags));
    }

    /**
     * The tags {@code want} holds that {@code have} lacks or holds with another value: what a write of
     * the tags would repair. The version is left out (a newer rancher-sg is no reason to write), and so
     * are the profile and options tags when {@code have} lacks them, since their absence records the
     * defaults ({@link #recordedProfile}, {@link #recordedOptions}); whether those agree is judged apart.
     *
     * @param want the tags the group should carry
     * @param have the tags it carries
     * @return the tags to write, by key, in {@code want}'s order; empty when none
     */
    public static Map<String, String> missing(Map<String, String> want, Map<String, String> have) {
        Map<String, String> missing = new LinkedHashMap<>();
        want.forEach((key, value) -> {
            boolean recordedByAbsence = (key.equals(PROFILE) || key.equals(OPTIONS)) && !have.containsKey(key);
            if (!key.equals(VERSION) && !recordedByAbsence && !value.equals(have.get(key))) {
                missing.put(key, value);
            }
        });
        return missing;
    }

    /** The profile a managed group was made with: {@code rancher-nodes} unless its tags say otherwise. */
    public static String recordedProfile(Map<String, String> tags) {
        return tags.getOrDefault(PROFILE, Profiles.RANCHER_NODES);
    }

    /** The options a managed group was made with, as {@link #encode} writes them ({@code ""}: defaults). */
    public static String recordedOptions(Map<String, String> tags) {
        return tags.getOrDefault(OPTIONS, "");
    }

    /** {@return the version of rancher-sg that writes tags now} */
    public static String version() {
        return VERSION_TEXT;
    }

    /**
     * Options as a tag value: space-separated {@code key=value} words, lists joined with {@code +}.
     * The group name is not recorded (it is the group's own name).
     *
     * @throws IllegalArgumentException when they do not fit in one tag value
     */
    public static String encode(ProfileOptions options) {
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
        if (options.cni() != Cni.CANAL) {
            words.add("cni=" + options.cni().jsonName());
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

    /**
     * The options recorded by {@link #encode}, for the group of the given name.
     *
     * @throws IllegalArgumentException naming a word that cannot be read back
     */
    public static ProfileOptions decode(String text, String groupName) {
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
            } else if (key.equals("cni")) {
                options = options.withCni(Cni.parse(value));
            } else if (key.equals("open-to")) {
                // Recorded blocks are canonical; read them as EC2's, never refusing what was written.
                List<Peer.Cidr> blocks = new ArrayList<>();
                for (String block : value.split("\\+")) {
                    blocks.add(new Peer.Cidr(block));
                }
                options = options.withOpenTo(blocks);
            } else if (key.startsWith("peer.")) {
                options = options.withPeer(key.substring("peer.".length()), Peer.parse(value));
            } else {
                throw new IllegalArgumentException("unknown word '" + word + "' in the " + OPTIONS + " tag");
            }
        }
        return options;
    }

    private static String readVersion() {
        try (InputStream in = GroupTags.class.getResourceAsStream("version.properties")) {
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
