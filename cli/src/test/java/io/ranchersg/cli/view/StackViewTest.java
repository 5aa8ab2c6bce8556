package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.aws.Mode;
import io.ranchersg.aws.StackOutcome;
import io.ranchersg.core.Layout;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackViewTest {

    private static StackOutcome stack(Mode mode) {
        return new StackOutcome("blue", Layout.RKE2, List.of(new StackOutcome.Member("server", Outcomes.drifted(mode)),
                new StackOutcome.Member("agent", Outcomes.inSync())), Map.of("DescribeSecurityGroups", 1));
    }

    @Test
    void theDocumentHoldsTheSingleGroupEntriesEachWithItsRole() {
        JsonNode doc = StackView.plan(stack(Mode.PLAN)).document();

        assertThat(doc.get("command").asText()).isEqualTo("stack plan");
        assertThat(doc.has("dry_run")).as("only ensure says whether it was a dry run").isFalse();
        assertThat(doc.get("stack").toString()).isEqualTo("{\"cluster\":\"blue\",\"layout\":\"rke2\"}");
        assertThat(doc.get("changes").asBoolean()).isTrue();
        assertThat(doc.get("in_sync").asBoolean()).isFalse();
        assertThat(doc.get("groups").findValuesAsText("role")).containsExactly("server", "agent");
        assertThat(doc.get("groups").get(0).get("authorized")).hasSize(1);
        assertThat(doc.get("api_calls").toString()).isEqualTo("{\"DescribeSecurityGroups\":1}");
    }

    @Test
    void aDryRunIsThePlanOfEachGroupThenOneLineSayingNothingChanged() {
        View view = StackView.ensure(stack(Mode.PLAN), true);

        assertThat(view.document().get("dry_run").asBoolean()).isTrue();
        assertThat(view.text(Style.PLAIN)).startsWith("[server] Security group 'web' (sg-0abc)")
                .contains("\n\n[agent] Security group 'web' (sg-0abc) in vpc-0123abcd (us-east-1): no changes\n")
                .endsWith("Plan: 0 rules to authorize, 0 to update, 0 to revoke.\ndry run: nothing changed"
                        + System.lineSeparator());
    }

    @Test
    void aCheckHasNoActionsAndAGaugePerGroup() {
        CheckView view = StackView.check(stack(Mode.CHECK));

        assertThat(view.document().has("changes")).isFalse();
        assertThat(view.document().get("groups").get(0).has("authorized")).isFalse();
        assertThat(view.inSync()).isFalse();
        assertThat(view.errors()).isEmpty();
        assertThat(view.prometheus(Instant.EPOCH, Prometheus.RunLabels.NONE).lines().filter(l -> l.startsWith("rancher_sg_group_in_sync{")))
                .hasSize(2);
        assertThat(view.text(Style.PLAIN)).startsWith("[server] Security group 'web' (sg-0abc) in vpc-0123abcd"
                + " (us-east-1): drift: 1 missing, 1 extra, 1 changed\n");
    }
}
