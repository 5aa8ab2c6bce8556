package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class ManagedTagsTest {

    @Test
    void optionsRoundTripThroughTheTag() {
        ProfileOptions options = ProfileOptions.defaults().withGroupName("edge")
                .withIpv6(true).withCurrent(true).withOpenTo("10.0.0.0/8", "2001:db8::/32");

        String text = ManagedTags.encode(options);

        assertThat(text).isEqualTo("ipv6 current open-to=10.0.0.0/8+2001:db8::/32");
        assertThat(ManagedTags.decode(text, "edge")).isEqualTo(options);
    }

    @Test
    void peersRoundTripThroughTheTag() {
        ProfileOptions options = ProfileOptions.defaults().withPeer("rancher", Peer.group("sg-0123abcd"));

        assertThat(ManagedTags.decode(ManagedTags.encode(options), "rancher-nodes")).isEqualTo(options);
    }

    @Test
    void defaultsAreAnEmptyTag() {
        assertThat(ManagedTags.encode(ProfileOptions.defaults())).isEmpty();
        assertThat(ManagedTags.decode("", "rancher-nodes")).isEqualTo(ProfileOptions.defaults());
    }

    @Test
    void refusesOptionsTooLongForATag() {
        ProfileOptions options = ProfileOptions.defaults().withOpenTo(
                Collections.nCopies(1, "10.0.0.0/8").stream().toList());
        for (int i = 0; i < 30; i++) {
            options = options.withOpenTo(java.util.stream.Stream.concat(options.openTo().stream()
                    .map(Peer.Cidr::value), java.util.stream.Stream.of("10." + i + ".0.0/16")).toList());
        }
        ProfileOptions tooLong = options;

        assertThatIllegalArgumentException().isThrownBy(() -> ManagedTags.encode(tooLong))
                .withMessageContaining("at most 256");
    }

    @Test
    void refusesAnUnknownWord() {
        assertThatIllegalArgumentException().isThrownBy(() -> ManagedTags.decode("ipv7", "x"))
                .withMessageContaining("'ipv7'");
    }
}
