package io.ranchersg.cli;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Profile;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.ProfileRole;
import io.ranchersg.core.Profiles;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The rule profile and its options, on every command that takes a profile. Values stay text until
 * {@link #resolve(String)}, which hands them to core one option at a time so that an error names
 * the option as well as the value core refused.
 */
final class ProfileMixin {

    /** Completion candidates for {@code --profile}: the catalogue's names. */
    static final class ProfileNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Profiles.names().iterator();
        }
    }

    @Option(names = "--profile", paramLabel = "NAME", defaultValue = Profiles.RANCHER_NODES,
            completionCandidates = ProfileNames.class,
            description = "Rule profile (default: ${DEFAULT-VALUE}); 'rancher-sg rules --list' lists them.")
    String profile = Profiles.RANCHER_NODES;

    @Option(names = "--ipv6", description = "Add a ::/0 twin to every rule open to 0.0.0.0/0.")
    boolean ipv6;

    @Option(names = "--open-to", paramLabel = "CIDR", split = ",",
            description = "Open inbound world rules only to these CIDR blocks (comma separated, repeatable)"
                    + " instead of 0.0.0.0/0; outbound rules stay as they are. A block with host bits set"
                    + " (10.0.0.1/8) is refused: write 10.0.0.1/32 or 10.0.0.0/8.")
    List<String> openTo = new ArrayList<>();

    @Option(names = "--current",
            description = "Follow what current Rancher releases open, not only the page's table (rancher-nodes).")
    boolean current;

    @Option(names = "--windows-overlay",
            description = "The cluster has Windows nodes in VXLAN overlay mode: add UDP 4789 (custom-* profiles).")
    boolean windowsOverlay;

    // A list, not a map: a map would let a repeated role replace the earlier one without a word.
    @Option(names = "--peer", paramLabel = "ROLE=PEER",
            description = "The peer for a role the profile names (repeatable, once per role): ROLE is one of etcd,"
                    + " controlplane, worker, rancher, nodes, load-balancer, api-clients, workload-clients,"
                    + " kubernetes-api; PEER is a CIDR block, sg-<id>, pl-<id>, self or group_name:<name>.")
    List<String> peers = new ArrayList<>();

    /** The profile, options and spec: everything checked, nothing sent anywhere. */
    record Resolved(Profile profile, ProfileOptions options, GroupSpec spec) {
    }

    /**
     * Builds and checks the profile's spec for the group name.
     *
     * @throws UsageException naming the option and the value when core refuses one
     */
    Resolved resolve(String groupName) {
        Profile chosen;
        try {
            chosen = Profiles.get(profile);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--profile", e);
        }
        ProfileOptions options = ProfileOptions.defaults()
                .withIpv6(ipv6)
                .withCurrent(current)
                .withWindowsOverlay(windowsOverlay);
        try {
            options = options.withGroupName(groupName);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw UsageException.of("--group-name", e);
        }
        try {
            options = options.withOpenTo(openTo.stream().map(String::strip).toList());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw UsageException.of("--open-to", e);
        }
        for (Map.Entry<String, Peer> peer : PeerArguments.parse(peers).entrySet()) {
            try {
                options = options.withPeer(peer.getKey(), peer.getValue());
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--peer " + peer.getKey(), e);
            }
        }
        checkRoles(chosen, options);
        GroupSpec spec;
        try {
            spec = chosen.spec(options);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw UsageException.of("--profile " + chosen.name(), e);
        }
        return new Resolved(chosen, options, spec);
    }

    /** Peers for roles the profile does not use are typos; roles it requires must be given. */
    private static void checkRoles(Profile chosen, ProfileOptions options) {
        List<String> known = chosen.roles().stream().map(ProfileRole::name).toList();
        for (String role : options.peers().keySet()) {
            if (!known.contains(role)) {
                throw new UsageException("--peer " + role + ": profile " + chosen.name() + " has no role '" + role
                        + "'; its roles are " + (known.isEmpty() ? "none" : String.join(", ", known)));
            }
        }
        List<String> missing = chosen.roles().stream()
                .filter(r -> r.requirement() == ProfileRole.Requirement.REQUIRED && options.peer(r.name()).isEmpty())
                .map(r -> "--peer " + r.name() + "=PEER (" + r.usedFor() + ")")
                .toList();
        if (!missing.isEmpty()) {
            throw new UsageException("--profile " + chosen.name() + " needs " + String.join(", ", missing));
        }
    }
}
