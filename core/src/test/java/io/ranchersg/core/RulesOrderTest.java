package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one order plans, reports and exports print peers and rules in, as its javadoc states it: CIDR
 * blocks (IPv4 before IPv6, then by address, then by prefix), self, groups by id, groups by name,
 * prefix lists.
 */
class RulesOrderTest {

    private static final List<Peer> IN_ORDER = List.of(
            Peer.cidr("9.0.0.0/8"),
            Peer.cidr("10.0.0.0/8"),
            Peer.cidr("10.0.0.0/16"),
            Peer.cidr("10.1.0.0/16"),
            Peer.cidr("::/0"),
            Peer.cidr("2001:db8::/32"),
            Peer.self(),
            Peer.group("sg-0000000a"),
            Peer.group("sg-0000000b"),
            Peer.groupNamed("a-group"),
            Peer.groupNamed("b-group"),
            Peer.prefixList("pl-0000000a"),
            Peer.prefixList("pl-0000000b"));

    @Test
    void peersSortInTheDocumentedOrderWhateverOrderTheyCameIn() {
        Random random = new Random(7);
        for (int i = 0; i < 20; i++) {
            List<Peer> shuffled = new ArrayList<>(IN_ORDER);
            Collections.shuffle(shuffled, random);
            shuffled.sort(Rules.PEER_ORDER);
            assertThat(shuffled).as("sorted from shuffle %d", i).isEqualTo(IN_ORDER);
        }
    }

    @Test
    void eachPeerComparesEqualToItselfOnly() {
        for (int i = 0; i < IN_ORDER.size(); i++) {
            for (int j = 0; j < IN_ORDER.size(); j++) {
                assertThat(Integer.signum(Rules.PEER_ORDER.compare(IN_ORDER.get(i), IN_ORDER.get(j))))
                        .as("%s vs %s", IN_ORDER.get(i), IN_ORDER.get(j)).isEqualTo(Integer.compare(i, j));
            }
        }
    }

    @Test
    void rulesSortByDirectionProtocolPortsPeerThenDescription() {
        Rule allOut = Rule.allTraffic(Direction.EGRESS, Peer.cidr("0.0.0.0/0"), "");
        Rule ssh = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("10.0.0.0/8"), "b");
        Rule sshFirst = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("10.0.0.0/8"), "a");
        Rule sshSelf = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.self(), "a");
        Rule range = Rule.ingress(Protocol.TCP, PortRange.of(22, 30), Peer.cidr("10.0.0.0/8"), "a");
        Rule https = Rule.ingress(Protocol.TCP, PortRange.of(443), Peer.cidr("10.0.0.0/8"), "a");

        assertThat(Rules.sorted(List.of(allOut, https, range, sshSelf, ssh, sshFirst)))
                .containsExactly(sshFirst, ssh, sshSelf, range, https, allOut);
    }
}
