package io.ranchersg.cli.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Objects;
import java.util.Set;

/**
 * What one queue message says: a security group an EC2 API call touched, or why the message is not
 * one serve acts on. Messages are EventBridge's envelope of a CloudTrail record ({@code source}
 * {@code aws.ec2}, {@code detail-type} {@code AWS API Call via CloudTrail}).
 */
public sealed interface GroupEvent {

    /** The CloudTrail event names that change a security group's rules or tags. */
    Set<String> SECURITY_GROUP_CALLS = Set.of(
            "AuthorizeSecurityGroupIngress", "AuthorizeSecurityGroupEgress",
            "RevokeSecurityGroupIngress", "RevokeSecurityGroupEgress",
            "ModifySecurityGroupRules",
            "UpdateSecurityGroupRuleDescriptionsIngress", "UpdateSecurityGroupRuleDescriptionsEgress",
            "CreateSecurityGroup", "DeleteSecurityGroup",
            "CreateTags", "DeleteTags");

    /**
     * A call that touched one group.
     *
     * @param account   the account the call was made in ({@code recipientAccountId})
     * @param region    its region ({@code awsRegion})
     * @param groupId   the group, such as {@code sg-0123}
     * @param eventName the API call, such as {@code RevokeSecurityGroupIngress}
     */
    record Touched(String account, String region, String groupId, String eventName) implements GroupEvent {
        /** Checks the components. */
        public Touched {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(groupId, "groupId");
            Objects.requireNonNull(eventName, "eventName");
        }

        /** {@return the group, its account and region, as the key bursts are coalesced on} */
        public GroupKey key() {
            return new GroupKey(account, region, groupId);
        }
    }

    /**
     * A well-formed event that is none of serve's business: another source, another call.
     *
     * @param reason why, for the debug log
     */
    record Ignored(String reason) implements GroupEvent {
    }

    /**
     * A message that is not such an event at all: not JSON, or a field missing.
     *
     * @param reason why, for the debug log
     */
    record Malformed(String reason) implements GroupEvent {
    }

    /**
     * A group in one account and region.
     *
     * @param account the account id
     * @param region  the region
     * @param groupId the group id
     */
    record GroupKey(String account, String region, String groupId) {
        @Override
        public String toString() {
            return account + "/" + region + "/" + groupId;
        }
    }

    /**
     * Reads one message body.
     *
     * @param json   the parser
     * @param body   the message's body
     * @return what it says; never throws on bad input
     */
    static GroupEvent parse(ObjectMapper json, String body) {
        JsonNode root;
        try {
            root = json.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            return new Malformed("not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            return new Malformed("not a JSON object");
        }
        String source = text(root, "source");
        String detailType = text(root, "detail-type");
        JsonNode detail = root.get("detail");
        if (source == null || detailType == null || detail == null || !detail.isObject()) {
            return new Malformed("no source, detail-type or detail: not an EventBridge event");
        }
        if (!source.equals("aws.ec2") || !detailType.equals("AWS API Call via CloudTrail")) {
            return new Ignored("source '" + source + "', detail-type '" + detailType + "'");
        }
        String eventName = text(detail, "eventName");
        if (eventName == null) {
            return new Malformed("no detail.eventName");
        }
        if (!SECURITY_GROUP_CALLS.contains(eventName)) {
            return new Ignored("event " + eventName + " does not change a security group");
        }
        String account = text(detail, "recipientAccountId");
        if (account == null) {
            account = text(root, "account");
        }
        String region = text(detail, "awsRegion");
        if (region == null) {
            region = text(root, "region");
        }
        String groupId = groupId(detail, eventName);
        if (groupId == null && eventName.endsWith("Tags")) {
            return new Ignored(eventName + " of no security group");
        }
        if (account == null || region == null || groupId == null) {
            return new Malformed(eventName + " without an account, a region or a security group id");
        }
        return new Touched(account, region, groupId, eventName);
    }

    /**
     * The group a call touched: {@code requestParameters.groupId} for most calls, the created
     * group's id in {@code responseElements}, the first {@code sg-} resource of a tags call.
     */
    private static String groupId(JsonNode detail, String eventName) {
        JsonNode request = detail.path("requestParameters");
        String id = text(request, "groupId");
        if (id == null && eventName.equals("CreateSecurityGroup")) {
            id = text(detail.path("responseElements"), "groupId");
        }
        if (id == null && (eventName.equals("CreateTags") || eventName.equals("DeleteTags"))) {
            for (JsonNode item : request.path("resourcesSet").path("items")) {
                String resource = text(item, "resourceId");
                if (resource != null && resource.startsWith("sg-")) {
                    return resource;
                }
            }
            return null;
        }
        return id != null && id.startsWith("sg-") ? id : null;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
