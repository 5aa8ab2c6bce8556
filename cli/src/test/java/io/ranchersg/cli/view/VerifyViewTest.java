package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.aws.Verification;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.coverage.Coverage;
import io.ranchersg.core.coverage.Network;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The forms of a verification: text, JSON and gauges, from coverage values alone. */
class VerifyViewTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.250Z");
    private static final Rule NODE_PORTS = Rule.ingress(Protocol.UDP, PortRange.of(30000, 32767), Peer.Cidr.ANY_IPV4,
            "NodePorts");

    private static Verification verification(String groupId, List<Rule> actual) {
        return new Verification(Outcomes.at(groupId), "rancher-nodes", groupId != null, false, false,
                Coverage.of(List.of(Outcomes.SSH, NODE_PORTS), actual, Network.NONE), List.of(), Map.of());
    }

    @Test
    void aPartlyCoveredRequirementNamesItsMissingPortsInEveryForm() {
        Rule half = Rule.ingress(Protocol.UDP, PortRange.of(30000, 31000), Peer.Cidr.ANY_IPV4, "");
        CheckView view = VerifyView.group(verification("sg-0abc", List.of(Outcomes.SSH, half)));

        JsonNode entry = view.document().get("groups").get(0);
        assertThat(view.document().get("covered").asBoolean()).isFalse();
        assertThat(entry.get("uncovered").asInt()).isEqualTo(1);
        assertThat(entry.get("coverage").get(1).get("verdict").asText()).isEqualTo("partly");
        assertThat(entry.get("coverage").get(1).get("missing").toString())
                .isEqualTo("[{\"from_port\":31001,\"to_port\":32767}]");
        assertThat(view.text(Style.PLAIN)).containsPattern("PARTLY +ingress udp 30000-32767 from 0\\.0\\.0\\.0/0 +missing"
                + " 31001-32767; by ingress udp 30000-31000 from 0\\.0\\.0\\.0/0");
        assertThat(view.inSync()).isFalse();
    }

    @Test
    void gaugesCountTheUncoveredRequirementsOfEachGroupEvenWithTheSameLabels() {
        String text = Prometheus.verify(List.of(verification("sg-0abc", List.of(Outcomes.SSH)),
                verification("sg-0abc", List.of(Outcomes.SSH, NODE_PORTS)), verification(null, List.of())), AT, Prometheus.RunLabels.NONE);

        assertThat(text.lines().filter(l -> l.startsWith("rancher_sg_requirements_uncovered{")).toList())
                .extracting(l -> l.substring(l.lastIndexOf(' ') + 1)).containsExactly("1", "0", "2");
        assertThat(text).contains("rancher_sg_group_exists{account=\"\",account_name=\"\",region=\"us-east-1\","
                + "vpc_id=\"vpc-0123abcd\",group_id=\"\",").contains("rancher_sg_check_success 1\n");
        assertThat(text).containsPattern("rancher_sg_findings\\{[^}]*severity=\"medium\",code=\"world-open-ssh\"} 1\n");
    }
}
