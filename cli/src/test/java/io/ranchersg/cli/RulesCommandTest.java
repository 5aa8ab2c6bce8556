package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.Profiles;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RulesCommandTest {

    @Test
    void listPrintsTheProfileNamesOneALine() {
        CliRun run = CliRun.of("rules", "--list");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).as("profile names").containsExactlyElementsOf(Profiles.names());
        assertThat(run.err()).as("stderr").isEmpty();
    }

    @Test
    void listAsJsonNamesAndSummarisesEveryProfile() {
        CliRun run = CliRun.of("rules", "--list", "--output", "json");

        JsonNode doc = Json.read(run.out());
        assertThat(doc.get("format_version").asInt()).isEqualTo(1);
        List<String> names = new ArrayList<>();
        doc.get("profiles").forEach(p -> names.add(p.get("name").asText()));
        assertThat(names).containsExactlyElementsOf(Profiles.names());
    }

    @Test
    void tablePrintsEveryRuleOfTheDefaultProfileWithItsWarnings() {
        CliRun run = CliRun.of("rules");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out())
                .contains("Profile rancher-nodes")
                .containsPattern("ingress +tcp +22 +0\\.0\\.0\\.0/0 +Node driver SSH provisioning")
                .containsPattern("ingress +tcp +2379-2380 +self")
                .containsPattern("egress +all +all +0\\.0\\.0\\.0/0")
                .contains("world-open-ssh");
    }

    @Test
    void jsonHasTheDocumentedRuleShape() {
        CliRun run = CliRun.of("rules", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.outLines()).as("one JSON document on one line").hasSize(1);
        JsonNode doc = Json.read(run.out());
        assertThat(doc.get("format_version").asInt()).isEqualTo(1);
        assertThat(doc.get("profile").asText()).isEqualTo("rancher-nodes");
        JsonNode ssh = doc.get("rules").get(0);
        assertThat(Json.write(ssh)).isEqualTo("{\"direction\":\"ingress\",\"protocol\":\"tcp\",\"from_port\":22,"
                + "\"to_port\":22,\"source\":{\"kind\":\"cidr\",\"value\":\"0.0.0.0/0\"},"
                + "\"description\":\"Node driver SSH provisioning\"}");
        JsonNode etcd = find(doc, "tcp", 2379);
        assertThat(Json.write(etcd.get("source"))).as("self has no value").isEqualTo("{\"kind\":\"self\"}");
        JsonNode egress = find(doc, "all", null);
        assertThat(egress.get("direction").asText()).isEqualTo("egress");
        assertThat(egress.get("from_port").isNull()).as("protocol all has null ports").isTrue();
        assertThat(egress.get("to_port").isNull()).isTrue();
    }

    @Test
    void openToReplacesTheWorldInInboundRulesOnly() {
        CliRun run = CliRun.of("rules", "--open-to", "10.0.0.0/8,192.168.0.0/16", "--output", "json");

        JsonNode doc = Json.read(run.out());
        List<String> inboundSources = new ArrayList<>();
        List<String> outboundSources = new ArrayList<>();
        doc.get("rules").forEach(r -> (r.get("direction").asText().equals("ingress") ? inboundSources : outboundSources)
                .add(r.get("source").path("value").asText("self")));
        assertThat(inboundSources).contains("10.0.0.0/8", "192.168.0.0/16").doesNotContain("0.0.0.0/0");
        assertThat(outboundSources).containsExactly("0.0.0.0/0");
        assertThat(doc.get("options").get("open_to").toString()).isEqualTo("[\"10.0.0.0/8\",\"192.168.0.0/16\"]");
    }

    @Test
    void ipv6AddsTwinsOpenToTheIpv6World() {
        CliRun run = CliRun.of("rules", "--ipv6", "--output", "json");

        assertThat(run.out()).contains("{\"kind\":\"cidr\",\"value\":\"::/0\"}");
    }

    @Test
    void markdownUsesThePagesColumns() {
        CliRun run = CliRun.of("rules", "--output", "markdown");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("| Type").contains("| Source/Destination").contains("sg-xxx (rancher-nodes)");
    }

    @Test
    void textIsAnAliasOfTable() {
        assertThat(CliRun.of("rules", "--output", "text").out()).isEqualTo(CliRun.of("rules").out());
    }

    @Test
    void peersFillTheRolesAProfileNames() {
        CliRun run = CliRun.of("rules", "--profile", "rancher-server-rke", "--peer", "load-balancer=10.0.1.0/24",
                "--peer", "nodes=10.0.2.0/24", "--peer", "api-clients=10.0.3.0/24", "--output", "json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("10.0.1.0/24", "10.0.2.0/24", "10.0.3.0/24");
    }

    private static JsonNode find(JsonNode doc, String protocol, Integer fromPort) {
        for (JsonNode rule : doc.get("rules")) {
            boolean port = fromPort == null ? rule.get("from_port").isNull() : rule.get("from_port").asInt() == fromPort;
            if (rule.get("protocol").asText().equals(protocol) && port) {
                return rule;
            }
        }
        throw new AssertionError("no " + protocol + " rule from port " + fromPort + " in " + doc);
    }
}
