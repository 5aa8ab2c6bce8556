package io.ranchersg.cli.view;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.core.Control;
import io.ranchersg.core.Finding;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Findings in the AWS Security Finding Format, as one {@code {"Findings":[…]}} document that
 * {@code aws securityhub batch-import-findings --cli-input-json file://…} takes as it is. Each
 * finding goes to the account's default product ({@code product/ACCOUNT/default}), names its group as
 * an {@code AwsEc2SecurityGroup} resource by ARN, and carries an id made of account, region, group,
 * code and rule, so that importing the next check again updates a finding instead of adding one.
 */
public final class Asff {

    /** The ASFF schema version Security Hub reads. */
    static final String SCHEMA_VERSION = "2018-10-08";
    /** Security Hub's limits on these fields, in characters. */
    private static final int TITLE_LIMIT = 256;
    private static final int DESCRIPTION_LIMIT = 1024;
    private static final int ID_LIMIT = 512;

    private Asff() {
    }

    /**
     * The document of the groups' findings, found at {@code at}.
     *
     * @param account the account of groups whose outcome names none (the caller's own)
     */
    public static ObjectNode document(List<Outcome> outcomes, String account, Instant at) {
        ObjectNode document = JsonShapes.object();
        ArrayNode findings = document.putArray("Findings");
        String time = at.truncatedTo(ChronoUnit.MILLIS).toString();
        for (Outcome outcome : outcomes) {
            if (!outcome.exists()) {
                continue;
            }
            String accountId = Objects.requireNonNullElse(outcome.location().account(), account);
            for (Finding finding : outcome.findings()) {
                findings.add(finding(outcome, accountId, finding, time));
            }
        }
        return document;
    }

    private static ObjectNode finding(Outcome o, String account, Finding f, String time) {
        String partition = partition(o.region());
        ObjectNode node = JsonShapes.object();
        node.put("SchemaVersion", SCHEMA_VERSION);
        node.put("Id", cut("rancher-sg/" + account + "/" + o.region() + "/" + o.groupId() + "/" + f.code() + "/"
                + f.rule().key(), ID_LIMIT));
        node.put("ProductArn", "arn:" + partition + ":securityhub:" + o.region() + ":" + account + ":product/"
                + account + "/default");
        node.put("GeneratorId", "rancher-sg/" + f.code());
        node.put("AwsAccountId", account);
        node.putArray("Types").add("Software and Configuration Checks/AWS Security Best Practices/Network Reachability");
        node.put("CreatedAt", time);
        node.put("UpdatedAt", time);
        node.putObject("Severity").put("Label", f.severity().name());
        node.put("Title", cut(f.code() + " on security group " + o.groupName() + " (" + o.groupId() + ")",
                TITLE_LIMIT));
        node.put("Description", cut(f.message(), DESCRIPTION_LIMIT));
        ObjectNode resource = node.putArray("Resources").addObject();
        resource.put("Type", "AwsEc2SecurityGroup");
        resource.put("Id", "arn:" + partition + ":ec2:" + o.region() + ":" + account + ":security-group/" + o.groupId());
        resource.put("Partition", partition);
        resource.put("Region", o.region());
        resource.putObject("Details").putObject("AwsEc2SecurityGroup").put("GroupId", o.groupId())
                .put("GroupName", o.groupName()).put("VpcId", o.vpcId());
        ObjectNode compliance = node.putObject("Compliance").put("Status", "FAILED");
        if (!f.controls().isEmpty()) {
            ArrayNode related = compliance.putArray("RelatedRequirements");
            f.controls().forEach(c -> related.add(requirement(c)));
        }
        node.putObject("ProductFields").put("rancher-sg/code", f.code()).put("rancher-sg/profile", o.profile())
                .put("rancher-sg/rule", f.rule().key().toString());
        node.put("RecordState", "ACTIVE");
        return node;
    }

    /** As Security Hub's own findings name them: {@code CIS AWS Foundations Benchmark v3.0.0/5.2}. */
    static String requirement(Control control) {
        return control.standard().equals(Control.CIS_AWS_FOUNDATIONS)
                ? "CIS AWS Foundations Benchmark v" + control.version() + "/" + control.id()
                : "AWS Foundational Security Best Practices/" + control.id();
    }

    /** The partition of a region: {@code aws-cn} for China, {@code aws-us-gov} for GovCloud, else {@code aws}. */
    static String partition(String region) {
        String r = region.toLowerCase(Locale.ROOT);
        return r.startsWith("cn-") ? "aws-cn" : r.startsWith("us-gov-") ? "aws-us-gov" : "aws";
    }

    private static String cut(String text, int limit) {
        return text.length() <= limit ? text : text.substring(0, limit - 3) + "...";
    }
}
