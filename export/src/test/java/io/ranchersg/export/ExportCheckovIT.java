package io.ranchersg.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Roles;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.testsupport.TestTools;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * checkov, the scanner many pipelines run on infrastructure as code, on the exports of locked-down
 * groups (rancher-nodes with {@code --open-to 10.0.0.0/8}, a stack whose outside peers are private
 * blocks), in Terraform and CloudFormation: it must find nothing but CKV2_AWS_5, "security group
 * not attached to another resource", which an export of groups alone always earns (the instances
 * that use them are made elsewhere).
 */
class ExportCheckovIT {

    /** The one finding an export of groups alone cannot avoid. */
    private static final String NOT_ATTACHED = "CKV2_AWS_5";

    @TempDir
    Path dir;

    static Stream<Arguments> lockedDown() {
        ExportSet nodes = ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults()
                .withOpenTo("10.0.0.0/8"), null);
        ExportSet stack = ExportSet.ofStack(StackSpec.of("prod", Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.0.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.1.0.0/16"))), null);
        List<Arguments> cases = new ArrayList<>();
        for (ExportFormat format : List.of(ExportFormat.TERRAFORM, ExportFormat.CLOUDFORMATION)) {
            cases.add(Arguments.of(format, new Cases.Case("rancher-nodes --open-to 10.0.0.0/8", nodes)));
            cases.add(Arguments.of(format, new Cases.Case("node-pool stack, private peers", stack)));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("lockedDown")
    void checkovFindsNothingButTheGroupsBeingUnattached(ExportFormat format, Cases.Case c) throws IOException {
        boolean terraform = format == ExportFormat.TERRAFORM;
        Path file = Files.writeString(dir.resolve(terraform ? "main.tf" : "template.yaml"),
                format.exporter().render(c.set()), StandardCharsets.UTF_8);
        Path report = dir.resolve("checkov.json");

        // --skip-download: nothing is fetched from the vendor's platform; the checks are those checkov ships.
        TestTools.Result scan = TestTools.run(List.of(TestTools.checkov().toString(), "--file", file.toString(),
                "--framework", terraform ? "terraform" : "cloudformation", "--skip-download", "--output", "json",
                "--soft-fail"), Map.of(), Duration.ofMinutes(5));
        Files.writeString(report, scan.out(), StandardCharsets.UTF_8);
        List<String> verdicts = results(report);

        assertThat(scan.exitCode()).as("checkov %s: %s", file, scan.err()).isZero();
        assertThat(verdicts).as("what checkov scanned").last().asString()
                .doesNotContain("resources=0").endsWith("parsing_errors=0");
        assertThat(verdicts).as("checkov's findings on\n%s", Files.readString(file))
                .filteredOn(line -> line.startsWith("FAILED ") && !line.startsWith("FAILED " + NOT_ATTACHED + " "))
                .isEmpty();
        assertThat(verdicts).as("CKV_AWS_23 (every rule described, the outbound ones too) judged the export")
                .anyMatch(line -> line.startsWith("PASSED CKV_AWS_23 "));
    }

    private List<String> results(Path report) throws IOException {
        Path script = dir.resolve("checkov_results.py");
        try (InputStream in = ExportCheckovIT.class.getResourceAsStream("checkov_results.py")) {
            Files.copy(in, script);
        }
        Path python = TestTools.checkov().resolveSibling("python");
        TestTools.Result read = TestTools.run(List.of(python.toString(), script.toString(), report.toString()),
                Map.of(), Duration.ofMinutes(1));
        assertThat(read.exitCode()).as("reading checkov's report: %s", read).isZero();
        return read.out().strip().lines().toList();
    }
}
