package io.ranchersg.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListenAddressTest {

    @Test
    void readsHostAndPortIpv6InBrackets() {
        assertThat(ListenAddress.parse("0.0.0.0:9464")).isEqualTo(new ListenAddress("0.0.0.0", 9464));
        assertThat(ListenAddress.parse("[::1]:8080")).isEqualTo(new ListenAddress("::1", 8080));
        assertThat(ListenAddress.parse("[::1]:8080").toString()).isEqualTo("[::1]:8080");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9464", ":9464", "localhost:", "localhost:http", "localhost:65536", "localhost:-1"})
    void refusesAnythingElseNamingTheValue(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> ListenAddress.parse(text))
                .withMessageContaining("'" + text + "'");
    }

    @Test
    void listensOnLoopbackByDefault() {
        assertThat(ListenAddress.DEFAULT.toString()).isEqualTo("127.0.0.1:9464");
    }
}
