package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.aws.Mode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrometheusTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.250Z");

    @Test
    void gaugesPerGroup() {
        String text = Prometheus.report(List.of(Outcomes.inSync(), Outcomes.drifted(Mode.CHECK)), AT);

        String labels = "{region=\"us-east-1\",vpc_id=\"vpc-0123abcd\",group_id=\"sg-0abc\",group_name=\"web\","
                + "profile=\"rancher-nodes\"}";
        assertThat(text)
                .contains("# TYPE rancher_sg_group_in_sync gauge\n")
                .contains("rancher_sg_group_in_sync" + labels + " 1\n")
                .contains("rancher_sg_group_in_sync" + labels + " 0\n")
                .contains("rancher_sg_group_missing_rules" + labels + " 1\n")
                .contains("rancher_sg_group_extra_rules" + labels + " 1\n")
                .contains("rancher_sg_group_changed_rules" + labels + " 1\n")
                .contains("rancher_sg_check_success 1\n")
                .contains("rancher_sg_check_timestamp_seconds 1735787045.250\n")
                .endsWith("\n");
    }

    @Test
    void anAbsentGroupHasAnEmptyIdAndExistsZero() {
        String text = Prometheus.report(List.of(Outcomes.absent(Mode.CHECK)), AT);

        assertThat(text).contains("rancher_sg_group_exists{region=\"us-east-1\",vpc_id=\"vpc-0123abcd\",group_id=\"\",")
                .contains("rancher_sg_group_missing_rules{").contains("} 2\n");
    }

    @Test
    void aFailureHasNoGroupSeries() {
        assertThat(Prometheus.failure(AT)).contains("rancher_sg_check_success 0\n").doesNotContain("group");
    }

    @Test
    void aScanThatCouldNotCheckOneGroupKeepsTheOthersAndMarksOnlyWhatFailed() {
        String text = Prometheus.report(List.of(Outcomes.inSync()),
                List.of(new Reports.ScanError("us-east-1", "sg-0bad", "broken", "unreadable tags")),
                java.util.Map.of("us-east-1", true), AT);

        assertThat(text)
                .contains("rancher_sg_group_in_sync{region=\"us-east-1\",vpc_id=\"vpc-0123abcd\",group_id=\"sg-0abc\"")
                .contains("rancher_sg_group_check_success{region=\"us-east-1\",group_id=\"sg-0bad\","
                        + "group_name=\"broken\"} 0\n")
                .contains("rancher_sg_region_scan_success{region=\"us-east-1\"} 1\n")
                .contains("rancher_sg_check_success 0\n");
    }

    @Test
    void aScanOfAnUnreadableRegionKeepsTheOtherRegionsGauges() {
        String text = Prometheus.report(List.of(Outcomes.inSync()), List.of(),
                new java.util.TreeMap<>(java.util.Map.of("us-east-1", true, "eu-west-1", false)), AT);

        assertThat(text).contains("rancher_sg_group_in_sync{region=\"us-east-1\"")
                .contains("rancher_sg_region_scan_success{region=\"eu-west-1\"} 0\n")
                .contains("rancher_sg_region_scan_success{region=\"us-east-1\"} 1\n")
                .contains("rancher_sg_check_success 0\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(Prometheus.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
    }
}
