package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * {@code scan} when one managed group cannot be checked: that group is reported alone, every other
 * group is still checked and keeps its gauges. Each case works in a region of its own and removes its
 * groups afterwards, so that the broken group never reaches another test's scan.
 */
@EndToEnd
class ScanIT {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "rancher-sg:profile | no-such-profile | eu-south-2",
        "rancher-sg:options | garbage===      | ap-south-2",
        "rancher-sg:profile | node-pool-etcd  | eu-central-2",
    })
    void aGroupWhoseTagsCannotBeReadBackIsReportedAloneAndTheOthersStillChecked(
            String key, String value, String region, Ec2Emulator emulator, @TempDir Path dir) throws IOException {
        Ec2Emulator there = emulator.inRegion(region);
        RancherSg cli = RancherSg.against(there);
        String healthy = Ec2Groups.uniqueName("scan-ok");
        String broken = Ec2Groups.uniqueName("scan-bad");
        List<String> created = new ArrayList<>();
        try (Ec2Client ec2 = there.ec2Client()) {
            try {
                for (String name : List.of(healthy, broken)) {
                    CliRun ensure = cli.run("ensure", "--group-name", name);
                    assertThat(ensure.exitCode()).as(ensure.toString()).isZero();
                    created.add(Ec2Groups.existing(ec2, name).groupId());
                }
                String brokenId = created.get(1);
                ec2.createTags(r -> r.resources(brokenId).tags(Tag.builder().key(key).value(value).build()));
                Path textfile = dir.resolve("rancher-sg.prom");

                CliRun scan = cli.run("scan", "--regions", region + "," + emulator.region(),
                        "--output", "json", "--prometheus-textfile", textfile.toString());

                assertThat(scan.exitCode()).as("a group could not be checked\n" + scan).isEqualTo(ExitCodes.ERROR);
                JsonNode doc = Json.read(scan.out());
                assertThat(doc.get("groups").findValuesAsText("group_name")).as("the healthy group is still reported")
                        .contains(healthy).doesNotContain(broken);
                assertThat(doc.get("errors")).as("only the broken group is an error\n" + scan).singleElement()
                        .satisfies(error -> {
                            assertThat(error.get("region").asText()).isEqualTo(region);
                            assertThat(error.get("group_id").asText()).isEqualTo(brokenId);
                            assertThat(error.get("message").asText()).contains(brokenId);
                        });
                assertThat(scan.err()).as("stderr names the group").contains(brokenId).contains(region);
                String gauges = Files.readString(textfile);
                assertThat(gauges).as("gauges of everything that could be checked")
                        .containsPattern("rancher_sg_group_in_sync\\{account=\"\",account_name=\"\",region=\"" + region + "\",[^}]*group_name=\""
                                + healthy + "\"[^}]*} 1\n")
                        .contains("rancher_sg_group_check_success{account=\"\",account_name=\"\",region=\"" + region + "\",group_id=\"" + brokenId
                                + "\",group_name=\"" + broken + "\",managed_by=\"rancher-sg\"} 0\n")
                        .contains("rancher_sg_region_scan_success{account=\"\",account_name=\"\",region=\"" + region
                                + "\"} 1\n")
                        .contains("rancher_sg_region_scan_success{account=\"\",account_name=\"\",region=\""
                                + emulator.region() + "\"} 1\n")
                        .contains("rancher_sg_check_success 0\n")
                        .doesNotContain("group_name=\"" + broken + "\",profile=");
            } finally {
                created.forEach(id -> ec2.deleteSecurityGroup(r -> r.groupId(id)));
            }
        }
    }
}
