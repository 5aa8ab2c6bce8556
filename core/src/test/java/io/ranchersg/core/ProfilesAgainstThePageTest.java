package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every profile of the catalogue compared rule by rule with its table, read from the Markdown of the
 * page (seed/port-requirements.md) and of the tables it refers to (spec/port-tables.md), never from
 * a copy typed into the test: a typo in the catalogue cannot pass as its own expectation. Where a
 * profile differs from its table on purpose, the difference is named here ({@link Difference}) and
 * asserted as such. {@code rancher-nodes}, {@code rke2-server} and {@code rke2-agent} have tests of
 * their own ({@code RancherNodesSeedTest}, {@code Rke2RolesSeedTest}); {@link #everyProfileIsCompared}
 * keeps this list complete.
 */
class ProfilesAgainstThePageTest {

    private static final String SEED = SeedPage.text();
    private static final String SPEC = SeedPage.specText();

    /** Outbound all traffic to 0.0.0.0/0, as EC2 gives every new group. */
    private static final RuleKey ALL_OUT = Rule.allTraffic(Direction.EGRESS, Peer.cidr("0.0.0.0/0"), "").key();
    /** "A -> B" rows whose B is not the profile's nodes: outbound from the nodes. */
    private static final Set<String> OUTBOUND_TARGETS = Set.of("Rancher", "external load balancer");
    private static final Pattern PROTOCOL_PORTS = Pattern.compile("(TCP/UDP|TCP|UDP) (\\d+(?:-\\d+)?)");

    /** The peer standing for each role in these tests: a group of the role's name. */
    private static Peer peer(String role) {
        return Peer.groupNamed("group-of-" + role);
    }

    private static ProfileOptions withPeers(String... roles) {
        ProfileOptions options = ProfileOptions.defaults();
        for (String role : roles) {
            options = options.withPeer(role, peer(role));
        }
        return options;
    }

    /**
     * The profile of that name from a catalogue built now, not from {@link Profiles}' copy made once
     * when the class loaded: so that a change to the catalogue's code (a mutant, in the mutation
     * tests) is what this test compares.
     */
    private static Profile profile(String name) {
        return ProfileCatalogue.all().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no profile " + name + " in the catalogue"));
    }

    @Test
    void everyProfileIsCompared() {
        assertThat(ProfileCatalogue.all().stream().map(Profile::name).toList()).as("profiles compared with the page here or in their own seed tests")
                .containsExactlyInAnyOrder(Profiles.RANCHER_NODES, Profiles.RANCHER_SERVER_K3S,
                        Profiles.RANCHER_SERVER_RKE, Profiles.RANCHER_SERVER_DOCKER, Profiles.NODE_POOL_ETCD,
                        Profiles.NODE_POOL_CONTROLPLANE, Profiles.NODE_POOL_WORKER, Profiles.CUSTOM_ETCD,
                        Profiles.CUSTOM_CONTROLPLANE, Profiles.CUSTOM_WORKER, Profiles.HOSTED_IMPORTED,
                        Profiles.COMMONLY_USED_PORTS, Profiles.RKE2_NODES, Profiles.RKE2_SERVER, Profiles.RKE2_AGENT);
    }

    // ---- Rancher server nodes: the seed's tabs K3s, RKE and Docker -------------------------------

    @Test
    void rancherServerK3sIsTheK3sTabWithOutboundOpen() {
        Map<String, List<Peer>> sources = Map.of(
                "K3s server nodes", List.of(Peer.self()),
                "K3s server and agent nodes", List.of(Peer.self()));
        Expected expected = new Expected()
                .rows(Direction.INGRESS, table(SEED, "<figcaption>Inbound Rules for Rancher Server Nodes</figcaption>"),
                        sources)
                .plus(new Difference("\"Typically all outbound traffic is allowed\": the tab's sentence as a rule",
                        List.of(ALL_OUT)));
        // The server nodes (K3s server nodes) and the agents share the group by default: role 'nodes'.
        expected.assertEquals(profile(Profiles.RANCHER_SERVER_K3S).spec(ProfileOptions.defaults()));
    }

    @Test
    void rancherServerRkeIsTheRkeTab() {
        Map<String, List<Peer>> peers = Map.of(
                "Load Balancer/Reverse Proxy", List.of(peer(Roles.LOAD_BALANCER)),
                "IPs of all cluster nodes and other API/UI clients", List.of(peer(Roles.NODES), peer(Roles.API_CLIENTS)),
                "Any node created using a node driver", List.of(peer(Roles.NODES)));
        Expected expected = new Expected()
                .rows(Direction.INGRESS, table(SEED, "<figcaption>Inbound Rules for Rancher Nodes</figcaption>"), peers)
                .rows(Direction.EGRESS, table(SEED, "<figcaption>Outbound Rules for Rancher Nodes</figcaption>"), peers)
                .minus(new Difference("outbound TCP to the Kubernetes API endpoint of hosted clusters: \"Provider"
                        + " dependent\" is no port, so no rule", List.of()));
        expected.assertEquals(profile(Profiles.RANCHER_SERVER_RKE)
                .spec(withPeers(Roles.LOAD_BALANCER, Roles.NODES, Roles.API_CLIENTS)));
    }

    @Test
    void rancherServerDockerIsTheDockerTab() {
        Map<String, List<Peer>> peers = Map.of(
                "Load balancer/proxy that does external SSL termination", List.of(peer(Roles.LOAD_BALANCER)),
                "hosted/imported Kubernetes", List.of(peer(Roles.NODES)),
                "any source that needs to be able to use the Rancher UI or API", List.of(peer(Roles.API_CLIENTS)),
                "Any node IP from a node created using Node Driver", List.of(peer(Roles.NODES)),
                "Any node IP from a node created using a node driver", List.of(peer(Roles.NODES)),
                "Hosted/Imported Kubernetes API", List.of(peer(Roles.KUBERNETES_API)));
        Expected expected = new Expected()
                .rows(Direction.INGRESS, table(SEED, "<figcaption>Inbound Rules for Rancher Node</figcaption>"), peers)
                .rows(Direction.EGRESS, table(SEED, "<figcaption>Outbound Rules for Rancher Node</figcaption>"), peers);
        expected.assertEquals(profile(Profiles.RANCHER_SERVER_DOCKER)
                .spec(withPeers(Roles.LOAD_BALANCER, Roles.NODES, Roles.API_CLIENTS, Roles.KUBERNETES_API)));
    }

    @Test
    void rancherServerDockerOpensTcp80OnlyWithALoadBalancer() {
        GroupSpec with = profile(Profiles.RANCHER_SERVER_DOCKER)
                .spec(withPeers(Roles.LOAD_BALANCER, Roles.NODES, Roles.API_CLIENTS, Roles.KUBERNETES_API));
        GroupSpec without = profile(Profiles.RANCHER_SERVER_DOCKER)
                .spec(withPeers(Roles.NODES, Roles.API_CLIENTS, Roles.KUBERNETES_API));

        assertThat(keys(without)).as("the Docker tab without a load balancer: all but the row for one")
                .containsExactlyInAnyOrderElementsOf(keys(with).stream()
                        .filter(k -> !k.peer().equals(peer(Roles.LOAD_BALANCER))).toList())
                .hasSize(keys(with).size() - 1);
    }

    // ---- Downstream nodes: port-tables.md sections 1 and 2 ----------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER})
    void nodePoolProfilesAreSectionOne(String role) {
        Expected expected = downstream(role, true, false);
        expected.assertKeys(profile("node-pool-" + role).spec(downstreamOptions(role, true)));
    }

    @ParameterizedTest
    @ValueSource(strings = {Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER})
    void customNodeProfilesAreSectionOneChangedBySectionTwo(String role) {
        downstream(role, false, false).assertKeys(profile("custom-" + role).spec(downstreamOptions(role, false)));
        downstream(role, false, true).assertKeys(profile("custom-" + role)
                .spec(downstreamOptions(role, false).withWindowsOverlay(true)));
    }

    @Test
    void theControlplaneOpensTheApiToClientsOnlyWithAnAuthorizedClusterEndpoint() {
        for (String profile : List.of(Profiles.NODE_POOL_CONTROLPLANE, Profiles.CUSTOM_CONTROLPLANE)) {
            boolean nodePool = profile.startsWith("node-pool");
            GroupSpec with = profile(profile).spec(downstreamOptions(Roles.CONTROLPLANE, nodePool));
            GroupSpec without = profile(profile).spec(nodePool
                    ? withPeers(Roles.ETCD, Roles.WORKER, Roles.RANCHER) : withPeers(Roles.ETCD, Roles.WORKER));

            assertThat(keys(with)).as("%s with api-clients", profile)
                    .contains(new RuleKey(Direction.INGRESS, Protocol.TCP, PortRange.of(6443), peer(Roles.API_CLIENTS)));
            assertThat(keys(without)).as("%s without api-clients: the other rules, unchanged", profile)
                    .containsExactlyInAnyOrderElementsOf(keys(with).stream()
                            .filter(k -> !k.peer().equals(peer(Roles.API_CLIENTS))).toList());
        }
    }

    private static ProfileOptions downstreamOptions(String role, boolean nodePool) {
        List<String> roles = new ArrayList<>(List.of(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER));
        roles.remove(role);
        if (nodePool) {
            roles.add(Roles.RANCHER);
        }
        if (role.equals(Roles.CONTROLPLANE)) {
            roles.add(Roles.API_CLIENTS);
        }
        if (role.equals(Roles.WORKER)) {
            roles.add(Roles.WORKLOAD_CLIENTS);
        }
        return withPeers(roles.toArray(String[]::new));
    }

    /** Section 1's rows that arrive at {@code role}, changed by section 2's list for custom nodes. */
    private static Expected downstream(String role, boolean nodePool, boolean windowsOverlay) {
        Function<String, Peer> peerOf = name -> name.equals(role) ? Peer.self() : peer(name);
        Expected expected = new Expected();
        List<RuleKey> outbound = new ArrayList<>();
        List<RuleKey> local = new ArrayList<>();
        for (List<String> row : body(table(SPEC, "## 1. Downstream nodes, \"Node Pools\" (ports-iaas-nodes)"))) {
            String from = row.get(0);
            String to = row.get(1);
            List<RuleKey> ports = portsOf(row.get(2));
            if (OUTBOUND_TARGETS.contains(to)) {
                if (downstreamRoles(from).contains(role)) {
                    ports.forEach(p -> outbound.add(expected.addKey(with(p, Direction.EGRESS, peerOfTarget(to)))));
                }
                continue;
            }
            if (to.equals("same node")) {
                if (from.contains(abbreviation(role) + " -> " + abbreviation(role))) {
                    ports.forEach(p -> local.add(expected.addKey(with(p, Direction.INGRESS, Peer.self()))));
                }
                continue;
            }
            if (!downstreamRoles(to).contains(role)) {
                continue;
            }
            for (String source : downstreamRoles(from)) {
                if (!nodePool && source.equals(Roles.RANCHER)) {
                    continue; // section 2 below names it
                }
                ports.forEach(p -> expected.add(with(p, Direction.INGRESS, peerOf.apply(source))));
            }
        }
        expected.minus(new Difference("\"" + role + " -> Rancher\" and \"-> external load balancer\" (TCP 443):"
                + " covered by outbound all traffic", outbound));
        expected.plus(new Difference("outbound all traffic to 0.0.0.0/0, as in a new EC2 group", List.of(ALL_OUT)));
        if (!local.isEmpty()) {
            expected.minus(new Difference("local traffic (note b): the node talks to itself, no rule", local));
        }
        if (!nodePool) {
            String customs = section(SPEC, "## 2. Downstream nodes, \"Custom Nodes\" (ports-custom-nodes)");
            Matcher noDriver = Pattern.compile("- no (.+) from Rancher").matcher(customs);
            assertThat(noDriver.find()).as("section 2 names the node driver ports custom nodes lack").isTrue();
            assertThat(portsOf(noDriver.group(1).replace(" / ", ", "))).as("section 2's node driver ports")
                    .isNotEmpty().allSatisfy(p -> assertThat(expected.keys).noneMatch(k -> k.ports().equals(p.ports())
                            && k.peer().equals(peer(Roles.RANCHER))));
            Matcher windows = Pattern.compile("- every role also accepts (\\S+ \\d+) from every role").matcher(customs);
            assertThat(windows.find()).as("section 2 names the Windows overlay port").isTrue();
            if (windowsOverlay) {
                for (String source : List.of(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER)) {
                    portsOf(windows.group(1)).forEach(p -> expected.add(with(p, Direction.INGRESS, peerOf.apply(source))));
                }
            }
        }
        return expected;
    }

    /** The roles a section 1 cell names ("etcd, CP, worker", "every role", "workload clients or ..."). */
    private static List<String> downstreamRoles(String cell) {
        return switch (cell) {
            case "Rancher" -> List.of(Roles.RANCHER);
            case "Kubernetes API clients" -> List.of(Roles.API_CLIENTS);
            case "workload clients or load balancer" -> List.of(Roles.WORKLOAD_CLIENTS);
            case "every role" -> List.of(Roles.ETCD, Roles.CONTROLPLANE, Roles.WORKER);
            default -> {
                if (cell.contains("->")) {
                    yield List.of();
                }
                List<String> roles = new ArrayList<>();
                for (String name : cell.split(",\\s*")) {
                    roles.add(switch (name.strip()) {
                        case "etcd" -> Roles.ETCD;
                        case "CP" -> Roles.CONTROLPLANE;
                        case "worker" -> Roles.WORKER;
                        default -> throw new AssertionError("unknown role '" + name + "' in cell '" + cell + "'");
                    });
                }
                yield roles;
            }
        };
    }

    private static String abbreviation(String role) {
        return role.equals(Roles.CONTROLPLANE) ? "CP" : role;
    }

    /** Outbound targets are not peers of any profile role: the test only needs them apart. */
    private static Peer peerOfTarget(String target) {
        return Peer.groupNamed("target-" + target.replace(" ", "-"));
    }

    // ---- Hosted and imported clusters: port-tables.md section 3 ------------------------------------

    @Test
    void hostedImportedIsSectionThreeWithTheFixedPortsOnly() {
        Expected expected = new Expected();
        List<String> providerDependent = new ArrayList<>();
        List<RuleKey> outbound = new ArrayList<>();
        for (List<String> row : body(table(SPEC, "## 3. Hosted and imported clusters (ports-imported-hosted)"))) {
            List<RuleKey> ports = portsOf(row.get(2));
            if (ports.isEmpty()) {
                providerDependent.add(row.get(0) + " -> " + row.get(1) + ": " + row.get(2));
            } else if (row.get(1).equals("cluster")) {
                assertThat(row.get(0)).as("a fixed-port row into the cluster").isEqualTo("Rancher");
                ports.forEach(p -> expected.add(with(p, Direction.INGRESS, peer(Roles.RANCHER))));
            } else {
                ports.forEach(p -> outbound.add(expected.addKey(with(p, Direction.EGRESS, peerOfTarget(row.get(1))))));
            }
        }
        assertThat(providerDependent).as("rows left out: their ports are provider dependent").hasSize(3);
        expected.minus(new Difference("cluster -> Rancher and -> load balancer (TCP 443): covered by outbound all"
                + " traffic", outbound));
        expected.plus(new Difference("outbound all traffic to 0.0.0.0/0, as in a new EC2 group", List.of(ALL_OUT)));

        expected.assertKeys(profile(Profiles.HOSTED_IMPORTED).spec(withPeers(Roles.RANCHER)));
    }

    // ---- Commonly Used Ports: the seed's table -----------------------------------------------------

    @Test
    void commonlyUsedPortsIsTheTableWithSourcesByRole() {
        Expected expected = new Expected();
        List<RuleKey> local = new ArrayList<>();
        for (List<String> row : body(table(SEED, "### Commonly Used Ports"))) {
            String description = row.get(2);
            for (RuleKey port : portsOf(row.get(0) + " " + row.get(1).replace("</br>", ""))) {
                Peer source;
                if (description.startsWith("Node driver")) {
                    source = peer(Roles.RANCHER);
                } else if (description.startsWith("NodePort")) {
                    source = peer(Roles.WORKLOAD_CLIENTS);
                } else {
                    source = Peer.self();
                }
                RuleKey key = with(port, Direction.INGRESS, source);
                expected.add(key, description);
                if (description.contains("livenessProbe/readinessProbe")) {
                    local.add(key);
                }
            }
        }
        expected.minus(new Difference("TCP 9099 and TCP 10254 (probes): local node traffic, no rule", local));
        expected.plus(new Difference("outbound all traffic to 0.0.0.0/0, as in a new EC2 group", List.of(ALL_OUT)));
        assertThat(local).as("the probe rows").hasSize(2);

        expected.assertEquals(profile(Profiles.COMMONLY_USED_PORTS)
                .spec(withPeers(Roles.RANCHER, Roles.WORKLOAD_CLIENTS)));
    }

    // ---- RKE2 nodes in one group: port-tables.md section 5 ------------------------------------------

    @Test
    void rke2NodesOpensEveryRowOfSectionFiveFromTheGroup() {
        Expected expected = new Expected();
        for (List<String> row : body(table(SPEC, "## 5. RKE2 node requirements (inbound; outbound typically all allowed)"))) {
            Protocol main = Protocol.parse(row.get(1).split(",")[0].strip());
            for (String port : row.get(0).split(",\\s+|\\s+/\\s+")) {
                PortRange range;
                Protocol protocol = main;
                if (port.startsWith("ICMP ")) {
                    String[] typeCode = port.substring(5).split("/");
                    protocol = Protocol.ICMP;
                    range = PortRange.icmp(Integer.parseInt(typeCode[0]), Integer.parseInt(typeCode[1]));
                } else {
                    range = PortRange.parse(port);
                }
                expected.add(new RuleKey(Direction.INGRESS, protocol, range, Peer.self()));
            }
        }
        expected.plus(new Difference("\"outbound typically all allowed\": the heading's words as a rule",
                List.of(ALL_OUT)));

        expected.assertKeys(profile(Profiles.RKE2_NODES).spec(ProfileOptions.defaults()));
    }

    // ---- Reading the page ------------------------------------------------------------------------

    /** What the page says a profile holds, and what the profile does differently on purpose. */
    private static final class Expected {
        private final Set<RuleKey> keys = new LinkedHashSet<>();
        private final Map<RuleKey, String> descriptions = new LinkedHashMap<>();
        private final List<Difference> removed = new ArrayList<>();
        private final List<Difference> added = new ArrayList<>();

        Expected add(RuleKey key) {
            assertThat(keys.add(key)).as("the page names %s once", key).isTrue();
            return this;
        }

        RuleKey addKey(RuleKey key) {
            add(key);
            return key;
        }

        Expected add(RuleKey key, String description) {
            descriptions.put(key, description);
            return add(key);
        }

        /** A table of Protocol, Port, Source or Destination, Description: one rule per peer the cell names. */
        Expected rows(Direction direction, List<List<String>> table, Map<String, List<Peer>> peers) {
            assertThat(table.get(0)).as("header").startsWith("Protocol", "Port");
            for (List<String> row : body(table)) {
                if (!row.get(1).matches("[\\d-]+")) {
                    continue; // "Provider dependent": named by the test as a difference
                }
                for (String cell : listItems(row.get(2))) {
                    for (Peer peer : peersOf(cell, peers)) {
                        add(new RuleKey(direction, Protocol.parse(row.get(0)), PortRange.parse(row.get(1)), peer),
                                row.get(3));
                    }
                }
            }
            return this;
        }

        Expected minus(Difference difference) {
            removed.add(difference);
            return this;
        }

        Expected plus(Difference difference) {
            added.add(difference);
            return this;
        }

        Set<RuleKey> expectedKeys() {
            Set<RuleKey> expected = new LinkedHashSet<>(keys);
            for (Difference difference : removed) {
                assertThat(keys).as("the page has what '%s' leaves out", difference.why())
                        .containsAll(difference.keys());
                expected.removeAll(difference.keys());
            }
            for (Difference difference : added) {
                assertThat(keys).as("the page lacks what '%s' adds", difference.why())
                        .doesNotContainAnyElementsOf(difference.keys());
                expected.addAll(difference.keys());
            }
            return expected;
        }

        void assertKeys(GroupSpec spec) {
            assertThat(spec.rules()).as("%s: one rule per key", spec.name()).hasSameSizeAs(keys(spec));
            assertThat(keys(spec)).as("%s vs its table; on purpose: %s", spec.name(), differences())
                    .containsExactlyInAnyOrderElementsOf(expectedKeys());
        }

        void assertEquals(GroupSpec spec) {
            assertKeys(spec);
            Map<RuleKey, String> wanted = new LinkedHashMap<>(descriptions);
            wanted.keySet().retainAll(expectedKeys());
            Map<RuleKey, String> actual = spec.rules().stream().filter(r -> wanted.containsKey(r.key()))
                    .collect(Collectors.toMap(Rule::key, Rule::description));
            assertThat(actual).as("%s: descriptions in the page's words", spec.name()).isEqualTo(wanted);
        }

        private String differences() {
            List<String> all = new ArrayList<>();
            removed.forEach(d -> all.add("- " + d.why()));
            added.forEach(d -> all.add("+ " + d.why()));
            return String.join("; ", all);
        }
    }

    /** Where a profile differs from its table on purpose, why, and the rules concerned. */
    private record Difference(String why, List<RuleKey> keys) {
    }

    private static List<Peer> peersOf(String cell, Map<String, List<Peer>> peers) {
        if (cell.startsWith("`")) {
            List<Peer> cidrs = new ArrayList<>();
            for (String ip : cell.split(",")) {
                String address = ip.replace("`", "").strip();
                cidrs.add(Peer.cidr(address.contains("/") ? address : address + "/32"));
            }
            return cidrs;
        }
        assertThat(peers).as("the page's cell '%s' names a known peer", cell).containsKey(cell);
        return peers.get(cell);
    }

    /** {@code <ul><li>a</li><li>b</li></ul>} as {@code [a, b]}; any other cell as itself. */
    private static List<String> listItems(String cell) {
        if (!cell.startsWith("<ul>")) {
            return List.of(cell);
        }
        List<String> items = new ArrayList<>();
        Matcher item = Pattern.compile("<li>(.*?)</li>").matcher(cell);
        while (item.find()) {
            items.add(item.group(1).strip());
        }
        return items;
    }

    /** "TCP 22, TCP 2376", "TCP/UDP 30000-32767, TCP 80" as rule keys without direction or peer. */
    private static List<RuleKey> portsOf(String cell) {
        List<RuleKey> keys = new ArrayList<>();
        Matcher matcher = PROTOCOL_PORTS.matcher(cell.replaceAll("\\s+", " ").strip());
        while (matcher.find()) {
            for (String protocol : matcher.group(1).split("/")) {
                keys.add(new RuleKey(Direction.INGRESS, Protocol.parse(protocol), PortRange.parse(matcher.group(2)),
                        Peer.self()));
            }
        }
        return keys;
    }

    private static RuleKey with(RuleKey port, Direction direction, Peer peer) {
        return new RuleKey(direction, port.protocol(), port.ports(), peer);
    }

    private static List<List<String>> table(String markdown, String heading) {
        return SeedPage.tableAfterHeading(markdown, heading);
    }

    private static List<List<String>> body(List<List<String>> table) {
        return table.subList(1, table.size());
    }

    /** The text from the heading to the next heading of level 2. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf(heading);
        assertThat(start).as("heading '%s'", heading).isNotNegative();
        int end = markdown.indexOf("\n## ", start + heading.length());
        return markdown.substring(start, end < 0 ? markdown.length() : end);
    }

    private static List<RuleKey> keys(GroupSpec spec) {
        return spec.rules().stream().map(Rule::key).toList();
    }
}
