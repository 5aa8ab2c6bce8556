package io.ranchersg.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * The security warnings the Rancher port-requirements page makes, applied to rules.
 *
 * <p>Only inbound rules open to the world ({@code 0.0.0.0/0} or {@code ::/0}) are judged. A rule
 * counts when its port range covers a sensitive port (TCP 0-65535 covers etcd's 2379), and all
 * traffic from the world is one critical finding of its own rather than one per port.
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
        boolean matches(Rule rule) {
            return rule.protocol() == protocol && ports.stream().anyMatch(p -> p.overlaps(rule.ports()));
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
        for (Rule rule : Rules.sorted(rules)) {
            if (rule.direction() != Direction.INGRESS || !isWorld(rule.peer())) {
                continue;
            }
            if (rule.protocol() == Protocol.ALL) {
                findings.add(new Finding(Severity.CRITICAL, WORLD_OPEN_ALL_TRAFFIC, rule,
                        rule.key() + " opens every port, etcd, kubelet and VXLAN included, to the world"));
                continue;
            }
            for (Check check : CHECKS) {
                if (check.matches(rule)) {
                    findings.add(new Finding(check.severity(), check.code(), rule,
                            rule.key() + " exposes " + check.what() + " to the world: " + check.why()));
                }
            }
        }
        // A stable sort keeps rule order within one severity.
        findings.sort(Comparator.comparing(Finding::severity).reversed());
        return List.copyOf(findings);
    }

    private static boolean isWorld(Peer peer) {
        return peer instanceof Peer.Cidr cidr && cidr.isAnywhere();
    }
}
