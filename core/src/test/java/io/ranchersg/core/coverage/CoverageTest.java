package io.ranchersg.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.PrefixLists;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Examples of {@link Coverage}: the shapes of groups made by other tools. */
class CoverageTest {

    private static final Peer.Cidr VPC = Peer.cidr("10.20.0.0/16");
    private static final Network NETWORK = new Network(List.of(VPC), PrefixLists.NONE);

    private static Rule in(Protocol protocol, int from, int to, Peer peer) {
        return Rule.ingress(protocol, PortRange.of(from, to), peer, "");
    }

    private static Verdict only(List<Rule> required, List<Rule> actual, Network network) {
        return Coverage.of(required, actual, network).requirements().get(0).verdict();
    }

    @Test
    void nodePortsSplitAcrossTwoRulesAreCoveredByBoth() {
        Rule low = in(Protocol.TCP, 30000, 31000, Peer.Cidr.ANY_IPV4);
        Rule high = in(Protocol.TCP, 31001, 32767, Peer.Cidr.ANY_IPV4);

        Verdict verdict = only(List.of(in(Protocol.TCP, 30000, 32767, Peer.Cidr.ANY_IPV4)), List.of(high, low), NETWORK);

        assertThat(verdict).isEqualTo(new Verdict.Covered(List.of(low, high), false));
    }

    @Test
    void aGapInTheRangeIsNamedAsMissing() {
        Verdict verdict = only(List.of(in(Protocol.UDP, 30000, 32767, Peer.self())),
                List.of(in(Protocol.UDP, 30000, 31000, Peer.self()), in(Protocol.UDP, 31500, 32767, Peer.self())),
                NETWORK);

        assertThat(verdict).isInstanceOf(Verdict.Partly.class);
        assertThat(((Verdict.Partly) verdict).missing()).containsExactly(PortRange.of(31001, 31499));
    }

    @Test
    void theWrongProtocolDoesNotCover() {
        Verdict verdict = only(List.of(in(Protocol.UDP, 8472, 8472, Peer.self())),
                List.of(in(Protocol.TCP, 0, 65535, VPC)), NETWORK);

        assertThat(verdict).isEqualTo(new Verdict.NotCovered());
    }

    @Test
    void theVpcBlockCoversSelfAndSaysItAssumesTheNodesLiveThere() {
        Rule broad = in(Protocol.TCP, 0, 65535, VPC);

        GroupCoverage coverage = Coverage.of(List.of(in(Protocol.TCP, 10250, 10250, Peer.self())), List.of(broad),
                NETWORK);

        assertThat(coverage.requirements().get(0).verdict()).isEqualTo(new Verdict.Covered(List.of(broad), true));
        assertThat(coverage.assumesNodesInVpc()).isTrue();
        assertThat(coverage.excess()).as("the VPC is more than the nodes, and 0-65535 more than 10250")
                .singleElement().satisfies(e -> {
                    assertThat(e.rule()).isEqualTo(broad);
                    assertThat(e.broader()).isEqualTo("ports and peer");
                });
    }

    @Test
    void withoutTheVpcBlocksOnlyTheSameGroupCoversSelf() {
        assertThat(only(List.of(in(Protocol.TCP, 22, 22, Peer.self())), List.of(in(Protocol.TCP, 0, 65535, VPC)),
                Network.NONE)).isEqualTo(new Verdict.NotCovered());
        assertThat(Coverage.needsVpcBlocks(List.of(in(Protocol.TCP, 22, 22, Peer.self())),
                List.of(in(Protocol.TCP, 22, 22, Peer.self())), PrefixLists.NONE)).isFalse();
    }

    @Test
    void theWorldIsCoveredOnlyByTheWorld() {
        Rule required = in(Protocol.TCP, 443, 443, Peer.Cidr.ANY_IPV4);

        assertThat(only(List.of(required), List.of(in(Protocol.TCP, 443, 443, Peer.cidr("0.0.0.0/1")),
                in(Protocol.TCP, 443, 443, Peer.cidr("128.0.0.0/1"))), NETWORK)).isInstanceOf(Verdict.Covered.class);
        assertThat(only(List.of(required), List.of(in(Protocol.TCP, 443, 443, Peer.cidr("0.0.0.0/1"))), NETWORK))
                .isEqualTo(new Verdict.NotCovered());
        assertThat(only(List.of(required), List.of(in(Protocol.TCP, 443, 443, Peer.Cidr.ANY_IPV6)), NETWORK))
                .as("IPv6 is another world").isEqualTo(new Verdict.NotCovered());
    }

    @Test
    void anIpv6BlockIsCoveredByAWiderOne() {
        assertThat(only(List.of(in(Protocol.TCP, 22, 22, Peer.cidr("2001:db8:1::/48"))),
                List.of(in(Protocol.TCP, 22, 22, Peer.cidr("2001:db8::/32"))), NETWORK))
                .isInstanceOf(Verdict.Covered.class);
    }

    @Test
    void aPrefixListCoversByItsEntries() {
        Network lists = new Network(List.of(), new PrefixLists(Map.of("pl-00aa", List.of(Peer.cidr("10.0.0.0/8")))));
        Rule byList = in(Protocol.TCP, 22, 22, Peer.prefixList("pl-00aa"));

        assertThat(only(List.of(in(Protocol.TCP, 22, 22, Peer.cidr("10.1.0.0/16"))), List.of(byList), lists))
                .isEqualTo(new Verdict.Covered(List.of(byList), false));
        assertThat(only(List.of(in(Protocol.TCP, 22, 22, Peer.prefixList("pl-00aa"))),
                List.of(in(Protocol.TCP, 0, 65535, Peer.cidr("10.0.0.0/7"))), lists)).isInstanceOf(Verdict.Covered.class);
        assertThat(only(List.of(in(Protocol.TCP, 22, 22, Peer.prefixList("pl-00bb"))),
                List.of(in(Protocol.TCP, 0, 65535, Peer.Cidr.ANY_IPV4)), lists))
                .as("a list that was not read is not judged covered").isEqualTo(new Verdict.NotCovered());
    }

    @Test
    void worldOpenAllTrafficCoversEverythingAndCarriesItsCriticalFinding() {
        Rule everything = Rule.allTraffic(Direction.INGRESS, Peer.Cidr.ANY_IPV4, "");

        GroupCoverage coverage = Coverage.of(List.of(in(Protocol.UDP, 8472, 8472, Peer.self()),
                in(Protocol.TCP, 22, 22, Peer.Cidr.ANY_IPV4)), List.of(everything), NETWORK);

        assertThat(coverage.covered()).isTrue();
        assertThat(coverage.excess()).singleElement().satisfies(e -> {
            assertThat(e.broader()).isEqualTo("ports");
            assertThat(e.findings()).extracting(f -> f.code()).contains(Findings.WORLD_OPEN_ALL_TRAFFIC);
        });
    }

    @Test
    void icmpOfAnyTypeCoversOneType() {
        Rule echo = Rule.ingress(Protocol.ICMP, PortRange.icmp(8, 0), Peer.self(), "");
        Rule any = Rule.ingress(Protocol.ICMP, PortRange.ICMP_ANY, Peer.self(), "");

        assertThat(only(List.of(echo), List.of(any), NETWORK)).isInstanceOf(Verdict.Covered.class);
        assertThat(only(List.of(any), List.of(echo), NETWORK)).isEqualTo(new Verdict.NotCovered());
    }
}
