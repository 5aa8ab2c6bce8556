package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RuleQuotaTest {

    private static List<Rule> ingressFrom(int count, String cidrFormat) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rules.add(Rule.ingress(Protocol.TCP, PortRange.of(1000 + i), Peer.cidr(String.format(cidrFormat, i)), ""));
        }
        return rules;
    }

    @Test
    void defaultIsSixtyInboundAndSixtyOutbound() {
        assertThat(RuleQuota.DEFAULT).as("default quota").isEqualTo(new RuleQuota(60, 60));
    }

    @Test
    void sixtyRulesFit() {
        assertThat(RuleQuota.DEFAULT.check(ingressFrom(60, "10.0.0.%d/32"))).as("60 IPv4 ingress rules").isEmpty();
    }

    @Test
    void sixtyFiveIpv4RulesAreFiveOver() {
        List<QuotaViolation> violations = RuleQuota.DEFAULT.check(ingressFrom(65, "10.0.0.%d/32"));
        assertThat(violations).as("violations").containsExactly(
                new QuotaViolation(Direction.INGRESS, AddressFamily.IPV4, 65, 60));
        assertThat(violations.get(0).excess()).as("excess").isEqualTo(5);
        assertThat(violations.get(0).message()).as("message")
                .isEqualTo("ingress IPv4 rules: 65, limit 60 (5 over)");
    }

    @Test
    void ipv6RulesCountSeparately() {
        List<Rule> rules = new ArrayList<>(ingressFrom(60, "10.0.0.%d/32"));
        rules.addAll(ingressFrom(60, "2001:db8::%x/128"));
        assertThat(RuleQuota.DEFAULT.check(rules)).as("60 IPv4 + 60 IPv6").isEmpty();
        rules.addAll(ingressFrom(1, "2001:db9::%x/128"));
        assertThat(RuleQuota.DEFAULT.check(rules)).as("61 IPv6").containsExactly(
                new QuotaViolation(Direction.INGRESS, AddressFamily.IPV6, 61, 60));
    }

    @Test
    void directionsCountSeparately() {
        List<Rule> rules = new ArrayList<>(ingressFrom(60, "10.0.0.%d/32"));
        for (int i = 0; i < 61; i++) {
            rules.add(Rule.egress(Protocol.TCP, PortRange.of(2000 + i), Peer.Cidr.ANY_IPV4, ""));
        }
        assertThat(RuleQuota.DEFAULT.check(rules)).as("61 egress").containsExactly(
                new QuotaViolation(Direction.EGRESS, AddressFamily.IPV4, 61, 60));
        assertThat(new RuleQuota(60, 100).check(rules)).as("raised egress quota").isEmpty();
    }

    @Test
    void groupReferencesCountAgainstBothFamilies() {
        List<Rule> rules = new ArrayList<>(ingressFrom(60, "2001:db8::%x/128"));
        rules.add(Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.self(), ""));
        assertThat(RuleQuota.DEFAULT.check(rules)).as("60 IPv6 + self").containsExactly(
                new QuotaViolation(Direction.INGRESS, AddressFamily.IPV6, 61, 60));
    }

    @Test
    void prefixListsWeighWhatTheCallerSays() {
        List<Rule> rules = List.of(Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.prefixList("pl-1234"), ""));
        assertThat(RuleQuota.DEFAULT.check(rules)).as("weight 1 by default").isEmpty();
        assertThat(RuleQuota.DEFAULT.check(rules, list -> 61)).as("weight 61").hasSize(2);
    }

    @Test
    void refusesNonPositiveLimits() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RuleQuota(0, 60)).withMessageContaining("0");
        assertThatIllegalArgumentException().isThrownBy(() -> new RuleQuota(60, -3)).withMessageContaining("-3");
    }

    @Test
    void everyProfileFitsTheDefaultQuotaWithIpv6() {
        ProfileOptions options = ProfileOptions.defaults().withIpv6(true).withCurrent(true)
                .withWindowsOverlay(true).withPeers(ProfilesTest.allPeers());
        for (Profile profile : Profiles.all()) {
            assertThat(RuleQuota.DEFAULT.check(profile.spec(options).rules())).as("quota of %s", profile.name()).isEmpty();
        }
    }
}
