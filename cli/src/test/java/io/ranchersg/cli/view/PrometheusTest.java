package io.ranchersg.cli.view;

import static io.ranchersg.cli.view.Prometheus.RunLabels.NONE;
import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.aws.FleetAccount;
import io.ranchersg.aws.GroupCheck;
import io.ranchersg.aws.Mode;
import io.ranchersg.aws.Outcome;
import io.ranchersg.aws.RancherSgException;
import io.ranchersg.aws.Review;
import io.ranchersg.aws.ScanResult;
import io.ranchersg.aws.ScanTarget;
import io.ranchersg.core.Findings;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTest {

    private static final Instant AT = Instant.parse("2025-01-02T03:04:05.250Z");

    @Test
    void gaugesPerGroup() {
        String text = Prometheus.report(List.of(Outcomes.inSync(), Outcomes.drifted(Mode.CHECK)), AT, NONE);

        String labels = "{account=\"\",account_name=\"\",region=\"us-east-1\",vpc_id=\"vpc-0123abcd\",group_id=\"sg-0abc\",group_name=\"web\","
                + "profile=\"rancher-nodes\",managed_by=\"rancher-sg\"}";
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
    void findingsAreSeriesBySeverityAndCode() {
        Outcome open = Outcomes.inSync();
        Outcome withFindings = new Outcome(open.location(), open.profile(), true, open.plan(), open.actions(),
                open.drift(), new Review(Findings.of(List.of(Outcomes.SSH,
                        Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr("0.0.0.0/1"), ""),
                        Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.cidr("128.0.0.0/1"), ""))), List.of()),
                Map.of());

        String text = Prometheus.report(List.of(withFindings, Outcomes.inSync()), AT, NONE);

        assertThat(text).contains("# TYPE rancher_sg_findings gauge")
                .containsPattern("rancher_sg_findings\\{[^}]*group_id=\"sg-0abc\"[^}]*severity=\"critical\","
                        + "code=\"world-open-vxlan\"} 1\n")
                .containsPattern("rancher_sg_findings\\{[^}]*severity=\"medium\",code=\"world-open-ssh\"} 1\n");
        assertThat(text.lines().filter(l -> l.startsWith("rancher_sg_findings{"))).as("one series per finding kind")
                .hasSize(2);
    }

    @Test
    void anAbsentGroupHasAnEmptyIdAndExistsZero() {
        String text = Prometheus.report(List.of(Outcomes.absent(Mode.CHECK)), AT, NONE);

        assertThat(text).contains("rancher_sg_group_exists{account=\"\",account_name=\"\",region=\"us-east-1\",vpc_id=\"vpc-0123abcd\",group_id=\"\",")
                .contains("rancher_sg_group_missing_rules{").contains("} 2\n");
    }

    @Test
    void aFailureHasNoGroupSeries() {
        assertThat(Prometheus.failure(AT, NONE)).contains("rancher_sg_check_success 0\n").doesNotContain("group");
    }

    @Test
    void aScanThatCouldNotCheckOneGroupKeepsTheOthersAndMarksOnlyWhatFailed() {
        ScanTarget east = new ScanTarget("111111111111", "prod", "us-east-1");
        ScanResult result = new ScanResult(List.of(new ScanResult.Entry(east,
                List.of(new GroupCheck.Checked(Outcomes.inSync())),
                List.of(new GroupCheck.Unchecked("sg-0bad", "broken", "vpc-0123abcd",
                        new Refused("unreadable tags"))), Map.of(), null)), Map.of());

        String text = Prometheus.scan(result, AT, NONE);

        assertThat(text)
                .contains("rancher_sg_group_in_sync{account=\"\",account_name=\"prod\",region=\"us-east-1\","
                        + "vpc_id=\"vpc-0123abcd\",group_id=\"sg-0abc\"")
                .contains("rancher_sg_group_check_success{account=\"111111111111\",account_name=\"prod\","
                        + "region=\"us-east-1\",group_id=\"sg-0bad\",group_name=\"broken\",managed_by=\"rancher-sg\"} 0\n")
                .contains("rancher_sg_account_scan_success{account=\"111111111111\",account_name=\"prod\"} 1\n")
                .contains("rancher_sg_region_scan_success{account=\"111111111111\",account_name=\"prod\","
                        + "region=\"us-east-1\"} 1\n")
                .contains("rancher_sg_check_success 0\n");
    }

    @Test
    void aScanOfAnUnreadableRegionOrAccountKeepsTheOthersGauges() {
        ScanResult result = new ScanResult(List.of(
                new ScanResult.Entry(new ScanTarget("us-east-1"), List.of(new GroupCheck.Checked(Outcomes.inSync())),
                        List.of(), Map.of(), null),
                new ScanResult.Entry(new ScanTarget("eu-west-1"), List.of(), List.of(), Map.of(),
                        new IllegalStateException("no answer"))),
                List.of(new ScanResult.AccountFailure(new FleetAccount("222222222222", "dev", List.of(), List.of()),
                        new IllegalStateException("refused"), Map.of())), Map.of());

        String text = Prometheus.scan(result, AT, NONE);

        assertThat(text).contains("rancher_sg_group_in_sync{account=\"\",account_name=\"\",region=\"us-east-1\"")
                .contains("rancher_sg_region_scan_success{account=\"\",account_name=\"\",region=\"eu-west-1\"} 0\n")
                .contains("rancher_sg_region_scan_success{account=\"\",account_name=\"\",region=\"us-east-1\"} 1\n")
                .contains("rancher_sg_account_scan_success{account=\"222222222222\",account_name=\"dev\"} 0\n")
                .contains("rancher_sg_check_success 0\n");
    }

    /** A group the scan could not check, as the provisioner reports it. */
    private static final class Refused extends RancherSgException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message);
        }
    }

    @Test
    void theRunSeriesOfAFleetShardNameItsAccountsFileAndShardSoThatShardsNeverShareASeries() {
        ScanResult result = new ScanResult(List.of(new ScanResult.Entry(new ScanTarget("111111111111", "prod",
                "us-east-1"), List.of(new GroupCheck.Checked(Outcomes.inSync())), List.of(), Map.of(), null)),
                Map.of());

        String first = Prometheus.scan(result, AT, new Prometheus.RunLabels("accounts.yml", "0/2"));
        String second = Prometheus.failure(AT, new Prometheus.RunLabels("accounts.yml", "1/2"));

        assertThat(first).contains("rancher_sg_check_success{accounts_file=\"accounts.yml\",shard=\"0/2\"} 1\n")
                .contains("rancher_sg_check_timestamp_seconds{accounts_file=\"accounts.yml\",shard=\"0/2\"} 1735787045.250\n");
        assertThat(second).contains("rancher_sg_check_success{accounts_file=\"accounts.yml\",shard=\"1/2\"} 0\n")
                .contains("rancher_sg_check_timestamp_seconds{accounts_file=\"accounts.yml\",shard=\"1/2\"} ");
        assertThat(Prometheus.failure(AT, new Prometheus.RunLabels("accounts.yml", null)))
                .as("a whole file: no shard label").contains("rancher_sg_check_success{accounts_file=\"accounts.yml\"} 0\n");
    }

    @Test
    void everyGroupSeriesSaysWhoMadeTheGroup() {
        ScanResult result = new ScanResult(List.of(new ScanResult.Entry(new ScanTarget("us-east-1"),
                List.of(new GroupCheck.Checked(Outcomes.inSync()),
                        new GroupCheck.Checked(Outcomes.drifted(Mode.CHECK), GroupCheck.Maker.RANCHER_NODE_DRIVER)),
                List.of(), Map.of(), null)), Map.of());

        String scan = Prometheus.scan(result, AT, NONE);
        String check = Prometheus.report(List.of(Outcomes.absent(Mode.CHECK)), AT, NONE);

        assertThat(scan.lines().filter(l -> l.startsWith("rancher_sg_group_in_sync{")))
                .anySatisfy(l -> assertThat(l).endsWith(",managed_by=\"rancher-sg\"} 1"))
                .anySatisfy(l -> assertThat(l).endsWith(",managed_by=\"rancher-node-driver\"} 0"));
        assertThat(scan.lines().filter(l -> l.startsWith("rancher_sg_group_") && !l.contains("managed_by=\"")))
                .as("every group series").isEmpty();
        assertThat(check).as("a group nobody made").contains(",managed_by=\"unmanaged\"} 0\n");
    }

    @Test
    void labelValuesAreEscaped() {
        assertThat(Prometheus.escape("a\\b\"c\nd")).isEqualTo("a\\\\b\\\"c\\nd");
    }
}
