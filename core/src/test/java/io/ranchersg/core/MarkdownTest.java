package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MarkdownTest {

    private static final GroupSpec SPEC = GroupSpec.of("web", "d", List.of(
            Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("10.0.0.0/8"), "SSH"),
            Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.self(), "VXLAN"),
            Rule.ingress(Protocol.TCP, PortRange.of(6443), Peer.groupNamed("cp"), "API"),
            Rule.ingress(Protocol.ICMP, PortRange.icmp(8, 0), Peer.group("sg-1234abcd"), "ping"),
            Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, "out")));

    @Test
    void rendersThePageColumnsAligned() {
        assertThat(Markdown.table(SPEC)).as("markdown table").isEqualTo("""
                | Type                    | Protocol | Port Range    | Source/Destination | Rule Type |
                |-------------------------|----------|---------------|--------------------|-----------|
                | SSH                     | TCP      | 22            | 10.0.0.0/8         | Inbound   |
                | Custom UDP Rule         | UDP      | 8472          | sg-xxx (web)       | Inbound   |
                | Custom TCP Rule         | TCP      | 6443          | sg-xxx (cp)        | Inbound   |
                | Custom ICMP Rule - IPv4 | ICMP     | type 8 code 0 | sg-1234abcd        | Inbound   |
                | All traffic             | All      | All           | ::/0               | Outbound  |
                """);
    }

    @Test
    void addsDescriptionsOnRequest() {
        assertThat(Markdown.tableWithDescriptions(SPEC).lines().findFirst().orElseThrow())
                .as("header").endsWith("| Description |");
        assertThat(Markdown.tableWithDescriptions(SPEC)).as("descriptions").contains("| ping ").contains("| out ");
    }

    @Test
    void cataloguesEveryProfileWithItsSummary() {
        String catalogue = Markdown.catalogue();
        assertThat(catalogue.lines()).as("catalogue lines").hasSize(Profiles.all().size() + 2);
        for (Profile profile : Profiles.all()) {
            assertThat(catalogue).as("catalogue entry of %s", profile.name())
                    .contains("| " + profile.name() + " ").contains(profile.summary());
        }
    }

    @Test
    void rendersAProfileWithNotes() {
        Profile profile = Profiles.get(Profiles.RANCHER_NODES);
        String text = Markdown.profile(profile, ProfileOptions.defaults());
        assertThat(text).as("profile page").startsWith("## rancher-nodes\n").contains(profile.summary())
                .contains("| SSH ").contains("sg-xxx (rancher-nodes)").contains("9099");
    }
}
