package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ranchersg.core.Findings;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code check --output asff}: the findings as AWS Security Finding Format, held to AWS's own model
 * of {@code BatchImportFindings} (botocore's, which the AWS CLI validates a request with before it
 * sends it), with the account from STS and ids that stay the same from one check to the next.
 */
@EndToEnd
class AsffIT {

    /** Validates a request document against botocore's Security Hub model; prints what is wrong. */
    private static final String VALIDATE = String.join("\n",
            "import json, sys, botocore.session",
            "from botocore.validate import ParamValidator",
            "model = botocore.session.get_session().get_service_model('securityhub')",
            "shape = model.operation_model('BatchImportFindings').input_shape",
            "report = ParamValidator().validate(json.load(open(sys.argv[1])), shape)",
            "print(report.generate_report())",
            "sys.exit(1 if report.has_errors() else 0)");

    @TempDir
    Path dir;

    @Test
    void checkWritesFindingsSecurityHubImportsAsTheyAre(Ec2Emulator emulator) throws IOException {
        String name = Ec2Groups.uniqueName("asff");
        RancherSg cli = RancherSg.against(emulator);
        assertThat(cli.run("ensure", "--group-name", name).exitCode()).isZero();

        CliRun first = cli.run("check", "--group-name", name, "--output", "asff");
        CliRun second = cli.run("check", "--group-name", name, "--output", "asff");

        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
        JsonNode findings = Json.read(first.out()).get("Findings");
        assertThat(findings).as("world-open SSH and Docker TLS of rancher-nodes").hasSize(2);
        JsonNode ssh = findings.get(0);
        assertThat(ssh.get("GeneratorId").asText()).isEqualTo("rancher-sg/" + Findings.WORLD_OPEN_SSH);
        String account = ssh.get("AwsAccountId").asText();
        assertThat(account).as("the caller's account, from STS").matches("[0-9]{12}");
        assertThat(ssh.get("ProductArn").asText()).isEqualTo("arn:aws:securityhub:" + emulator.region() + ":"
                + account + ":product/" + account + "/default");
        assertThat(ssh.get("Resources").get(0).get("Id").asText())
                .startsWith("arn:aws:ec2:" + emulator.region() + ":" + account + ":security-group/sg-");
        assertThat(ssh.get("Severity").get("Label").asText()).isEqualTo("MEDIUM");
        assertThat(texts(ssh.get("Compliance").get("RelatedRequirements")))
                .contains("AWS Foundational Security Best Practices/EC2.13",
                        "CIS AWS Foundations Benchmark v3.0.0/5.2");
        assertThat(ids(Json.read(second.out()))).as("the same ids on the next check, so an import updates")
                .isEqualTo(ids(Json.read(first.out())));

        Path document = dir.resolve("findings.json");
        Files.writeString(document, first.out());
        Path script = dir.resolve("validate.py");
        Files.writeString(script, VALIDATE);
        TestTools.Result valid = TestTools.run(List.of(TestTools.bin("python").toString(), script.toString(),
                document.toString()), Map.of(), Duration.ofMinutes(2));
        assertThat(valid.exitCode()).as("botocore's model of BatchImportFindings: " + valid.out() + valid.err())
                .isZero();
    }

    @Test
    void onlyChecksReportAsAsff(Ec2Emulator emulator) {
        CliRun plan = RancherSg.against(emulator).run("plan", "--output", "asff");

        assertThat(plan.exitCode()).as(plan.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(plan.err()).contains("--output asff");
    }

    private static List<String> ids(JsonNode document) {
        List<String> ids = new ArrayList<>();
        document.get("Findings").forEach(f -> ids.add(f.get("Id").asText()));
        return ids;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }
}
