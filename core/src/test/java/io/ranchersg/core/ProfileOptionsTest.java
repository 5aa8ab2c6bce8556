package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProfileOptionsTest {

    @Test
    void defaultsAreTheTableForGroupRancherNodes() {
        ProfileOptions d = ProfileOptions.defaults();
        assertThat(d.ipv6()).as("ipv6").isFalse();
        assertThat(d.openTo()).as("openTo").isEmpty();
        assertThat(d.current()).as("current").isFalse();
        assertThat(d.windowsOverlay()).as("windowsOverlay").isFalse();
        assertThat(d.peers()).as("peers").isEmpty();
        assertThat(d.groupName()).as("group name").isEqualTo("rancher-nodes");
    }

    @Test
    void withersChangeOneThing() {
        ProfileOptions o = ProfileOptions.defaults().withIpv6(true).withCurrent(true).withWindowsOverlay(true)
                .withOpenTo("10.0.0.0/8").withCni(Cni.CILIUM).withPeer(Roles.RANCHER, Peer.group("sg-1234abcd"))
                .withGroupName("x");
        assertThat(o).as("all withers").isEqualTo(new ProfileOptions(true, List.of(Peer.cidr("10.0.0.0/8")), true, true,
                Cni.CILIUM, Map.of("rancher", Peer.group("sg-1234abcd")), "x"));
        assertThat(o.peer(Roles.RANCHER)).as("peer lookup").contains(Peer.group("sg-1234abcd"));
        assertThat(o.peer(Roles.ETCD)).as("absent peer").isEmpty();
    }

    @Test
    void refusesUnknownRoleListingKnownOnes() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileOptions.defaults().withPeer("load-balncer", Peer.self()))
                .withMessageContaining("'load-balncer'").withMessageContaining("load-balancer");
    }

    @Test
    void refusesBadOpenToAndGroupName() {
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileOptions.defaults().withOpenTo("banana"))
                .withMessageContaining("'banana'");
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileOptions.defaults().withOpenTo("10.0.0.1/8"))
                .as("host bits: a typo for /32?").withMessageContaining("'10.0.0.1/8'")
                .withMessageContaining("10.0.0.1/32").withMessageContaining("10.0.0.0/8");
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileOptions.defaults().withOpenTo(List.of(42)))
                .withMessageContaining("'42'");
        assertThatIllegalArgumentException().isThrownBy(() -> ProfileOptions.defaults().withGroupName("sg-x"))
                .withMessageContaining("'sg-x'");
    }
}
