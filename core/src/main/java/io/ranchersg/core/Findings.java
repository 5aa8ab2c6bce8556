package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    /** Code of the RKE2 supervisor, TCP 9345, open to the world (high). */
    public static final String WORLD_OPEN_RKE2_SUPERVISOR = "world-open-rke2-supervisor";
    /** Code of remote desktop, TCP 3389, open to the world (high). */
    public static final String WORLD_OPEN_RDP = "world-open-rdp";
    /** Code of a VPC's default security group that holds rules (high). */
    public static final String DEFAULT_GROUP_OPEN = "default-group-open";
    /** The VPC's default group should hold no rule: AWS FSBP EC2.2, CIS AWS Foundations 5.4. */
    private static final List<Control> DEFAULT_GROUP_CONTROLS = List.of(Control.fsbp("EC2.2"), Control.cis("5.4"));

    /**
     * Code of a port open to the world that neither AWS's defaults (80, 443) nor the group's own spec
     * authorize, and no finding of its own names (medium).
     */
    public static final String WORLD_OPEN_UNAUTHORIZED_PORT = "world-open-unauthorized-port";
    /** Code of a port AWS Security Hub's EC2.19 lists as high risk (databases, file sharing, mail) open to the world (high). */
    public static final String WORLD_OPEN_HIGH_RISK_PORT = "world-open-high-risk-port";

    /**
     * The TCP ports of AWS Security Hub control EC2.19 ("Security groups should not allow unrestricted
     * access to ports with high risk"), but for SSH and RDP, which have findings of their own.
     */
    private static final List<PortRange> HIGH_RISK_PORTS = List.of(PortRange.of(20, 21), PortRange.of(23),
            PortRange.of(25), PortRange.of(110), PortRange.of(135), PortRange.of(143), PortRange.of(445),
            PortRange.of(1433, 1434), PortRange.of(3000), PortRange.of(3306), PortRange.of(4333), PortRange.of(5000),
            PortRange.of(5432), PortRange.of(5500), PortRange.of(5601), PortRange.of(8080), PortRange.of(8088),
            PortRange.of(8888), PortRange.of(9200), PortRange.of(9300));

    /** Unrestricted ingress to a port other than those authorized (80 and 443 by default). */
    private static final Control UNAUTHORIZED_PORT = Control.fsbp("EC2.18");
    private static final Control HIGH_RISK_PORT = Control.fsbp("EC2.19");
    /** Remote server administration ports open to 0.0.0.0/0, and to ::/0. */
    private static final List<Control> ADMIN_IPV4 = List.of(Control.fsbp("EC2.53"), Control.cis("5.2"));
    private static final List<Control> ADMIN_IPV6 = List.of(Control.fsbp("EC2.54"), Control.cis("5.3"));

    /**
     * One warning: a protocol and the sensitive ports in it, with the reason, and the controls a
     * world-wide exposure fails, by address family.
     */
    private record Check(String code, Severity severity, Protocol protocol, List<PortRange> ports, String what,
                         String why, List<Control> ipv4Controls, List<Control> ipv6Controls) {

        Check(String code, Severity severity, Protocol protocol, List<PortRange> ports, String what, String why) {
            this(code, severity, protocol, ports, what, why, List.of(UNAUTHORIZED_PORT), List.of(UNAUTHORIZED_PORT));
        }

        List<Control> controls(boolean ipv6) {
            return ipv6 ? ipv6Controls : ipv4Controls;
        }

        /**
         * The widest exposure of any port of the check: the check's ranges are cut where a rule's
         * range starts or ends, and each piece is judged by the union of the rules that cover it whole.
         */
        Exposure exposure(List<Opening> open, boolean ipv6) {
            List<Opening> reaching = open.stream().filter(o -> o.rule().protocol() == Protocol.ALL
                    || (o.rule().protocol() == protocol && ports.stream().anyMatch(p -> p.overlaps(o.rule().ports()))))
                    .toList();
            Exposure worst = new Exposure(PublicReach.LIMITED, List.of());
            for (PortRange range : ports) {
                TreeSet<Integer> cuts = new TreeSet<>(List.of(range.from(), range.to() + 1));
                for (Opening opening : reaching) {
                    PortRange ports = opening.rule().ports();
                    if (ports != null) {
                        cuts.add(Math.max(ports.from(), range.from()));
                        cuts.add(Math.min(ports.to(), range.to()) + 1);
                    }
                }
                for (int from : cuts.headSet(range.to() + 1)) {
                    int to = cuts.higher(from) - 1;
                    List<Opening> covering = reaching.stream().filter(o -> o.rule().ports() == null
                            || (o.rule().ports().from() <= from && to <= o.rule().ports().to())).toList();
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
            new Check(WORLD_OPEN_RKE2_SUPERVISOR, Severity.HIGH, Protocol.TCP, List.of(PortRange.of(9345)),
                    "the RKE2 supervisor (TCP 9345)", "it registers nodes and hands them the cluster's join token;"
                            + " only the cluster's own nodes need it"),
            new Check(WORLD_OPEN_RDP, Severity.HIGH, Protocol.TCP, List.of(PortRange.of(3389)),
                    "remote desktop (TCP 3389)", "no Rancher node needs it, and it is a favourite of brute-force"
                            + " attacks", plus(List.of(Control.fsbp("EC2.14"), UNAUTHORIZED_PORT, HIGH_RISK_PORT),
                            ADMIN_IPV4), plus(List.of(UNAUTHORIZED_PORT, HIGH_RISK_PORT), ADMIN_IPV6)),
            new Check(WORLD_OPEN_HIGH_RISK_PORT, Severity.HIGH, Protocol.TCP, HIGH_RISK_PORTS,
                    "a port AWS lists as high risk (FTP, Telnet, SMTP, POP3, RPC, IMAP, CIFS, MSSQL, MySQL,"
                            + " PostgreSQL, OpenSearch, development servers)", "no Rancher node needs it",
                    List.of(UNAUTHORIZED_PORT, HIGH_RISK_PORT), List.of(UNAUTHORIZED_PORT, HIGH_RISK_PORT)),
            new Check(WORLD_OPEN_SSH, Severity.MEDIUM, Protocol.TCP, List.of(PortRange.of(22)),
                    "SSH (TCP 22)", "node driver provisioning only needs it from Rancher",
                    plus(List.of(Control.fsbp("EC2.13"), UNAUTHORIZED_PORT, HIGH_RISK_PORT), ADMIN_IPV4),
                    plus(List.of(UNAUTHORIZED_PORT, HIGH_RISK_PORT), ADMIN_IPV6)),
            new Check(WORLD_OPEN_DOCKER_TLS, Severity.MEDIUM, Protocol.TCP, List.of(PortRange.of(2376)),
                    "the Docker daemon TLS port (TCP 2376)", "node driver provisioning only needs it from Rancher"));

    /** What all traffic from the world fails: every port, remote administration and high-risk ones included. */
    private static final List<Control> ALL_TRAFFIC_IPV4 = plus(List.of(Control.fsbp("EC2.13"), Control.fsbp("EC2.14"),
            UNAUTHORIZED_PORT, HIGH_RISK_PORT), ADMIN_IPV4);
    private static final List<Control> ALL_TRAFFIC_IPV6 = plus(List.of(UNAUTHORIZED_PORT, HIGH_RISK_PORT), ADMIN_IPV6);

    /** Every code a finding can have, most severe first. */
    public static final List<String> CODES = List.of(WORLD_OPEN_ALL_TRAFFIC, WORLD_OPEN_ETCD, WORLD_OPEN_VXLAN,
            WORLD_OPEN_KUBELET, WORLD_OPEN_RKE2_SUPERVISOR, WORLD_OPEN_RDP, WORLD_OPEN_HIGH_RISK_PORT, WORLD_OPEN_SSH,
            WORLD_OPEN_DOCKER_TLS, WORLD_OPEN_UNAUTHORIZED_PORT, DEFAULT_GROUP_OPEN);

    /** The TCP ports AWS Security Hub's EC2.18 authorizes by default. */
    private static final List<PortRange> AUTHORIZED_BY_DEFAULT = List.of(PortRange.of(80), PortRange.of(443));

    private Findings() {
    }

    /**
     * What a finding of one code judges, for the README's table.
     *
     * @param code         the code
     * @param severity     its severity when the world can reach the port (one lower when a broad part can)
     * @param what         the ports
     * @param why          why it matters
     * @param ipv4Controls the controls a world-wide IPv4 exposure fails
     * @param ipv6Controls the controls a world-wide IPv6 exposure fails
     */
    public record Kind(String code, Severity severity, String what, String why, List<Control> ipv4Controls,
                       List<Control> ipv6Controls) {
    }

    /** Every kind of finding, in {@link #CODES} order. */
    public static List<Kind> catalogue() {
        List<Kind> kinds = new ArrayList<>();
        kinds.add(new Kind(WORLD_OPEN_ALL_TRAFFIC, Severity.CRITICAL, "all traffic",
                "every port, etcd, kubelet and VXLAN included", ALL_TRAFFIC_IPV4, ALL_TRAFFIC_IPV6));
        CHECKS.forEach(c -> kinds.add(new Kind(c.code(), c.severity(), c.what(), c.why(), c.ipv4Controls(),
                c.ipv6Controls())));
        kinds.add(new Kind(WORLD_OPEN_UNAUTHORIZED_PORT, Severity.MEDIUM, "any other TCP or UDP port",
                "neither 80 and 443 nor the group's own rules open it to anyone", List.of(UNAUTHORIZED_PORT),
                List.of(UNAUTHORIZED_PORT)));
        kinds.add(new Kind(DEFAULT_GROUP_OPEN, Severity.HIGH, "any rule of a VPC's default group (scan"
                + " --include-default-groups)", "every instance or interface launched without a group of its own"
                + " gets them", DEFAULT_GROUP_CONTROLS, DEFAULT_GROUP_CONTROLS));
        kinds.sort(Comparator.comparing(k -> CODES.indexOf(k.code())));
        return List.copyOf(kinds);
    }

    private static List<Control> plus(List<Control> first, List<Control> more) {
        List<Control> all = new ArrayList<>(first);
        all.addAll(more);
        return List.copyOf(all);
    }

    /** The findings for the rules, most severe first, then in {@link Rules#ORDER}; prefix lists not judged. */
    public static List<Finding> of(Collection<Rule> rules) {
        return of(rules, PrefixLists.NONE);
    }

    /**
     * The findings for the rules, most severe first, then in {@link Rules#ORDER}: a rule naming a
     * prefix list that was read is judged by the list's blocks, and reported as itself. The rules'
     * own ports count as authorized (see {@link #of(Collection, PrefixLists, Collection)}).
     */
    public static List<Finding> of(Collection<Rule> rules, PrefixLists lists) {
        return of(rules, lists, rules);
    }

    /**
     * As {@link #of(Collection, PrefixLists)}, with the ports that may be open to anyone: 80 and 443
     * (EC2.18's defaults) and those the {@code authorized} rules open (a group's own spec, the page's
     * table). Any other port the world reaches, and no finding of its own names, is a
     * {@value #WORLD_OPEN_UNAUTHORIZED_PORT} finding. Rules are judged together where they open the
     * same protocol and ports.
     */
    public static List<Finding> of(Collection<Rule> rules, PrefixLists lists, Collection<Rule> authorized) {
        List<Finding> findings = new ArrayList<>();
        for (boolean ipv6 : new boolean[] {false, true}) {
            List<Opening> open = openings(rules, lists, ipv6);
            Exposure all = Exposure.of(open.stream().filter(o -> o.rule().protocol() == Protocol.ALL).toList(), ipv6);
            if (all.reach() != PublicReach.LIMITED) {
                findings.add(all.finding(WORLD_OPEN_ALL_TRAFFIC, Severity.CRITICAL,
                        "every port, etcd, kubelet and VXLAN included", ipv6 ? ALL_TRAFFIC_IPV6 : ALL_TRAFFIC_IPV4));
            }
            for (Check check : CHECKS) {
                Exposure worst = check.exposure(open, ipv6);
                // An all-traffic finding as wide says it already.
                if (worst.reach() != PublicReach.LIMITED && worst.reach().compareTo(all.reach()) > 0) {
                    findings.add(worst.finding(check.code(), check.severity(), check.what() + ": " + check.why(),
                            check.controls(ipv6)));
                }
            }
            if (all.reach() == PublicReach.LIMITED) {
                findings.addAll(unauthorized(open, ipv6, authorized));
            }
        }
        // A stable sort keeps the checks' order for one rule.
        findings.sort(Comparator.comparing(Finding::severity).reversed().thenComparing(Finding::rule, Rules.ORDER));
        return List.copyOf(findings);
    }

    /**
     * The finding of a VPC's default security group: any rule it holds (EC2 gives it all traffic
     * from itself and to everywhere) reaches every instance and interface launched without a group
     * of its own. One finding, named after its first rule; none for an empty group.
     */
    public static List<Finding> ofDefaultGroup(Collection<Rule> rules) {
        List<Rule> sorted = Rules.sorted(rules);
        if (sorted.isEmpty()) {
            return List.of();
        }
        return List.of(new Finding(Severity.HIGH, DEFAULT_GROUP_OPEN, sorted.get(0), "the VPC's default security"
                + " group holds " + sorted.size() + " rule" + (sorted.size() == 1 ? "" : "s") + " (" + sorted.get(0).key()
                + (sorted.size() == 1 ? "" : ", ...") + "): every instance or interface launched without a group of"
                + " its own gets them; the default group should allow nothing", DEFAULT_GROUP_CONTROLS));
    }

    /** World-open TCP and UDP ports that nothing authorizes and no check of the catalogue names. */
    private static List<Finding> unauthorized(List<Opening> open, boolean ipv6, Collection<Rule> authorized) {
        Map<List<Object>, List<Opening>> byPorts = new LinkedHashMap<>();
        for (Opening opening : open) {
            Rule rule = opening.rule();
            if (rule.protocol() == Protocol.TCP || rule.protocol() == Protocol.UDP) {
                byPorts.computeIfAbsent(List.of(rule.protocol(), rule.ports()), k -> new ArrayList<>()).add(opening);
            }
        }
        List<Finding> findings = new ArrayList<>();
        byPorts.forEach((key, openings) -> {
            Protocol protocol = (Protocol) key.get(0);
            PortRange ports = (PortRange) key.get(1);
            Exposure exposure = Exposure.of(openings, ipv6);
            if (exposure.reach() != PublicReach.LIMITED && !allowed(protocol, ports, authorized)) {
                findings.add(exposure.finding(WORLD_OPEN_UNAUTHORIZED_PORT, Severity.MEDIUM, protocol.ec2Name() + " "
                        + ports + ", which neither 80 and 443 nor the group's own rules open to anyone: open only what"
                        + " is needed, to whom it is needed", List.of(UNAUTHORIZED_PORT)));
            }
        });
        return findings;
    }

    /** Whether every port of the range is authorized, or named by a check of the catalogue (which judges it). */
    private static boolean allowed(Protocol protocol, PortRange ports, Collection<Rule> authorized) {
        List<PortRange> known = new ArrayList<>();
        if (protocol == Protocol.TCP) {
            known.addAll(AUTHORIZED_BY_DEFAULT);
        }
        authorized.stream().filter(r -> r.direction() == Direction.INGRESS && r.protocol() == protocol
                && (r.peer() instanceof Peer.Cidr || r.peer() instanceof Peer.PrefixList)).forEach(r -> known.add(r.ports()));
        CHECKS.stream().filter(c -> c.protocol() == protocol).forEach(c -> known.addAll(c.ports()));
        known.sort(Comparator.comparingInt(PortRange::from));
        int next = ports.from();
        for (PortRange range : known) {
            if (range.from() > next) {
                break;
            }
            next = Math.max(next, range.to() + 1);
            if (next > ports.to()) {
                return true;
            }
        }
        return next > ports.to();
    }

    /** One inbound rule reaching from one block of a family: its own, or one of its prefix list's. */
    private record Opening(Rule rule, Peer.Cidr block) {
    }

    private static List<Opening> openings(Collection<Rule> rules, PrefixLists lists, boolean ipv6) {
        List<Opening> open = new ArrayList<>();
        for (Rule rule : Rules.sorted(rules)) {
            if (rule.direction() != Direction.INGRESS) {
                continue;
            }
            List<Peer.Cidr> blocks = rule.peer() instanceof Peer.Cidr cidr ? List.of(cidr)
                    : rule.peer() instanceof Peer.PrefixList list ? lists.of(list).orElse(List.of()) : List.of();
            blocks.stream().filter(b -> b.ipv6() == ipv6).forEach(b -> open.add(new Opening(rule, b)));
        }
        return open;
    }

    /**
     * How far one set of rules opens a port to the public internet: the reach of the union of their
     * blocks, and the rules that make it up.
     */
    private record Exposure(PublicReach reach, List<Opening> openings) {

        static Exposure of(List<Opening> openings, boolean ipv6) {
            return new Exposure(PublicReach.of(openings.stream().map(Opening::block).toList(), ipv6), openings);
        }

        /**
         * The finding, named after the widest rule; a broad reach is one severity below the world's,
         * and fails no control (the standards judge the world).
         */
        Finding finding(String code, Severity worldSeverity, String what, List<Control> worldControls) {
            Rule widest = openings.stream().min(Comparator.comparingInt(o -> o.block().prefixLength())).orElseThrow()
                    .rule();
            List<Rule> rules = openings.stream().map(Opening::rule).distinct().toList();
            boolean world = reach == PublicReach.WORLD;
            Severity severity = world || worldSeverity == Severity.LOW ? worldSeverity
                    : Severity.values()[worldSeverity.ordinal() - 1];
            String who = rules.size() == 1 ? widest.key().toString()
                    : widest.key() + " and " + (rules.size() - 1) + " other rule" + (rules.size() == 2 ? "" : "s")
                            + " together";
            return new Finding(severity, code, widest, who + (rules.size() == 1 ? " exposes " : " expose ") + what
                    + (world ? " to the world" : " to a broad part of the internet (more than a /8)"),
                    world ? worldControls : List.of());
        }
    }

}
