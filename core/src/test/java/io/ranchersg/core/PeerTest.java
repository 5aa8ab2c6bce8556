package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeerTest {

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.0.0.0/8",
        "10.0.0.1/8, 10.0.0.0/8",
        "192.168.1.77/24, 192.168.1.0/24",
        "172.31.255.255/12, 172.16.0.0/12",
        "1.2.3.4/32, 1.2.3.4/32",
        "8.8.8.8/0, 0.0.0.0/0",
        "::/0, ::/0",
        "2001:DB8::/32, 2001:db8::/32",
        "2001:db8:0:0:1:0:0:1/128, 2001:db8::1:0:0:1/128",
        "2001:0db8:0000:0000:0000:0000:0000:0001/128, 2001:db8::1/128",
        "2001:db8::1/64, 2001:db8::/64",
        "2001:db8:0:1:0:0:0:0/64, 2001:db8:0:1::/64",
        "1:0:0:2:0:0:0:3/128, 1:0:0:2::3/128",
        "1:0:0:2:0:0:3:4/128, 1::2:0:0:3:4/128",
        "1:2:3:4:5:6:7:0/128, 1:2:3:4:5:6:7:0/128",
        "0:1:2:3:4:5:6:7/128, 0:1:2:3:4:5:6:7/128",
        "::ffff:10.1.2.3/128, ::ffff:a01:203/128",
        "fe80::1/10, fe80::/10",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/1, 8000::/1"
    })
    void normalisesCidrFromEc2ToCanonicalFormAsEc2StoresIt(String text, String canonical) {
        assertThat(new Peer.Cidr(text).value()).as("canonical form of %s", text).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.1/8, 10.0.0.1/32, 10.0.0.0/8",
        "192.168.1.77/24, 192.168.1.77/32, 192.168.1.0/24",
        "8.8.8.8/0, 8.8.8.8/32, 0.0.0.0/0",
        "2001:db8::1/64, 2001:db8::1/128, 2001:db8::/64",
        "fe80::1/10, fe80::1/128, fe80::/10"
    })
    void refusesHostBitsInWhatUsersWriteOfferingBothReadings(String text, String single, String block) {
        for (String written : new String[] {text, "cidr:" + text}) {
            assertThatIllegalArgumentException().as("Peer.parse(%s)", written).isThrownBy(() -> Peer.parse(written))
                    .withMessageContaining("'" + text + "'").withMessageContaining("host bits")
                    .withMessageContaining(single).withMessageContaining(block);
        }
        assertThatIllegalArgumentException().as("Peer.cidr(%s)", text).isThrownBy(() -> Peer.cidr(text))
                .withMessageContaining("'" + text + "'").withMessageContaining(single).withMessageContaining(block);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/8, 10.0.0.0/8", "1.2.3.4/32, 1.2.3.4/32", "2001:DB8::/32, 2001:db8::/32",
        "2001:0db8:0000:0000:0000:0000:0000:0001/128, 2001:db8::1/128"})
    void acceptsUserBlocksWithoutHostBitsInAnySpelling(String text, String canonical) {
        assertThat(Peer.cidr(text).value()).as("Peer.cidr(%s)", text).isEqualTo(canonical);
    }

    @Test
    void equalityIsOnTheCanonicalForm() {
        assertThat(new Peer.Cidr("10.0.0.1/8")).as("host bits from EC2 do not matter").isEqualTo(Peer.cidr("10.0.0.0/8"));
        assertThat(Peer.cidr("2001:DB8:0::/32")).as("IPv6 spelling does not matter").isEqualTo(Peer.cidr("2001:db8::/32"));
        assertThat(Peer.cidr("10.0.0.0/8")).as("prefix matters").isNotEqualTo(Peer.cidr("10.0.0.0/9"));
    }

    @Test
    void knowsFamilyPrefixAndWorld() {
        assertThat(Peer.cidr("::/0").ipv6()).as("::/0 is IPv6").isTrue();
        assertThat(Peer.cidr("10.0.0.0/8").ipv6()).as("10.0.0.0/8 is IPv4").isFalse();
        assertThat(Peer.cidr("10.0.0.0/8").prefixLength()).as("prefix length").isEqualTo(8);
        assertThat(Peer.Cidr.ANY_IPV4.isAnywhere()).as("0.0.0.0/0 is the world").isTrue();
        assertThat(Peer.Cidr.ANY_IPV6.isAnywhere()).as("::/0 is the world").isTrue();
        assertThat(Peer.cidr("0.0.0.0/1").isAnywhere()).as("0.0.0.0/1 is not").isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "banana", "300.1.1.1/8", "10.0.0.0", "::1", "10.0.0/8", "10.0.0.0.0/8",
        "010.0.0.0/8", "10.0.0.0/08", "10.0.0.0/", "10.0.0.0/-1", "/8", "", " 10.0.0.0/8", "10.0.0.0/8 ",
        "::/129", "1:2:3:4:5:6:7:8:9/128", "1::2::3/128", "12345::/16", "g::/16", ":1::/16", "1:::/16",
        "1:2:3:4:5:6:7/128", "fe80::1%eth0/64", "1.2.3.4::/64", "1:2:3:4:5:6:7::8/128", "banana/8", "a/b/c"})
    void refusesTextThatIsNotACidrNamingIt(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.cidr(text))
                .withMessageContaining("'" + text + "'");
    }

    @Test
    void missingPrefixSaysSo() {
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.cidr("10.0.0.1"))
                .withMessageContaining("'10.0.0.1'").withMessageContaining("prefix length");
    }

    @Test
    void groupAndPrefixListIdsMustLookLikeEc2Ids() {
        assertThat(Peer.group("sg-0123456789abcdef0").value()).as("17-digit id").isEqualTo("sg-0123456789abcdef0");
        assertThat(Peer.group("sg-12345678").kind()).as("kind").isEqualTo("group");
        assertThat(Peer.prefixList("pl-63a5400a").kind()).as("kind").isEqualTo("prefix_list");
        for (String bad : new String[] {"sg-", "sg-XYZ", "sg-ABCDEF12", "12345678", "sg-0123456789abcdef01", "pl-12"}) {
            assertThatIllegalArgumentException().as("group id %s", bad).isThrownBy(() -> Peer.group(bad))
                    .withMessageContaining("'" + bad + "'");
        }
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.prefixList("sg-12345678"))
                .withMessageContaining("'sg-12345678'");
        assertThatNullPointerException().isThrownBy(() -> Peer.group(null));
    }

    @Test
    void namedGroupFollowsGroupNameRules() {
        assertThat(Peer.groupNamed("rancher-etcd").kind()).as("kind").isEqualTo("group_name");
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.groupNamed("sg-foo")).withMessageContaining("'sg-foo'");
    }

    @Test
    void kindsAndValuesForJson() {
        assertThat(Peer.self().kind()).as("self kind").isEqualTo("self");
        assertThat(Peer.self().value()).as("self has no value").isNull();
        assertThat(Peer.cidr("10.0.0.0/8").kind()).as("cidr kind").isEqualTo("cidr");
        assertThat(Peer.self()).as("self is a value").isEqualTo(new Peer.Self());
    }

    @Test
    void parsesWhatToStringWrites() {
        Peer[] peers = {Peer.self(), Peer.cidr("10.0.0.0/8"), Peer.cidr("2001:db8::/32"), Peer.group("sg-1234abcd"),
            Peer.groupNamed("rancher etcd"), Peer.groupNamed("a:b"), Peer.prefixList("pl-1234abcd")};
        for (Peer peer : peers) {
            assertThat(Peer.parse(peer.toString())).as("parse(toString()) of %s", peer).isEqualTo(peer);
        }
        assertThat(Peer.parse("cidr:10.0.0.0/8")).as("explicit kind").isEqualTo(Peer.cidr("10.0.0.0/8"));
        assertThat(Peer.parse("group:sg-1234abcd")).as("explicit group").isEqualTo(Peer.group("sg-1234abcd"));
        assertThatIllegalArgumentException().isThrownBy(() -> Peer.parse("everyone")).withMessageContaining("'everyone'");
    }
}
