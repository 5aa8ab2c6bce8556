package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.aws.DeleteOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeleteViewTest {

    private static final List<DeleteOutcome.Doomed> STACK = List.of(
            new DeleteOutcome.Doomed("sg-1", "blue-etcd", "etcd", List.of(Outcomes.ETCD)),
            new DeleteOutcome.Doomed("sg-2", "blue-worker", "worker", List.of()));

    @Test
    void withoutYesItSaysWhatItWouldDoInOrder() {
        String text = DeleteView.stack(new DeleteOutcome("us-east-1", "vpc-1", STACK, false, Map.of()))
                .text(Style.PLAIN);

        assertThat(text).isEqualTo("Would delete 2 groups in vpc-1 (us-east-1), after revoking 1 reference between"
                + " them:\n"
                + "  - blue-etcd: ingress tcp 2379-2380 from self \"etcd\"\n"
                + "  x blue-etcd (sg-1), role etcd\n"
                + "  x blue-worker (sg-2), role worker\n"
                + "Nothing was changed: run again with --yes to delete (it first checks that no network interface"
                + " and no other group uses them).\n");
    }

    @Test
    void theDocumentNamesTheCommandAndEachGroupsRevokes() {
        JsonNode doc = DeleteView.stack(new DeleteOutcome("us-east-1", "vpc-1", STACK, true, Map.of("B", 1, "A", 2)))
                .document();

        assertThat(doc.get("command").asText()).isEqualTo("stack delete");
        assertThat(doc.get("deleted").asBoolean()).isTrue();
        assertThat(doc.get("groups").findValuesAsText("group_name")).containsExactly("blue-etcd", "blue-worker");
        assertThat(doc.get("groups").get(0).get("revokes")).hasSize(1);
        assertThat(doc.get("api_calls").toString()).isEqualTo("{\"A\":2,\"B\":1}");
    }

    @Test
    void aSingleGroupWithNothingToDelete() {
        DeleteOutcome none = new DeleteOutcome("eu-west-1", "vpc-2", List.of(), false, Map.of());

        assertThat(DeleteView.group(none).text(Style.PLAIN)).isEqualTo("No group to delete in vpc-2 (eu-west-1).\n");
        assertThat(DeleteView.group(none).document().get("command").asText()).isEqualTo("delete");
    }

    @Test
    void aGroupThatIsNotAMemberIsListedAsNotDeletedWithWhy() {
        DeleteOutcome plan = new DeleteOutcome("us-east-1", "vpc-1", STACK, List.of(new DeleteOutcome.Spared("sg-9",
                "payments-db", "its name is not blue-<role>")), false, Map.of());

        assertThat(DeleteView.stack(plan).text(Style.PLAIN)).as("text")
                .contains("payments-db (sg-9): not deleted: not a member (its name is not blue-<role>)");
        JsonNode spared = DeleteView.stack(plan).document().get("not_deleted");
        assertThat(spared.get(0).get("group_id").asText()).as("JSON").isEqualTo("sg-9");
        assertThat(spared.get(0).get("reason").asText()).as("JSON").startsWith("not a member: ");
    }
}
