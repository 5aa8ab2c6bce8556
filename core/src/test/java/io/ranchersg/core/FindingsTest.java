package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindingsTest {

    private static Rule worldIn(Protocol protocol, PortRange ports) {
        return Rule.ingress(protocol, ports, Peer.Cidr.ANY_IPV4, "");
    }

    @Test
    void worldOpenVxlanIsCritical() {
        assertThat(Findings.of(List.of(worldIn(Protocol.UDP, PortRange.of(8472)))))
                .extracting(Finding::severity, Finding::code)
                .as("UDP 8472 from the world").containsExactly(tuple(Severity.CRITICAL, Findings.WORLD_OPEN_VXLAN));
        assertThat(Findings.of(List.of(Rule.ingress(Protocol.UDP, PortRange.of(4789), Peer.Cidr.ANY_IPV6, ""))))
                .extracting(Finding::code).as("UDP 4789 from ::/0").containsExactly(Findings.WORLD_OPEN_VXLAN);
    }

    @Test
    void worldOpenEtcdIsCriticalAndKubeletHigh() {
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(2379, 2380)))))
                .extracting(Finding::severity, Finding::code).as("etcd")
                .containsExactly(tuple(Severity.CRITICAL, Findings.WORLD_OPEN_ETCD));
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(10250)))))
                .extracting(Finding::severity, Finding::code).as("kubelet")
                .containsExactly(tuple(Severity.HIGH, Findings.WORLD_OPEN_KUBELET));
    }

    @Test
    void worldOpenSshAndDockerTlsAreMedium() {
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(22)), worldIn(Protocol.TCP, PortRange.of(2376)))))
                .extracting(Finding::severity, Finding::code).as("SSH and Docker TLS")
                .containsExactly(tuple(Severity.MEDIUM, Findings.WORLD_OPEN_SSH),
                        tuple(Severity.MEDIUM, Findings.WORLD_OPEN_DOCKER_TLS));
    }

    @Test
    void rangeCoveringSensitivePortsCounts() {
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.ALL_PORTS))))
                .extracting(Finding::code).as("tcp 0-65535 from the world, most severe first")
                .containsExactly(Findings.WORLD_OPEN_ETCD, Findings.WORLD_OPEN_KUBELET,
                        Findings.WORLD_OPEN_RKE2_SUPERVISOR, Findings.WORLD_OPEN_RDP, Findings.WORLD_OPEN_HIGH_RISK_PORT,
                        Findings.WORLD_OPEN_SSH, Findings.WORLD_OPEN_DOCKER_TLS);
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(2377, 2379)))))
                .extracting(Finding::code).as("range ending at 2379").containsExactly(Findings.WORLD_OPEN_ETCD);
    }

    @Test
    void allTrafficFromTheWorldIsOneCriticalFinding() {
        List<Finding> findings = Findings.of(List.of(Rule.allTraffic(Direction.INGRESS, Peer.Cidr.ANY_IPV6, "")));
        assertThat(findings).extracting(Finding::severity, Finding::code).as("all traffic from ::/0")
                .containsExactly(tuple(Severity.CRITICAL, Findings.WORLD_OPEN_ALL_TRAFFIC));
        assertThat(findings.get(0).message()).as("message").contains("::/0").contains("world");
    }

    @Test
    void ignoresEgressNarrowSourcesAndOtherPorts() {
        assertThat(Findings.of(List.of(
                Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""),
                Rule.ingress(Protocol.TCP, PortRange.of(2379, 2380), Peer.self(), ""),
                Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr("10.0.0.0/8"), ""),
                Rule.ingress(Protocol.TCP, PortRange.of(2379), Peer.cidr("203.0.113.0/24"), ""),
                worldIn(Protocol.TCP, PortRange.of(443)),
                worldIn(Protocol.UDP, PortRange.of(2379)))))
                .as("findings").isEmpty();
    }

    @Test
    void twoHalvesOfTheWorldAreTheWorld() {
        List<Finding> findings = Findings.of(List.of(
                Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr("0.0.0.0/1"), ""),
                Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr("128.0.0.0/1"), "")));

        assertThat(findings).extracting(Finding::severity, Finding::code).as("VXLAN from two halves")
                .containsExactly(tuple(Severity.CRITICAL, Findings.WORLD_OPEN_VXLAN));
        assertThat(findings.get(0).message()).contains("and 1 other rule together").contains("to the world");
    }

    @Test
    void allOfThePublicInternetButPrivateRangesIsTheWorld() {
        List<Rule> everythingButTen = new java.util.ArrayList<>();
        for (String block : List.of("0.0.0.0/5", "8.0.0.0/7", "11.0.0.0/8", "12.0.0.0/6", "16.0.0.0/4", "32.0.0.0/3",
                "64.0.0.0/2", "128.0.0.0/1")) {
            everythingButTen.add(Rule.ingress(Protocol.TCP, PortRange.of(2379, 2380), Peer.cidr(block), ""));
        }
        assertThat(Findings.of(everythingButTen)).extracting(Finding::severity, Finding::code)
                .as("every block but 10.0.0.0/8").containsExactly(tuple(Severity.CRITICAL, Findings.WORLD_OPEN_ETCD));
    }

    @Test
    void halfTheWorldIsBroadAndOneSeverityBelow() {
        assertThat(Findings.of(List.of(Rule.ingress(Protocol.TCP, PortRange.of(2379), Peer.cidr("0.0.0.0/1"), ""))))
                .extracting(Finding::severity, Finding::code).as("etcd from 0.0.0.0/1")
                .containsExactly(tuple(Severity.HIGH, Findings.WORLD_OPEN_ETCD));
        assertThat(Findings.of(List.of(Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("2000::/4"), ""))))
                .extracting(Finding::severity).as("SSH from half of global IPv6").containsExactly(Severity.LOW);
        assertThat(Findings.of(List.of(Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("2000::/3"), ""))))
                .extracting(Finding::severity).as("SSH from all global IPv6").containsExactly(Severity.MEDIUM);
    }

    @Test
    void portsAreJudgedOnePieceAtATime() {
        assertThat(Findings.of(List.of(
                Rule.ingress(Protocol.TCP, PortRange.of(2379), Peer.cidr("0.0.0.0/1"), ""),
                Rule.ingress(Protocol.TCP, PortRange.of(2380), Peer.cidr("128.0.0.0/1"), ""))))
                .extracting(Finding::severity).as("each etcd port open to half the world, neither to all of it")
                .containsExactly(Severity.HIGH);
        assertThat(Findings.of(List.of(
                Rule.ingress(Protocol.TCP, PortRange.of(2000, 2379), Peer.cidr("0.0.0.0/1"), ""),
                Rule.allTraffic(Direction.INGRESS, Peer.cidr("128.0.0.0/1"), ""))))
                .extracting(Finding::severity, Finding::code).as("TCP 2379 from one half, all traffic from the other")
                .contains(tuple(Severity.CRITICAL, Findings.WORLD_OPEN_ETCD));
    }

    @Test
    void worldOpenSshFailsTheControlsOfItsAddressFamily() {
        List<Finding> findings = Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(22)),
                Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.Cidr.ANY_IPV6, "")));

        assertThat(findings).hasSize(2);
        assertThat(findings.get(0).controls()).as("from 0.0.0.0/0").contains(Control.fsbp("EC2.13"),
                Control.fsbp("EC2.53"), Control.cis("5.2")).doesNotContain(Control.fsbp("EC2.54"), Control.cis("5.3"));
        assertThat(findings.get(1).controls()).as("from ::/0").contains(Control.fsbp("EC2.54"), Control.cis("5.3"))
                .doesNotContain(Control.fsbp("EC2.13"), Control.cis("5.2"));
    }

    @Test
    void aBroadExposureFailsNoControl() {
        assertThat(Findings.of(List.of(Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("0.0.0.0/1"), ""))))
                .singleElement().satisfies(f -> assertThat(f.controls()).isEmpty());
    }

    @Test
    void remoteDesktopAndAwsHighRiskPortsAreFound() {
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(3389)))))
                .singleElement().satisfies(f -> {
                    assertThat(f.code()).isEqualTo(Findings.WORLD_OPEN_RDP);
                    assertThat(f.severity()).isEqualTo(Severity.HIGH);
                    assertThat(f.controls()).contains(Control.fsbp("EC2.14"), Control.fsbp("EC2.19"));
                });
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(5432)))))
                .extracting(Finding::code).as("PostgreSQL").containsExactly(Findings.WORLD_OPEN_HIGH_RISK_PORT);
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(5433)))))
                .as("a port next to one").isEmpty();
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(9345)))))
                .extracting(Finding::code).as("RKE2 supervisor").containsExactly(Findings.WORLD_OPEN_RKE2_SUPERVISOR);
    }

    @Test
    void aWorldOpenPortNothingAuthorizesIsFoundOnceAndOnlyThen() {
        Rule web = worldIn(Protocol.TCP, PortRange.of(8000));
        GroupSpec nodes = Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults());

        assertThat(Findings.of(List.of(web), PrefixLists.NONE, nodes.rules())).singleElement().satisfies(f -> {
            assertThat(f.code()).isEqualTo(Findings.WORLD_OPEN_UNAUTHORIZED_PORT);
            assertThat(f.severity()).isEqualTo(Severity.MEDIUM);
            assertThat(f.controls()).containsExactly(Control.fsbp("EC2.18"));
        });
        assertThat(Findings.of(List.of(web), PrefixLists.NONE, List.of(web))).as("the spec opens it").isEmpty();
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(443))), PrefixLists.NONE, List.of()))
                .as("443, authorized by default").isEmpty();
        assertThat(Findings.of(List.of(worldIn(Protocol.TCP, PortRange.of(22))), PrefixLists.NONE, List.of()))
                .extracting(Finding::code).as("SSH has a finding of its own").containsExactly(Findings.WORLD_OPEN_SSH);
        assertThat(Findings.of(nodes.rules(), PrefixLists.NONE, nodes.rules())).extracting(Finding::code)
                .as("the page's table opens its NodePorts and the API to anyone").doesNotContain(
                        Findings.WORLD_OPEN_UNAUTHORIZED_PORT);
        assertThat(Findings.of(List.of(worldIn(Protocol.UDP, PortRange.of(30000, 32767))), PrefixLists.NONE,
                List.of(worldIn(Protocol.TCP, PortRange.of(30000, 32767))))).extracting(Finding::code)
                .as("TCP NodePorts do not authorize UDP").containsExactly(Findings.WORLD_OPEN_UNAUTHORIZED_PORT);
    }

    @Test
    void messageNamesRuleAndPort() {
        Finding finding = Findings.of(List.of(worldIn(Protocol.UDP, PortRange.of(8472)))).get(0);
        assertThat(finding.message()).as("message").contains("ingress udp 8472 from 0.0.0.0/0").contains("VXLAN");
    }

    @Test
    void rancherNodesTableWarnsAboutWorldOpenSshAndDockerTlsOnly() {
        GroupSpec spec = Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults().withIpv6(true));
        assertThat(Findings.of(spec.rules())).extracting(Finding::code).as("findings on rancher-nodes with ipv6")
                .containsExactly(Findings.WORLD_OPEN_SSH, Findings.WORLD_OPEN_SSH,
                        Findings.WORLD_OPEN_DOCKER_TLS, Findings.WORLD_OPEN_DOCKER_TLS);
        assertThat(Findings.of(Profiles.get(Profiles.RANCHER_NODES)
                .spec(ProfileOptions.defaults().withOpenTo("10.0.0.0/8")).rules())).as("with openTo").isEmpty();
    }

    @Test
    void severitiesAreOrdered() {
        assertThat(Severity.CRITICAL.isAtLeast(Severity.HIGH)).as("critical >= high").isTrue();
        assertThat(Severity.MEDIUM.isAtLeast(Severity.HIGH)).as("medium >= high").isFalse();
        assertThat(Severity.parse("High")).as("parse").isEqualTo(Severity.HIGH);
    }
}
