package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.Findings;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.EndToEnd;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code scan --include-default-groups}: every VPC's default group judged for EC2.2 and CIS 5.4. */
@EndToEnd
class DefaultGroupsIT {

    @Test
    void aScanAskedForItReportsTheDefaultGroupsRulesAsAFindingAndExitsInSync(Ec2Emulator emulator) {
        RancherSg cli = RancherSg.against(emulator);

        CliRun scan = cli.run("scan", "--include-default-groups", "--output", "json");
        CliRun without = cli.run("scan", "--output", "json");

        List<JsonNode> defaults = new ArrayList<>();
        Json.read(scan.out()).get("groups").forEach(g -> {
            if (g.get("managed_by").asText().equals("vpc-default")) {
                defaults.add(g);
            }
        });
        assertThat(defaults).as("the default group of the region's default VPC at least\n" + scan).isNotEmpty()
                .allSatisfy(g -> assertThat(g.get("group_name").asText()).isEqualTo("default"));
        assertThat(defaults.get(0).get("findings").findValuesAsText("code")).containsExactly(Findings.DEFAULT_GROUP_OPEN);
        assertThat(defaults.get(0).get("findings").get(0).get("controls").toString()).contains("EC2.2", "5.4");
        assertThat(Json.read(without.out()).get("groups").findValuesAsText("managed_by"))
                .as("not asked for").doesNotContain("vpc-default");
    }
}
