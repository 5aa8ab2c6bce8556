package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code rancher-sg serve}: one replica that Kubernetes probes and Prometheus
 * scrapes and alerts on; a policy that reads EC2 and the queue and writes nothing; the rule and
 * queue that bring the events (the templates are linted by {@link ServeExamplesIT}).
 */
class ServeExamplesTest {

    private static final Path EXAMPLES = Path.of("");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The documents of a multi-document YAML file, by kind. */
    private static Map<String, JsonNode> byKind(Path file) throws IOException {
        Map<String, JsonNode> kinds = new HashMap<>();
        YAMLMapper yaml = new YAMLMapper();
        for (JsonNode doc : yaml.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll()) {
            assertThat(doc.path("apiVersion").isTextual()).as("apiVersion of %s", doc.path("kind")).isTrue();
            assertThat(kinds.put(doc.path("kind").asText(), doc)).as("one %s", doc.path("kind")).isNull();
        }
        return kinds;
    }

    @Test
    void theDeploymentRunsOneServeThatIsProbedAndScraped() throws IOException {
        Map<String, JsonNode> docs = byKind(EXAMPLES.resolve("kubernetes/serve.yaml"));
        assertThat(docs).containsKeys("Namespace", "ServiceAccount", "Deployment", "Service", "ServiceMonitor",
                "PrometheusRule");

        JsonNode deployment = docs.get("Deployment").get("spec");
        assertThat(deployment.get("replicas").asInt()).as("one replica").isEqualTo(1);
        assertThat(deployment.at("/strategy/type").asText()).as("never two at once").isEqualTo("Recreate");
        JsonNode pod = deployment.at("/template/spec");
        JsonNode container = pod.get("containers").get(0);
        List<String> args = new ArrayList<>();
        container.get("args").forEach(a -> args.add(a.asText()));
        assertThat(args).startsWith("serve").contains("--listen=0.0.0.0:9464", "--log-format=json")
                .anyMatch(a -> a.startsWith("--events-queue=https://sqs."))
                .as("detect only by default").doesNotContain("--repair");
        assertThat(container.at("/ports/0/containerPort").asInt()).isEqualTo(9464);
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/readyz");
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/healthz");
        assertThat(pod.get("terminationGracePeriodSeconds").asInt()).as("serve stops within 10 s")
                .isGreaterThanOrEqualTo(10);
        assertThat(pod.get("serviceAccountName").asText())
                .isEqualTo(docs.get("ServiceAccount").at("/metadata/name").asText());

        JsonNode selector = docs.get("Service").at("/spec/selector");
        assertThat(deployment.at("/template/metadata/labels")).as("the Service selects the pod").isEqualTo(selector);
        assertThat(docs.get("ServiceMonitor").at("/spec/selector/matchLabels"))
                .isEqualTo(docs.get("Service").at("/metadata/labels"));
        assertThat(docs.get("ServiceMonitor").at("/spec/endpoints/0/port").asText())
                .isEqualTo(docs.get("Service").at("/spec/ports/0/name").asText());
    }

    @Test
    void theRulesAlertOnACriticalFindingLastingDriftAndNoSuccessfulPass() throws IOException {
        JsonNode rules = byKind(EXAMPLES.resolve("kubernetes/serve.yaml")).get("PrometheusRule")
                .at("/spec/groups/0/rules");
        Map<String, JsonNode> alerts = new HashMap<>();
        rules.forEach(r -> alerts.put(r.get("alert").asText(), r));

        assertThat(alerts).containsOnlyKeys("RancherSgCriticalFinding", "RancherSgDrift", "RancherSgNoSuccessfulPass");
        assertThat(alerts.get("RancherSgCriticalFinding").get("expr").asText())
                .contains("rancher_sg_findings{severity=\"critical\"}");
        assertThat(alerts.get("RancherSgDrift").get("expr").asText()).contains("rancher_sg_group_in_sync")
                .contains("== 0");
        assertThat(alerts.get("RancherSgDrift").get("for").asText()).isEqualTo("15m");
        assertThat(alerts.get("RancherSgNoSuccessfulPass").get("expr").asText())
                .contains("rancher_sg_last_success_timestamp_seconds").contains("900");
    }

    @Test
    void thePolicyReadsEc2AndTheQueueAndWritesNothing() throws IOException {
        JsonNode policy = JSON.readTree(EXAMPLES.resolve("iam/serve-policy.json").toFile());
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
            statement.get("Action").forEach(a -> actions.add(a.asText()));
        }

        assertThat(actions).containsExactlyInAnyOrder("ec2:DescribeSecurityGroups", "ec2:DescribeVpcs",
                "ec2:DescribeRegions", "ec2:GetManagedPrefixListEntries", "sqs:ReceiveMessage", "sqs:DeleteMessage",
                "sqs:GetQueueAttributes");
        assertThat(policy.get("Statement").findValuesAsText("Resource"))
                .contains("arn:aws:sqs:*:111122223333:rancher-sg-events");
    }

    @Test
    void theRuleSendsEverySecurityGroupCallServeActsOnAndOnlyTheRuleMaySend() throws IOException {
        JsonNode template = new YAMLMapper().readTree(EXAMPLES.resolve("events/cloudformation.yaml").toFile());
        JsonNode pattern = template.at("/Resources/Rule/Properties/EventPattern");
        List<String> calls = new ArrayList<>();
        pattern.at("/detail/eventName").forEach(c -> calls.add(c.asText()));

        assertThat(pattern.at("/source/0").asText()).isEqualTo("aws.ec2");
        assertThat(pattern.at("/detail-type/0").asText()).isEqualTo("AWS API Call via CloudTrail");
        assertThat(calls).containsExactlyInAnyOrder("AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
                "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress", "ModifySecurityGroupRules",
                "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
                "CreateSecurityGroup", "DeleteSecurityGroup", "CreateTags", "DeleteTags");
        JsonNode statement = template.at("/Resources/QueuePolicy/Properties/PolicyDocument/Statement/0");
        assertThat(statement.at("/Principal/Service").asText()).isEqualTo("events.amazonaws.com");
        assertThat(statement.at("/Condition/ArnEquals").has("aws:SourceArn")).isTrue();
    }
}
