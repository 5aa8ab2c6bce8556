package io.ranchersg.cli.view;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.aws.Location;
import io.ranchersg.aws.Mode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.Review;
import io.ranchersg.core.Control;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsffTest {

    private static final Instant AT = Instant.parse("2026-12-06T08:00:00.123456Z");

    private static Outcome withFindings(Location where) {
        Outcome base = Outcomes.inSync();
        return new Outcome(where, base.profile(), true, base.plan(), base.actions(), base.drift(),
                new Review(Findings.of(List.of(Outcomes.SSH,
                        Rule.ingress(Protocol.TCP, PortRange.of(3389), Peer.Cidr.ANY_IPV6, ""))), List.of()), Map.of());
    }

    @Test
    void oneFindingPerRuleWithTheGroupAsResourceAndTheControlsAsRequirements() {
        JsonNode document = Asff.document(List.of(withFindings(Outcomes.at("sg-0abc"))), "123456789012", AT);

        JsonNode findings = document.get("Findings");
        assertThat(findings).hasSize(2);
        JsonNode rdp = findings.get(0);
        assertThat(rdp.get("GeneratorId").asText()).isEqualTo("rancher-sg/world-open-rdp");
        assertThat(rdp.get("Severity").get("Label").asText()).isEqualTo("HIGH");
        assertThat(rdp.get("CreatedAt").asText()).as("milliseconds, as ASFF's timestamps")
                .isEqualTo("2026-12-06T08:00:00.123Z");
        assertThat(rdp.get("Compliance").get("RelatedRequirements").toString())
                .contains("AWS Foundational Security Best Practices/EC2.54", "CIS AWS Foundations Benchmark v3.0.0/5.3")
                .doesNotContain("EC2.14");
        assertThat(rdp.get("Resources").get(0).get("Details").get("AwsEc2SecurityGroup").get("GroupId").asText())
                .isEqualTo("sg-0abc");
    }

    @Test
    void anAbsentGroupHasNoFindingAndAGovCloudGroupItsPartition() {
        assertThat(Asff.document(List.of(Outcomes.absent(Mode.CHECK)), "123456789012", AT).get("Findings")).isEmpty();
        Location gov = new Location("210987654321", "us-gov-west-1", "vpc-0123", "sg-0abc", "nodes");

        JsonNode finding = Asff.document(List.of(withFindings(gov)), "123456789012", AT).get("Findings").get(0);

        assertThat(finding.get("AwsAccountId").asText()).as("the group's own account wins").isEqualTo("210987654321");
        assertThat(finding.get("ProductArn").asText()).startsWith("arn:aws-us-gov:securityhub:us-gov-west-1:");
        assertThat(Asff.requirement(Control.fsbp("EC2.13"))).isEqualTo("AWS Foundational Security Best Practices/EC2.13");
    }
}
