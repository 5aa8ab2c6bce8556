package io.ranchersg.cli;

import io.ranchersg.aws.GroupRequest;
import io.ranchersg.aws.GroupToVerify;
import io.ranchersg.core.ProfileOptions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The groups {@code scan --verify-groups} verifies although rancher-sg does not manage them, read
 * from YAML:
 *
 * <pre>
 * groups:
 *   - group_id: sg-0123456789abcdef0     # by id, or by group_name and vpc_id together
 *     profile: node-pool-worker          # default rancher-nodes
 *     peers:                             # as --peer ROLE=PEER
 *       controlplane: group_name:k8s-control-plane
 *       etcd: sg-0fedcba9876543210
 *       rancher: 10.20.0.0/16
 *       workload-clients: 10.30.0.0/16
 *   - group_name: platform-rancher-nodes
 *     vpc_id: vpc-0a1b2c3d
 *     current: true                      # also ipv6, windows_overlay (true or false), open_to: [CIDR, ...]
 * </pre>
 *
 * Read with the accounts file's reader ({@link AccountsFile#load}): aliases resolved, a key given
 * twice in one mapping refused, sizes limited. Refused too: a key it does not know (with the likely
 * one it was meant to be), a group named twice, a group named both ways or by half of one, and any
 * profile, peer or option {@code verify} would refuse.
 *
 * @param groups the groups, in the file's order
 */
record VerifyGroupsFile(List<GroupToVerify> groups) {

    /** The most bytes read from the file (1 MiB): thousands of groups. */
    static final int MAX_SIZE = 1024 * 1024;

    private static final Set<String> KEYS = Set.of("group_id", "group_name", "vpc_id", "profile", "peers", "open_to",
            "ipv6", "current", "windows_overlay");

    VerifyGroupsFile {
        groups = List.copyOf(groups);
    }

    /**
     * Parses the file's text.
     *
     * @throws IllegalArgumentException naming the entry, the key and the value that is wrong
     */
    static VerifyGroupsFile parse(String text) {
        Object document = AccountsFile.load(text);
        if (!(document instanceof Map<?, ?> top) || !(top.get("groups") instanceof List<?> items)) {
            throw new IllegalArgumentException("expected a mapping with the key 'groups' and a list of groups");
        }
        for (Object key : top.keySet()) {
            if (!"groups".equals(key)) {
                throw new IllegalArgumentException("unknown key '" + key + "'" + AccountsFile.closest(
                        String.valueOf(key), Set.of("groups")).map(k -> ": did you mean " + k + "?")
                        .orElse(" (expected groups)"));
            }
        }
        List<GroupToVerify> groups = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            GroupToVerify group = group(items.get(i), "group " + (i + 1));
            if (!seen.add(group.label())) {
                throw new IllegalArgumentException("group " + (i + 1) + ": " + group.label() + " is named twice");
            }
            groups.add(group);
        }
        return new VerifyGroupsFile(groups);
    }

    private static GroupToVerify group(Object node, String where) {
        if (!(node instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a mapping with group_id (or group_name and vpc_id),"
                    + " profile, ...");
        }
        for (Object key : map.keySet()) {
            if (!KEYS.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "'" + AccountsFile.closest(
                        String.valueOf(key), KEYS).map(k -> ": did you mean " + k + "?").orElse(""));
            }
        }
        String id = AccountsFile.text(map, "group_id", where);
        String name = AccountsFile.text(map, "group_name", where);
        String vpc = AccountsFile.text(map, "vpc_id", where);
        if (id != null ? name != null || vpc != null : name == null || vpc == null) {
            throw new IllegalArgumentException(where + ": name the group by group_id, or by group_name and vpc_id"
                    + " together" + (id != null ? " (not both ways)" : ""));
        }
        if (id != null) {
            where = where + " (" + id + ")";
        } else {
            where = where + " (" + name + " in " + vpc + ")";
            try {
                GroupRequest.checkVpcId(vpc);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": vpc_id: " + e.getMessage(), e);
            }
        }
        ProfileMixin profile = new ProfileMixin();
        String profileName = AccountsFile.text(map, "profile", where);
        if (profileName != null) {
            profile.profile = profileName;
        }
        profile.ipv6 = flag(map, "ipv6", where);
        profile.current = flag(map, "current", where);
        profile.windowsOverlay = flag(map, "windows_overlay", where);
        profile.openTo = new ArrayList<>(AccountsFile.strings(map, "open_to", where));
        Object peers = map.get("peers");
        if (peers != null && !(peers instanceof Map<?, ?>)) {
            throw new IllegalArgumentException(where + ": peers must be a mapping of ROLE: PEER");
        }
        if (peers instanceof Map<?, ?> byRole) {
            for (Map.Entry<?, ?> peer : byRole.entrySet()) {
                profile.peers.add(peer.getKey() + "=" + AccountsFile.scalar(peer.getValue(), "peers." + peer.getKey(),
                        where));
            }
        }
        try {
            // A group named by id has the profile's default name here: only references to itself use it.
            ProfileMixin.Resolved resolved = profile.resolve(name != null ? name : ProfileOptions.DEFAULT_GROUP_NAME);
            return new GroupToVerify(id, name, id == null ? vpc : null, resolved.profile().name(), resolved.spec());
        } catch (UsageException | IllegalArgumentException e) {
            // The option names of the message are this file's keys with dashes: --peer etcd is peers' etcd.
            throw new IllegalArgumentException(where + ": " + ErrorFunnel.oneLine(e.getMessage()), e);
        }
    }

    private static boolean flag(Map<?, ?> map, String key, String where) {
        Object value = map.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw new IllegalArgumentException(where + ": " + key + " must be true or false, not '"
                    + AccountsFile.scalar(value, key, where) + "'");
        }
        return flag;
    }
}
