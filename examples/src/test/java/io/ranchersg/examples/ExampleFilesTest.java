package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The deployment examples say what the README promises: least privilege, and the right command. */
class ExampleFilesTest {

    /** Surefire runs in the module's directory. */
    private static final Path EXAMPLES = Path.of("");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();

    private static final List<String> TAG_KEYS =
            List.of("managed-by", "rancher-sg:profile", "rancher-sg:options", "rancher-sg:version");

    @Test
    void checkPolicyAllowsOnlyReads() throws IOException {
        JsonNode policy = policy("check-policy.json");

        assertThat(allowedActions(policy)).as("actions of check-policy.json")
                .allMatch(action -> action.startsWith("ec2:Describe") || action.startsWith("ec2:Get"))
                .containsExactlyInAnyOrder("ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeRegions",
                        "ec2:GetManagedPrefixListEntries");
    }

    @Test
    void ensurePolicyGrantsEveryWriteTheToolMakesButNeverDeletesAGroup() throws IOException {
        JsonNode policy = policy("ensure-policy.json");

        assertThat(allowedActions(policy)).as("actions of ensure-policy.json")
                .doesNotContain("ec2:DeleteSecurityGroup", "ec2:DeleteTags", "ec2:*", "*")
                .contains("ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeRegions",
                        "ec2:CreateSecurityGroup", "ec2:CreateTags",
                        "ec2:AuthorizeSecurityGroupIngress", "ec2:AuthorizeSecurityGroupEgress",
                        "ec2:UpdateSecurityGroupRuleDescriptionsIngress",
                        "ec2:UpdateSecurityGroupRuleDescriptionsEgress",
                        "ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress");
    }

    @Test
    void ensurePolicyConditionsEveryWriteOnASecurityGroup() throws IOException {
        List<JsonNode> writesOnGroups = new ArrayList<>();
        for (JsonNode statement : policy("ensure-policy.json").get("Statement")) {
            boolean writes = strings(statement.get("Action")).stream()
                    .anyMatch(a -> !a.startsWith("ec2:Describe") && !a.startsWith("ec2:Get"));
            boolean onGroups = strings(statement.get("Resource")).stream().anyMatch(r -> r.contains(":security-group/"));
            if (writes && onGroups) {
                writesOnGroups.add(statement);
            }
        }

        // Named, so that a statement whose resource or actions stop matching cannot pass unseen.
        assertThat(writesOnGroups).as("the statements that write on security groups")
                .extracting(statement -> statement.path("Sid").asText())
                .containsExactlyInAnyOrder("CreateGroupsTaggedAsManaged", "TagGroupsOnCreate", "RetagManagedGroups",
                        "AdoptUnmanagedGroups", "RepairManagedGroups", "PruneManagedGroups");
        assertThat(writesOnGroups).as("every write on a security group has a condition")
                .allSatisfy(statement -> assertThat(statement.path("Condition").size())
                        .as("conditions of %s", statement.get("Sid")).isPositive());
    }

    @Test
    void ensurePolicyLetsRevokeOnlyGroupsTaggedManagedByRancherSg() throws IOException {
        JsonNode prune = statement(policy("ensure-policy.json"), "ec2:RevokeSecurityGroupIngress");

        assertThat(prune.at("/Condition/StringEquals/aws:ResourceTag~1managed-by").asText())
                .as("the prune statement's tag condition").isEqualTo("rancher-sg");
        assertThat(strings(prune.get("Action"))).as("the prune statement's actions")
                .containsExactlyInAnyOrder("ec2:RevokeSecurityGroupIngress", "ec2:RevokeSecurityGroupEgress");
    }

    @Test
    void ensurePolicyCreatesOnlyGroupsTaggedManagedByRancherSg() throws IOException {
        JsonNode create = null;
        for (JsonNode statement : policy("ensure-policy.json").get("Statement")) {
            if (strings(statement.get("Action")).contains("ec2:CreateSecurityGroup")
                    && strings(statement.get("Resource")).contains("arn:aws:ec2:*:*:security-group/*")) {
                create = statement;
            }
        }

        assertThat(create).as("a CreateSecurityGroup statement on security-group/*").isNotNull();
        assertThat(create.at("/Condition/StringEquals/aws:RequestTag~1managed-by").asText())
                .as("the create statement's tag condition").isEqualTo("rancher-sg");
        assertThat(strings(create.at("/Condition/ForAllValues:StringEquals/aws:TagKeys")))
                .as("the tag keys a new group may carry").containsExactlyInAnyOrderElementsOf(TAG_KEYS);
    }

    @Test
    void cronJobRunsRancherSgCheckWithJsonOutputEveryFifteenMinutes() throws IOException {
        String yaml = Files.readString(EXAMPLES.resolve("kubernetes/cronjob.yaml"));

        assertThat(yaml).as("cronjob.yaml")
                .contains("rancher-sg check")
                .contains("schedule: \"*/15 * * * *\"")
                .contains("concurrencyPolicy: Forbid")
                .contains("eks.amazonaws.com/role-arn:")
                .contains("image: ghcr.io/your-org/rancher-sg:0.1.0");
        assertThat(commandOf(yaml)).as("the container's command")
                .startsWith("rancher-sg check --output json --region ");
    }

    @Test
    void auditRoleTrustsTheHubOnlyWithTheExternalIdAndAllowsOnlyReads() throws IOException {
        JsonNode role = YAML.readTree(EXAMPLES.resolve("iam/audit-role.yaml").toFile()).at("/Resources/AuditRole");

        assertThat(role.at("/Type").asText()).isEqualTo("AWS::IAM::Role");
        JsonNode trust = role.at("/Properties/AssumeRolePolicyDocument/Statement");
        assertThat(trust).as("one trust statement").hasSize(1);
        assertThat(trust.get(0).at("/Action").asText()).isEqualTo("sts:AssumeRole");
        assertThat(trust.get(0).at("/Condition/StringEquals/sts:ExternalId/Ref").asText()).isEqualTo("ExternalId");
        assertThat(trust.get(0).at("/Condition/StringEquals/sts:RoleSessionName").asText()).isEqualTo("rancher-sg");
        List<String> actions = new ArrayList<>();
        for (JsonNode policy : role.at("/Properties/Policies")) {
            actions.addAll(allowedActions(policy.get("PolicyDocument")));
        }
        assertThat(actions).as("the audit role's actions")
                .allMatch(action -> action.startsWith("ec2:Describe") || action.startsWith("ec2:Get"))
                .containsExactlyInAnyOrder("ec2:DescribeSecurityGroups", "ec2:DescribeVpcs", "ec2:DescribeRegions",
                        "ec2:GetManagedPrefixListEntries");
        assertThat(role.at("/Properties/ManagedPolicyArns").isMissingNode()).as("no managed policies").isTrue();
    }

    @Test
    void fleetHubPolicyAssumesOnlyTheAuditRoles() throws IOException {
        assertThat(allowedActions(policy("fleet-hub-policy.json"))).containsExactlyInAnyOrder("sts:AssumeRole",
                "ec2:DescribeRegions");
        assertThat(strings(statement(policy("fleet-hub-policy.json"), "sts:AssumeRole").get("Resource")))
                .containsExactly("arn:aws:iam::*:role/rancher-sg-audit");
    }

    @Test
    void fleetJobRunsOneShardPerIndexOfAnIndexedJob() throws IOException {
        String text = Files.readString(EXAMPLES.resolve("kubernetes/fleet-indexed-job.yaml"));
        JsonNode cronJob = null;
        for (JsonNode document : YAML.readerFor(JsonNode.class).<JsonNode>readValues(text).readAll()) {
            if (document.path("kind").asText().equals("CronJob")) {
                cronJob = document;
            }
        }
        assertThat(cronJob).as("a CronJob").isNotNull();
        JsonNode job = cronJob.at("/spec/jobTemplate/spec");
        String command = String.join(" ", strings(job.at("/template/spec/containers/0/command")));

        assertThat(job.at("/completionMode").asText()).isEqualTo("Indexed");
        assertThat(job.at("/parallelism").asInt()).as("every shard at once").isEqualTo(job.at("/completions").asInt());
        assertThat(command).startsWith("rancher-sg scan --accounts /etc/rancher-sg/accounts.yml ")
                .contains(" --shards " + job.at("/completions").asInt() + " ");
        assertThat(text).as("the accounts file is mounted where the command reads it")
                .contains("mountPath: /etc/rancher-sg").contains("accounts.yml: |");
    }

    @Test
    void systemdServiceRunsRancherSgCheckIntoBothFilesEveryFifteenMinutes() throws IOException {
        String service = Files.readString(EXAMPLES.resolve("systemd/rancher-sg-check.service"));
        String timer = Files.readString(EXAMPLES.resolve("systemd/rancher-sg-check.timer"));

        assertThat(service).as("rancher-sg-check.service")
                .contains("ExecStart=/usr/local/bin/rancher-sg check --report-file /var/lib/rancher-sg/report.json"
                        + " --prometheus-textfile /var/lib/node_exporter/textfile/rancher_sg.prom\n")
                .contains("Type=oneshot")
                .contains("ProtectSystem=strict")
                .contains("ReadWritePaths=/var/lib/rancher-sg /var/lib/node_exporter/textfile")
                .contains("NoNewPrivileges=yes");
        assertThat(timer).as("rancher-sg-check.timer")
                .contains("OnCalendar=*:0/15")
                .contains("Unit=rancher-sg-check.service");
    }

    private static JsonNode policy(String file) throws IOException {
        JsonNode policy = JSON.readTree(EXAMPLES.resolve("iam").resolve(file).toFile());
        assertThat(policy.path("Version").asText()).as("%s: Version", file).isEqualTo("2012-10-17");
        assertThat(policy.path("Statement").isArray()).as("%s: Statement is a list", file).isTrue();
        return policy;
    }

    private static List<String> allowedActions(JsonNode policy) {
        List<String> actions = new ArrayList<>();
        for (JsonNode statement : policy.get("Statement")) {
            assertThat(statement.path("Effect").asText()).as("Effect of %s", statement.get("Sid")).isEqualTo("Allow");
            assertThat(statement.has("NotAction")).as("%s uses NotAction", statement.get("Sid")).isFalse();
            actions.addAll(strings(statement.get("Action")));
        }
        return actions;
    }

    private static JsonNode statement(JsonNode policy, String action) {
        for (JsonNode statement : policy.get("Statement")) {
            if (strings(statement.get("Action")).contains(action)) {
                return statement;
            }
        }
        throw new AssertionError("no statement allows " + action);
    }

    /** IAM takes one string or a list of strings for Action and Resource. */
    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node == null || node.isMissingNode()) {
            return values;
        }
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    /** The list items under {@code command:}, joined with spaces; comments and the rest of the file ignored. */
    private static String commandOf(String yaml) {
        List<String> lines = yaml.lines().collect(Collectors.toList());
        int start = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().equals("command:")) {
                start = i + 1;
            }
        }
        assertThat(start).as("a command: key").isPositive();
        List<String> words = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.strip().startsWith("#")) {
                continue;
            }
            String item = line.replaceFirst("#.*", "").strip();
            if (!item.startsWith("- ")) {
                break;
            }
            words.add(item.substring(2).strip());
        }
        return String.join(" ", words);
    }
}
