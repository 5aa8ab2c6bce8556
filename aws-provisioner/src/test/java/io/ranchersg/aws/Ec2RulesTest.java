package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Rules;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.UserIdGroupPair;

class Ec2RulesTest {

    private static final String OWN = "sg-0123456789abcdef0";

    @Test
    void everyProfileRoundTripsThroughEc2Permissions() {
        GroupSpec spec = Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults().withIpv6(true));
        List<IpPermission> ingress = Ec2Rules.toEc2(spec.ingress(), OWN);
        List<IpPermission> egress = Ec2Rules.toEc2(spec.egress(), OWN);

        List<Rule> back = new java.util.ArrayList<>(Ec2Rules.fromEc2(Direction.INGRESS, ingress));
        back.addAll(Ec2Rules.fromEc2(Direction.EGRESS, egress));

        assertThat(Rules.sorted(Rules.localiseSelf(back, OWN))).isEqualTo(Rules.sorted(spec.rules()));
    }

    @Test
    void packsPeersOfOnePortRangeIntoOnePermission() {
        List<Rule> rules = List.of(
                Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("0.0.0.0/0"), "ssh"),
                Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("::/0"), "ssh"),
                Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.self(), ""),
                Rule.ingress(Protocol.UDP, PortRange.of(22), Peer.self(), ""));

        List<IpPermission> permissions = Ec2Rules.toEc2(rules, OWN);

        assertThat(permissions).hasSize(2);
        IpPermission tcp = permissions.get(0);
        assertThat(tcp.ipRanges()).hasSize(1);
        assertThat(tcp.ipv6Ranges()).hasSize(1);
        assertThat(tcp.userIdGroupPairs()).extracting(UserIdGroupPair::groupId).containsExactly(OWN);
        assertThat(tcp.userIdGroupPairs().get(0).description()).as("empty description not sent").isNull();
    }

    @Test
    void readsProtocolNumbersAndAllTraffic() {
        List<Rule> rules = Ec2Rules.fromEc2(Direction.EGRESS, List.of(
                IpPermission.builder().ipProtocol("-1").ipRanges(r -> r.cidrIp("0.0.0.0/0")).build(),
                IpPermission.builder().ipProtocol("6").fromPort(80).toPort(80).ipRanges(r -> r.cidrIp("10.0.0.0/8"))
                        .build()));

        assertThat(rules).containsExactly(
                Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""),
                Rule.egress(Protocol.TCP, PortRange.of(80), Peer.cidr("10.0.0.0/8"), ""));
    }

    @Test
    void leavesOutProtocolsItCannotExpressInsteadOfFailing() {
        List<Rule> rules = Ec2Rules.fromEc2(Direction.INGRESS, List.of(
                IpPermission.builder().ipProtocol("50").ipRanges(r -> r.cidrIp("10.0.0.0/8")).build()));

        assertThat(rules).isEmpty();
    }
}
