package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Proves the {@code rke2-server} and {@code rke2-agent} profiles equal to the RKE2 node
 * requirements table, reading its "Between" column and its CNI names from the specification
 * itself: a row between all nodes opens on both groups from both, a row to servers opens on the
 * server group from both, a row between servers opens on the server group from servers only; a row
 * naming CNIs opens only for those.
 */
class Rke2RolesSeedTest {

    private static final String HEADING = "## 5. RKE2 node requirements (inbound; outbound typically all allowed)";
    private static final Peer SERVERS = Peer.groupNamed("c-server");
    private static final Peer AGENTS = Peer.groupNamed("c-agent");

    private final List<List<String>> table = SeedPage.tableAfterHeading(text(), HEADING);

    @Test
    void tableHasTheColumnsTheTestReads() {
        assertThat(table.get(0)).containsExactly("Port", "Protocol", "Between", "For");
        assertThat(table).as("rows, header included").hasSize(15);
    }

    @ParameterizedTest
    @EnumSource(Cni.class)
    void serverAndAgentGroupsOpenExactlyWhatTheTableSaysForTheCni(Cni cni) {
        Set<RuleKey> server = new HashSet<>();
        Set<RuleKey> agent = new HashSet<>();
        for (List<String> row : table.subList(1, table.size())) {
            if (!appliesTo(row.get(3), cni)) {
                continue;
            }
            String between = row.get(2);
            for (RuleKey port : ports(row.get(0), row.get(1))) {
                if (between.equals("all <-> all")) {
                    server.add(from(port, Peer.self()));
                    server.add(from(port, AGENTS));
                    agent.add(from(port, SERVERS));
                    agent.add(from(port, Peer.self()));
                } else if (between.equals("all nodes -> servers")) {
                    server.add(from(port, Peer.self()));
                    server.add(from(port, AGENTS));
                } else if (between.equals("servers <-> servers")) {
                    server.add(from(port, Peer.self()));
                } else {
                    throw new AssertionError("unknown Between '" + between + "'");
                }
            }
        }

        ProfileOptions options = ProfileOptions.defaults().withCni(cni);
        GroupSpec serverSpec = Profiles.get(Profiles.RKE2_SERVER).spec(options.withGroupName("c-server")
                .withPeer(Roles.AGENTS, AGENTS));
        GroupSpec agentSpec = Profiles.get(Profiles.RKE2_AGENT).spec(options.withGroupName("c-agent")
                .withPeer(Roles.SERVERS, SERVERS));
        assertThat(keys(serverSpec)).as("rke2-server with %s", cni).containsExactlyInAnyOrderElementsOf(server);
        assertThat(keys(agentSpec)).as("rke2-agent with %s", cni).containsExactlyInAnyOrderElementsOf(agent);
    }

    @Test
    void theAgentGroupNeverOpensEtcdTheApiOrTheSupervisor() {
        for (Cni cni : Cni.values()) {
            GroupSpec agent = Profiles.get(Profiles.RKE2_AGENT).spec(ProfileOptions.defaults().withCni(cni)
                    .withGroupName("c-agent").withPeer(Roles.SERVERS, SERVERS)
                    .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.9.0.0/16")).withPeer(Roles.RANCHER, Peer.cidr("10.8.0.0/16")));
            assertThat(agent.ingress()).as("agent with %s", cni).noneMatch(r -> r.protocol() == Protocol.TCP
                    && (r.ports().overlaps(PortRange.of(2379, 2381)) || r.ports().contains(6443)
                    || r.ports().contains(9345)));
        }
    }

    @Test
    void sharedSpecAndCommittedCopyAreIdentical() throws IOException {
        Optional<Path> shared = shared();
        assumeTrue(shared.isPresent(), "shared specification not found; only the committed copy is used");
        assertThat(resource()).as("src/test/resources/seed/port-tables.md must be a copy of %s", shared.get())
                .isEqualTo(Files.readString(shared.get()));
    }

    private static boolean appliesTo(String purpose, Cni cni) {
        String lower = purpose.toLowerCase(Locale.ROOT);
        boolean namesACni = List.of(Cni.values()).stream().anyMatch(c -> lower.contains(c.jsonName()));
        return !namesACni || lower.contains(cni.jsonName());
    }

    /** {@code 2379, 2380, 2381} / {@code 51820 / 51821} / {@code 4240, ICMP 8/0} as rule keys without a peer. */
    private static List<RuleKey> ports(String portCell, String protocolCell) {
        Protocol main = Protocol.parse(protocolCell.split(",")[0].strip());
        return List.of(portCell.split("[,/]\\s+|\\s+/\\s+")).stream().map(String::strip).map(p -> {
            if (p.startsWith("ICMP ")) {
                String[] typeCode = p.substring(5).split("/");
                return new RuleKey(Direction.INGRESS, Protocol.ICMP,
                        PortRange.icmp(Integer.parseInt(typeCode[0]), Integer.parseInt(typeCode[1])), Peer.self());
            }
            return new RuleKey(Direction.INGRESS, main, PortRange.parse(p), Peer.self());
        }).toList();
    }

    private static RuleKey from(RuleKey port, Peer peer) {
        return new RuleKey(port.direction(), port.protocol(), port.ports(), peer);
    }

    private static Set<RuleKey> keys(GroupSpec spec) {
        Set<RuleKey> keys = new HashSet<>();
        spec.ingress().forEach(r -> keys.add(r.key()));
        return keys;
    }

    private static String text() {
        try {
            Optional<Path> shared = shared();
            return shared.isPresent() ? Files.readString(shared.get()) : resource();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Path> shared() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/spec/port-tables.md");
            if (Files.isRegularFile(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static String resource() throws IOException {
        try (InputStream in = Rke2RolesSeedTest.class.getResourceAsStream("/seed/port-tables.md")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
