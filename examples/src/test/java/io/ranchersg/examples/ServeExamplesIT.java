package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.TestTools;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The event templates of {@code serve} read by other people's tools: cfn-lint passes the
 * CloudFormation template, python-hcl2 reads the Terraform one and finds the same four resources.
 */
class ServeExamplesIT {

    private static final Path EVENTS = Path.of("events").toAbsolutePath();

    @Test
    void cfnLintPassesTheCloudFormationTemplate() {
        TestTools.Result lint = TestTools.run(List.of(TestTools.bin("cfn-lint").toString(),
                EVENTS.resolve("cloudformation.yaml").toString()), Map.of(), Duration.ofMinutes(2));

        assertThat(lint.exitCode()).as(lint.toString()).isZero();
    }

    @Test
    void pythonHcl2ReadsTheTerraformRuleQueueTargetAndPolicy() {
        String script = "import hcl2, json, sys\n"
                + "doc = hcl2.load(open(sys.argv[1]))\n"
                + "print(json.dumps(sorted(k.strip('\"') for r in doc['resource'] for k in r)))\n";
        TestTools.Result read = TestTools.run(List.of(TestTools.bin("python").toString(), "-c", script,
                EVENTS.resolve("main.tf").toString()), Map.of(), Duration.ofMinutes(1));

        assertThat(read.exitCode()).as(read.toString()).isZero();
        assertThat(read.out().strip()).isEqualTo("[\"aws_cloudwatch_event_rule\", \"aws_cloudwatch_event_target\","
                + " \"aws_sqs_queue\", \"aws_sqs_queue_policy\"]");
    }
}
