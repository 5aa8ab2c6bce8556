package io.ranchersg.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupSpecTest {

    private static final Rule SSH = Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.Cidr.ANY_IPV4, "SSH");
    private static final Rule OUT = Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, "");

    @ParameterizedTest
    @ValueSource(strings = {"sg-foo", "SG-foo", "Sg-"})
    void refusesNameStartingWithSgNamingIt(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of(name, "d", List.of()))
                .withMessageContaining("'" + name + "'").withMessageContaining("sg-");
    }

    @ParameterizedTest
    @ValueSource(strings = {"default", "Default", "DEFAULT"})
    void refusesTheNameOfTheVpcsDefaultGroup(String name) {
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of(name, "d", List.of()))
                .withMessageContaining("'" + name + "'").withMessageContaining("reserved");
        assertThatIllegalArgumentException().as("through ProfileOptions")
                .isThrownBy(() -> ProfileOptions.defaults().withGroupName(name)).withMessageContaining("'" + name + "'");
        assertThat(GroupSpec.of("default-nodes", "d", List.of()).name()).as("a longer name").isEqualTo("default-nodes");
        assertThat(Peer.groupNamed(name).name()).as("a peer may name the default group").isEqualTo(name);
    }

    @Test
    void acceptsNamesWithEveryAllowedCharacter() {
        String name = "Rancher nodes._-:/()#,@[]+=&;{}!$* 09";
        assertThat(GroupSpec.of(name, "d", List.of()).name()).as("allowed characters").isEqualTo(name);
        assertThat(GroupSpec.of("sgfoo", "d", List.of()).name()).as("sg without dash").isEqualTo("sgfoo");
        assertThat(GroupSpec.of("x".repeat(255), "d", List.of()).name()).as("255 characters").hasSize(255);
    }

    @Test
    void refuses256CharacterName() {
        String name = "n".repeat(256);
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of(name, "d", List.of()))
                .withMessageContaining("256").withMessageContaining("nnnnnnnnnn");
    }

    @Test
    void refusesEmptyOrBadNameAndDescription() {
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of("", "d", List.of()))
                .withMessageContaining("name");
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of("a|b", "d", List.of()))
                .withMessageContaining("'a|b'");
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of("ok", "", List.of()))
                .withMessageContaining("description");
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of("ok", "naïve", List.of()))
                .withMessageContaining("'naïve'");
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of(null, "d", List.of()))
                .withMessageContaining("null");
    }

    @Test
    void refusesTwoRulesWithOneKeyNamingTheKey() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GroupSpec.of("g", "d", List.of(SSH, SSH.withDescription("again"))))
                .withMessageContaining("ingress tcp 22 from 0.0.0.0/0").withMessageContaining("again");
    }

    @Test
    void canonicalCidrsMakeDuplicateKeys() {
        Rule hostAddress = Rule.ingress(Protocol.TCP, PortRange.of(22), new Peer.Cidr("0.0.0.9/0"), "");
        assertThatIllegalArgumentException().isThrownBy(() -> GroupSpec.of("g", "d", List.of(SSH, hostAddress)))
                .withMessageContaining("0.0.0.0/0");
    }

    @Test
    void splitsRulesByDirectionInSpecOrder() {
        GroupSpec spec = GroupSpec.of("g", "d", List.of(OUT, SSH));
        assertThat(spec.ingress()).as("ingress").containsExactly(SSH);
        assertThat(spec.egress()).as("egress").containsExactly(OUT);
        assertThat(spec.rules()).as("spec order kept").containsExactly(OUT, SSH);
    }

    @Test
    void isImmutable() {
        List<Rule> rules = new ArrayList<>(List.of(SSH));
        GroupSpec spec = GroupSpec.of("g", "d", rules);
        rules.add(OUT);
        assertThat(spec.rules()).as("copied rules").containsExactly(SSH);
        assertThatCollectionsAreUnmodifiable(spec);
    }

    private static void assertThatCollectionsAreUnmodifiable(GroupSpec spec) {
        assertThatThrownBy(() -> spec.rules().add(OUT))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.tags().put("a", "b"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void withersReplaceOneComponent() {
        GroupSpec spec = GroupSpec.of("g", "d", List.of(SSH));
        assertThat(spec.withName("h").name()).as("withName").isEqualTo("h");
        assertThat(spec.withRules(OUT).rules()).as("withRules").containsExactly(OUT);
        assertThat(spec.plusRules(List.of(OUT)).rules()).as("plusRules").containsExactly(SSH, OUT);
        assertThat(spec.withTag("team", "x").tags()).as("withTag").containsEntry("team", "x");
        assertThatIllegalArgumentException().isThrownBy(() -> spec.withName("sg-1")).withMessageContaining("'sg-1'");
    }

    @Test
    void checksTags() {
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("aws:x", "1"))).withMessageContaining("'aws:x'");
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("", "1"))).withMessageContaining("tag key");
        assertThatIllegalArgumentException().isThrownBy(() -> spec(Map.of("k", "v".repeat(257))))
                .withMessageContaining("'k'");
        assertThat(spec(Map.of("b", "2", "a", "1")).tags().keySet()).as("tags sorted by key").containsExactly("a", "b");
    }

    private static GroupSpec spec(Map<String, String> tags) {
        return new GroupSpec("g", "d", tags, List.of());
    }

    @Test
    void resolvesNamedGroupsAndOwnIdBeforeDiffing() {
        Rule fromCp = Rule.ingress(Protocol.TCP, PortRange.of(6443), Peer.groupNamed("cp"), "api");
        Rule fromMyName = Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.groupNamed("g"), "vxlan");
        Rule fromMyId = Rule.ingress(Protocol.TCP, PortRange.of(10250), Peer.group("sg-0000aaaa"), "kubelet");
        GroupSpec resolved = GroupSpec.of("g", "d", List.of(fromCp, fromMyName, fromMyId))
                .resolvePeers("sg-0000aaaa", name -> name.equals("cp") ? "sg-0000bbbb" : null);
        assertThat(resolved.rules()).as("resolved rules").containsExactly(
                fromCp.withPeer(Peer.group("sg-0000bbbb")), fromMyName.withPeer(Peer.self()),
                fromMyId.withPeer(Peer.self()));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> GroupSpec.of("g", "d", List.of(fromCp)).resolvePeers(null, name -> null))
                .withMessageContaining("'cp'");
    }

    @Test
    void localisesOwnIdInActualRules() {
        Rule byId = Rule.ingress(Protocol.TCP, PortRange.of(10250), Peer.group("sg-0000aaaa"), "kubelet");
        Rule other = Rule.ingress(Protocol.TCP, PortRange.of(10250), Peer.group("sg-0000bbbb"), "kubelet");
        assertThat(Rules.localiseSelf(List.of(byId, other), "sg-0000aaaa")).as("own id becomes self")
                .containsExactly(byId.withPeer(Peer.self()), other);
    }
}
