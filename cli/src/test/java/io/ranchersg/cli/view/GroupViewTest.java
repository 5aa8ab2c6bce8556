package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.aws.Actions;
import io.ranchersg.aws.Mode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Review;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GroupViewTest {

    @Test
    void checkDocumentListsTheDriftPerGroup() {
        Outcome d = Outcomes.drifted(Mode.CHECK);
        Outcome drifted = new Outcome(d.location(), d.profile(), d.managed(), d.plan(), d.actions(), d.drift(),
                d.review(), Map.of("DescribeVpcs", 1, "DescribeSecurityGroups", 1));

        JsonNode doc = GroupView.check(drifted).document();

        assertThat(doc.get("format_version").asInt()).isEqualTo(1);
        assertThat(doc.get("in_sync").asBoolean()).isFalse();
        JsonNode group = doc.get("groups").get(0);
        assertThat(group.get("region").asText()).isEqualTo("us-east-1");
        assertThat(group.get("vpc_id").asText()).isEqualTo("vpc-0123abcd");
        assertThat(group.get("group_id").asText()).isEqualTo("sg-0abc");
        assertThat(group.get("group_name").asText()).isEqualTo("web");
        assertThat(group.get("missing").get(0).get("from_port").asInt()).isEqualTo(22);
        assertThat(group.get("extra").get(0).get("from_port").asInt()).isEqualTo(9999);
        assertThat(group.get("changed").get(0).get("before").get("description").asText()).isEqualTo("old");
        assertThat(group.get("changed").get(0).get("after").get("description").asText()).isEqualTo("HTTP ingress");
        assertThat(group.has("authorized")).as("check entries have no actions").isFalse();
        assertThat(doc.get("api_calls").toString()).as("sorted by operation")
                .isEqualTo("{\"DescribeSecurityGroups\":1,\"DescribeVpcs\":1}");
        assertThat(doc.has("errors")).as("only scan reports region errors").isFalse();
        assertThat(group.get("account_id").isNull()).as("no role: the account was not needed").isTrue();
        assertThat(group.get("managed_by").asText()).isEqualTo("rancher-sg");
    }

    @Test
    void anAbsentGroupHasANullIdAndIsNotInSync() {
        JsonNode group = GroupView.entry(Outcomes.absent(Mode.CHECK), false);

        assertThat(group.get("group_id").isNull()).isTrue();
        assertThat(group.get("exists").asBoolean()).isFalse();
        assertThat(group.get("in_sync").asBoolean()).isFalse();
    }

    @Test
    void planEntriesSayWhatEnsureWouldDo() {
        JsonNode doc = GroupView.plan(Outcomes.absent(Mode.PLAN)).document();
        JsonNode group = doc.get("groups").get(0);

        assertThat(doc.get("changes").asBoolean()).isTrue();
        assertThat(doc.has("dry_run")).isFalse();
        assertThat(group.get("created").asBoolean()).as("would be created").isTrue();
        assertThat(group.get("authorized")).hasSize(2);
        assertThat(group.get("revoked")).isEmpty();
        assertThat(group.get("updated")).isEmpty();
    }

    @Test
    void ensureEntriesSayWhatEnsureDid() {
        JsonNode doc = GroupView.ensure(Outcomes.pruned(), false).document();
        JsonNode group = doc.get("groups").get(0);

        assertThat(doc.get("dry_run").asBoolean()).isFalse();
        assertThat(doc.get("in_sync").asBoolean()).isTrue();
        assertThat(group.get("created").asBoolean()).isFalse();
        assertThat(group.get("revoked").get(0).get("from_port").asInt()).isEqualTo(9999);
        assertThat(group.get("updated").get(0).get("after").get("description").asText()).isEqualTo("HTTP ingress");
        assertThat(group.get("prune").asBoolean()).isTrue();
    }

    @Test
    void planTextIsADiff() {
        String text = GroupView.plan(Outcomes.drifted(Mode.PLAN)).text(Style.PLAIN);

        assertThat(text).contains("Security group 'web' (sg-0abc) in vpc-0123abcd (us-east-1): 1 rule to authorize,"
                + " 1 to update, 0 to revoke")
                .contains("  + ingress tcp 22 from 0.0.0.0/0 \"SSH\"\n")
                .contains("  ~ ingress tcp 80 from 0.0.0.0/0 \"old\" -> \"HTTP ingress\"\n")
                .contains("  = ingress tcp 9999 from 10.0.0.0/8 \"by hand\"  (extra, kept: --prune revokes it)\n")
                .doesNotContain("\u001B[");
    }

    @Test
    void planTextForANewGroupSaysItWillBeCreated() {
        assertThat(GroupView.plan(Outcomes.absent(Mode.PLAN)).text(Style.PLAIN))
                .contains("Security group 'web' in vpc-0123abcd (us-east-1): will be created")
                .contains("Plan: create the group, 2 rules to authorize");
    }

    @Test
    void colourOnlyWhenAsked() {
        String coloured = GroupView.plan(Outcomes.drifted(Mode.PLAN)).text(new Style(true));

        assertThat(coloured).contains("\u001B[32m  + ingress tcp 22").contains("\u001B[33m  ~ ").contains("\u001B[0m");
    }

    @Test
    void ensureTextSaysWhatChanged() {
        assertThat(GroupView.ensure(Outcomes.created(), false).text(Style.PLAIN))
                .startsWith("Created security group 'web' (sg-0abc) in vpc-0123abcd (us-east-1)\n")
                .contains("  + ingress tcp 2379-2380 from self \"etcd\"")
                .endsWith("Done: 2 rules authorized, 0 updated, 0 revoked.\n");
        assertThat(GroupView.ensure(Outcomes.pruned(), false).text(Style.PLAIN))
                .startsWith("Repaired security group")
                .contains("  - ingress tcp 9999 from 10.0.0.0/8 \"by hand\"");
    }

    @Test
    void ensureTextWhenNothingChanged() {
        Outcome unchanged = new Outcome(Outcomes.at("sg-0abc"), "rancher-nodes", true, Outcomes.inSync().plan(),
                Actions.NONE, Outcomes.inSync().drift(), Review.NONE, Map.of());

        assertThat(GroupView.ensure(unchanged, false).text(Style.PLAIN)).isEqualTo(
                "Security group 'web' (sg-0abc) in vpc-0123abcd (us-east-1) is up to date: nothing changed.\n");
    }

    @Test
    void checkTextShowsEachGroupAndItsDrift() {
        String text = GroupText.check(List.of(Outcomes.inSync(), Outcomes.drifted(Mode.CHECK),
                Outcomes.absent(Mode.CHECK)), Style.PLAIN);

        assertThat(text).contains("(us-east-1): in sync\n")
                .contains("drift: 1 missing, 1 extra, 1 changed\n")
                .containsPattern("  \\+ +missing +ingress tcp 22 from 0\\.0\\.0\\.0/0 \"SSH\"")
                .containsPattern("  - +extra +ingress tcp 9999")
                .containsPattern("  ~ +changed +ingress tcp 80")
                .contains("Security group 'web' in vpc-0123abcd (us-east-1): does not exist (2 rules missing)");
    }
}
