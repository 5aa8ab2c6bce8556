package io.ranchersg.cli;

import io.ranchersg.core.Peer;
import io.ranchersg.core.Roles;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --peer ROLE=PEER} arguments, as the group and stack commands take them. */
final class PeerArguments {

    private PeerArguments() {
    }

    /**
     * The peers by role, in the order given.
     *
     * @throws UsageException naming the argument: no {@code =}, an unknown role, a role given twice, a bad peer
     */
    static Map<String, Peer> parse(List<String> arguments) {
        Map<String, Peer> peers = new LinkedHashMap<>();
        Map<String, String> given = new LinkedHashMap<>();
        for (String argument : arguments) {
            int eq = argument.indexOf('=');
            if (eq <= 0 || eq == argument.length() - 1) {
                throw new UsageException("--peer: expected ROLE=PEER (such as etcd=sg-0123abcd), got '" + argument
                        + "'");
            }
            String role = argument.substring(0, eq);
            String value = argument.substring(eq + 1);
            String earlier = given.putIfAbsent(role, value);
            if (earlier != null) {
                throw new UsageException("--peer " + role + ": role '" + role + "' is given twice, as '" + earlier
                        + "' and as '" + value + "'; give each role one peer");
            }
            if (!Roles.isRole(role)) {
                throw new UsageException("--peer " + role + ": unknown role '" + role + "'");
            }
            try {
                peers.put(role, Peer.parse(value));
            } catch (IllegalArgumentException e) {
                throw UsageException.of("--peer " + role, e);
            }
        }
        return peers;
    }
}
