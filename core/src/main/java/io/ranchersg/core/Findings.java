package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * The security warnings the Rancher port-requirements page makes, applied to rules.
 *
 * <p>Inbound rules are judged by their effective exposure: for each sensitive port, the union of
 * the CIDR blocks that reach it, IPv4 and IPv6 apart, against the public internet
 * ({@link PublicReach}). {@code 0.0.0.0/1} on one rule and {@code 128.0.0.0/1} on another open the
 * port to the world as surely as {@code 0.0.0.0/0} does; a union wider than a /8 of public space is
 * broad, and its finding one severity below the world's. A rule counts when its port range covers
 * a sensitive port (TCP 0-65535 covers etcd's 2379), and all traffic from the world is one finding
 * of its own rather than one per port.
 */
public final class Findings {

    /** Code of all traffic open to the world (critical). */
    public static final String WORLD_OPEN_ALL_TRAFFIC = "world-open-all-traffic";
    /** Code of etcd, TCP 2379-2380, open to the world (critical). */
    public static final String WORLD_OPEN_ETCD = "world-open-etcd";
    /** Code of VXLAN, UDP 8472 or 4789, open to the world (critical). */
    public static final String WORLD_OPEN_VXLAN = "world-open-vxlan";
    /** Code of the kubelet API, TCP 10250, open to the world (high). */
    public static final String WORLD_OPEN_KUBELET = "world-open-kubelet";
    /** Code of SSH, TCP 22, open to the world (medium). */
    public static final String WORLD_OPEN_SSH = "world-open-ssh";
    /** Code of Docker TLS, TCP 2376, open to the world (medium). */
    public static final String WORLD_OPEN_DOCKER_TLS = "world-open-docker-tls";

    /** One warning: a protocol and the sensitive ports in it, with the reason. */
    private record Check(String code, Severity severity, Protocol protocol, List<PortRange> ports, String what,
                         String why) {

        /**
         * The widest exposure of any port of the check: the check's ranges are cut where a rule's
         * range starts or ends, and each piece is judged by the union of the rules that cover it whole.
         */
        Exposure exposure(List<Rule> open, boolean ipv6) {
            List<Rule> reaching = open.stream().filter(r -> r.protocol() == Protocol.ALL
                    || (r.protocol() == protocol && ports.stream().anyMatch(p -> p.overlaps(r.ports())))).toList();
            Exposure worst = new Exposure(PublicReach.LIMITED, List.of());
            for (PortRange range : ports) {
                TreeSet<Integer> cuts = new TreeSet<>(List.of(range.from(), range.to() + 1));
                for (Rule rule : reaching) {
                    if (rule.ports() != null) {
                        cuts.add(Math.max(rule.ports().from(), range.from()));
                        cuts.add(Math.min(rule.ports().to(), range.to()) + 1);
                    }
                }
                for (int from : cuts.headSet(range.to() + 1)) {
                    int to = cuts.higher(from) - 1;
                    List<Rule> covering = reaching.stream().filter(r -> r.ports() == null
                            || (r.ports().from() <= from && to <= r.ports().to())).toList();
                    Exposure here = covering.isEmpty() ? worst : Exposure.of(covering, ipv6);
                    if (here.reach().compareTo(worst.reach()) > 0) {
                        worst = here;
                    }
                }
            }
            return worst;
        }
    }

    private static final List<Check> CHECKS = List.of(
            new Check(WORLD_OPEN_ETCD, Severity.CRITICAL, Protocol.TCP, List.of(PortRange.of(2379, 2380)),
                    "etcd (TCP 2379-2380)", "etcd holds the whole cluster state, secrets included"),
            new Check(WORLD_OPEN_VXLAN, Severity.CRITICAL, Protocol.UDP, List.of(PortRange.of(8472), PortRange.of(4789)),
                    "the VXLAN overlay (UDP 8472/4789)",
                    "the page says the VXLAN port must never be exposed to the world, as it opens the cluster"
                            + " network to anyone"),
            new Check(WORLD_OPEN_KUBELET, Severity.HIGH, Protocol.TCP, List.of(PortRange.of(10250)),
                    "the kubelet API (TCP 10250)", "the kubelet can run commands in every pod on the node"),
            new Check(WORLD_OPEN_SSH, Severity.MEDIUM, Protocol.TCP, List.of(PortRange.of(22)),
                    "SSH (TCP 22)", "node driver provisioning only needs it from Rancher"),
            new Check(WORLD_OPEN_DOCKER_TLS, Severity.MEDIUM, Protocol.TCP, List.of(PortRange.of(2376)),
                    "the Docker daemon TLS port (TCP 2376)", "node driver provisioning only needs it from Rancher"));

    /** Every code a finding can have, most severe first. */
    public static final List<String> CODES = List.of(WORLD_OPEN_ALL_TRAFFIC, WORLD_OPEN_ETCD, WORLD_OPEN_VXLAN,
            WORLD_OPEN_KUBELET, WORLD_OPEN_SSH, WORLD_OPEN_DOCKER_TLS);

    private Findings() {
    }

    /** The findings for the rules, most severe first, then in {@link Rules#ORDER}. */
    public static List<Finding> of(Collection<Rule> rules) {
        List<Finding> findings = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            List<Rule> open = Rules.sorted(rules).stream()
                    .filter(r -> r.direction() == Direction.INGRESS && r.peer() instanceof Peer.Cidr cidr
                            && cidr.ipv6() == ipv6)
                    .toList();
            Exposure all = Exposure.of(open.stream().filter(r -> r.protocol() == Protocol.ALL).toList(), ipv6);
            if (all.reach() != PublicReach.LIMITED) {
                findings.add(all.finding(WORLD_OPEN_ALL_TRAFFIC, Severity.CRITICAL,
                        "every port, etcd, kubelet and VXLAN included"));
            }
            for (Check check : CHECKS) {
                Exposure worst = check.exposure(open, ipv6);
                // An all-traffic finding as wide says it already.
                if (worst.reach() != PublicReach.LIMITED && worst.reach().compareTo(all.reach()) > 0) {
                    findings.add(worst.finding(check.code(), check.severity(), check.what() + ": " + check.why()));
                }
            }
        }
        // A stable sort keeps the checks' order for one rule.
        findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rule, Rules.ORDER));
        return List.copyOf(findings);
    }

    /**
     * How far one set of rules opens a port to the public internet: the reach of the union of their
     * blocks, and the rules that make it up.
     */
    private record Exposure(PublicReach reach, List<Rule> rules) {

        static Exposure of(List<Rule> rules, boolean ipv6) {
            return new Exposure(PublicReach.of(rules.stream().map(r -> (Peer.Cidr) r.peer()).toList(), ipv6), rules);
        }

        /** The finding, named after the widest rule; a broad reach is one severity below the world's. */
        Finding finding(String code, Severity worldSeverity, String what) {
            Rule widest = rules.stream().min(Comparator.comparingInt(r -> ((Peer.Cidr) r.peer()).prefixLength()))
                    .orElseThrow();
            boolean world = reach == PublicReach.WORLD;
            Severity severity = world || worldSeverity == Severity.LOW ? worldSeverity
                    : Severity.values()[worldSeverity.ordinal() - 1];
            String who = rules.size() == 1 ? widest.key().toString()
                    : widest.key() + " and " + (rules.size() - 1) + " other rule" + (rules.size() == 2 ? "" : "s")
                            + " together";
            return new Finding(severity, code, widest, who + (rules.size() == 1 ? " exposes " : " expose ") + what
                    + (world ? " to the world" : " to a broad part of the internet (more than a /8)"));
        }
    }

}
