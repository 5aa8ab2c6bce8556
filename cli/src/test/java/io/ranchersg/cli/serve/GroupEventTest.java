package io.ranchersg.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GroupEventTest {

    private final ObjectMapper json = new ObjectMapper();

    /** An EventBridge envelope of a CloudTrail record, as the rule delivers it. */
    private static String event(String source, String eventName, String requestParameters) {
        return "{\"version\":\"0\",\"id\":\"1\",\"detail-type\":\"AWS API Call via CloudTrail\",\"source\":\""
                + source + "\",\"account\":\"111122223333\",\"region\":\"eu-west-1\",\"detail\":{"
                + "\"eventSource\":\"ec2.amazonaws.com\",\"eventName\":\"" + eventName + "\","
                + "\"awsRegion\":\"eu-west-1\",\"recipientAccountId\":\"111122223333\","
                + "\"requestParameters\":" + requestParameters + "}}";
    }

    @ParameterizedTest
    @ValueSource(strings = {"RevokeSecurityGroupIngress", "AuthorizeSecurityGroupEgress", "ModifySecurityGroupRules",
        "UpdateSecurityGroupRuleDescriptionsIngress", "DeleteSecurityGroup"})
    void aSecurityGroupCallNamesItsGroupAccountAndRegion(String call) {
        GroupEvent parsed = GroupEvent.parse(json, event("aws.ec2", call, "{\"groupId\":\"sg-0abc\"}"));

        assertThat(parsed).isEqualTo(new GroupEvent.Touched("111122223333", "eu-west-1", "sg-0abc", call));
    }

    @Test
    void aTagCallNamesTheSecurityGroupAmongItsResources() {
        GroupEvent parsed = GroupEvent.parse(json, event("aws.ec2", "CreateTags",
                "{\"resourcesSet\":{\"items\":[{\"resourceId\":\"i-0123\"},{\"resourceId\":\"sg-0def\"}]}}"));

        assertThat(parsed).isInstanceOfSatisfying(GroupEvent.Touched.class,
                t -> assertThat(t.groupId()).isEqualTo("sg-0def"));
    }

    @Test
    void otherSourcesCallsAndResourcesAreIgnored() {
        assertThat(GroupEvent.parse(json, event("aws.s3", "PutObject", "{}"))).isInstanceOf(GroupEvent.Ignored.class);
        assertThat(GroupEvent.parse(json, event("aws.ec2", "RunInstances", "{}")))
                .isInstanceOf(GroupEvent.Ignored.class);
        assertThat(GroupEvent.parse(json, event("aws.ec2", "CreateTags",
                "{\"resourcesSet\":{\"items\":[{\"resourceId\":\"i-0123\"}]}}"))).isInstanceOf(GroupEvent.Ignored.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "42", "{}", "{\"source\":\"aws.ec2\"}",
        "{\"source\":\"aws.ec2\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":\"x\"}",
        "{\"source\":\"aws.ec2\",\"detail-type\":\"AWS API Call via CloudTrail\",\"detail\":{}}"})
    void anythingElseIsMalformedAndNeverThrows(String body) {
        assertThat(GroupEvent.parse(json, body)).isInstanceOf(GroupEvent.Malformed.class);
    }

    @Test
    void aSecurityGroupCallWithoutAGroupIdIsMalformed() {
        assertThat(GroupEvent.parse(json, event("aws.ec2", "RevokeSecurityGroupIngress", "{\"groupName\":\"x\"}")))
                .isInstanceOf(GroupEvent.Malformed.class);
    }
}
