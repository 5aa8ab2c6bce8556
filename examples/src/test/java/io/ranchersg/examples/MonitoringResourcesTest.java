package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Operator's resources of {@code kubernetes/serve.yaml}, ServiceMonitor and
 * PrometheusRule, checked for the fields their custom resource definitions require and the types
 * they give them. The schema validator of {@link KubernetesManifestsIT} knows only Kubernetes' own
 * kinds, so these two are checked here, by structure, against the monitoring.coreos.com/v1
 * definitions.
 */
class MonitoringResourcesTest {

    private static final Path SERVE = Path.of("kubernetes/serve.yaml");

    private static List<JsonNode> documents(String kind) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (JsonNode doc : new YAMLMapper().readerFor(JsonNode.class).<JsonNode>readValues(SERVE.toFile()).readAll()) {
            if (doc.path("kind").asText().equals(kind)) {
                found.add(doc);
            }
        }
        assertThat(found).as(kind).hasSize(1);
        JsonNode doc = found.get(0);
        assertThat(doc.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(doc.at("/metadata/name").isTextual()).as("metadata.name").isTrue();
        assertThat(doc.at("/metadata/namespace").asText()).as("metadata.namespace").isEqualTo("rancher-sg");
        assertThat(doc.path("spec").isObject()).as("spec").isTrue();
        return found;
    }

    @Test
    void theServiceMonitorHasASelectorAndEndpointsOfTheTypesItsDefinitionGives() throws IOException {
        JsonNode spec = documents("ServiceMonitor").get(0).get("spec");

        assertThat(spec.path("selector").isObject()).as("spec.selector, required").isTrue();
        spec.path("selector").path("matchLabels").forEach(v -> assertThat(v.isTextual()).as("label value").isTrue());
        assertThat(spec.path("endpoints").isArray()).as("spec.endpoints, a list").isTrue();
        assertThat(spec.path("endpoints")).isNotEmpty();
        for (JsonNode endpoint : spec.path("endpoints")) {
            assertThat(endpoint.path("port").isTextual()).as("endpoints[].port, a port's name").isTrue();
            assertThat(endpoint.path("path").asText()).startsWith("/");
            assertThat(endpoint.path("interval").asText()).as("endpoints[].interval, a duration")
                    .matches("([0-9]+(ms|s|m|h))+");
        }
    }

    @Test
    void everyRuleHasAnExpressionAndIsEitherAnAlertOrARecording() throws IOException {
        JsonNode spec = documents("PrometheusRule").get(0).get("spec");

        assertThat(spec.path("groups").isArray()).as("spec.groups, a list").isTrue();
        assertThat(spec.path("groups")).isNotEmpty();
        for (JsonNode group : spec.path("groups")) {
            assertThat(group.path("name").isTextual()).as("groups[].name, required").isTrue();
            assertThat(group.path("rules").isArray()).as("groups[].rules, a list").isTrue();
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("expr").isTextual()).as("rules[].expr, required: %s", rule).isTrue();
                assertThat(rule.has("alert") ^ rule.has("record")).as("alert or record: %s", rule).isTrue();
                if (rule.has("for")) {
                    assertThat(rule.get("for").asText()).as("rules[].for, a duration")
                            .matches("([0-9]+(ms|s|m|h|d|w|y))+");
                }
                for (String map : List.of("labels", "annotations")) {
                    if (rule.has(map)) {
                        assertThat(rule.get(map).isObject()).as(map).isTrue();
                        rule.get(map).forEach(v -> assertThat(v.isTextual()).as("%s values are strings", map)
                                .isTrue());
                    }
                }
                List<String> fields = new ArrayList<>();
                rule.fieldNames().forEachRemaining(fields::add);
                assertThat(fields).as("fields the definition knows")
                        .isSubsetOf("alert", "record", "expr", "for", "keep_firing_for", "labels", "annotations");
            }
        }
    }
}
