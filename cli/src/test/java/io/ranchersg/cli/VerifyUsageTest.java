package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input to {@code verify} and {@code stack verify}: exit 64, one line naming the bad value, no
 * call to AWS (nothing listens where the environment points, so a call would end in exit 1).
 */
class VerifyUsageTest {

    private static final String STACK = "stack verify --cluster shop --layout node-pool --peer rancher=10.0.0.0/8"
            + " --peer workload-clients=0.0.0.0/0 ";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "verify --group-id sg-xyz                                 | sg-xyz",
        "verify --group-id sg-0123abcd --vpc-id vpc-0123abcd      | --vpc-id vpc-0123abcd",
        "verify --vpc-id vpc-nope                                 | vpc-nope",
        "verify --profile nope                                    | nope",
        "verify --profile node-pool-worker                        | --peer rancher=PEER",
        "verify --output asff                                     | asff",
        "STACK--group banana=sg-0123abcd                          | banana",
        "STACK--group worker=sg-xyz                               | sg-xyz",
        "STACK--group worker                                      | worker",
        "STACK--group worker=sg-0123abcd --group worker=sg-0456abcd | sg-0456abcd",
    })
    void badInputIsOneLineNamingTheValueAndExit64(String commandLine, String named) {
        CliRun run = CliRun.of(commandLine.trim().replace("STACK", STACK).split(" +"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as("one line on stderr").hasSize(1);
        assertThat(run.err()).as("names the bad value").contains(named).startsWith("rancher-sg: ")
                .doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(run.out()).as("stdout").isEmpty();
    }
}
