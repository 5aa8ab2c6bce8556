package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.FaultProxy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Bad input and a hostile environment through {@code bin/rancher-sg ensure}, the command that
 * writes: each row must end with its documented exit code (64 for bad usage or invalid input,
 * nothing sent; 1 for what AWS refused or could not answer), exactly one line on stderr naming the
 * bad value and no stack trace (unless {@code -v}), and no group created.
 */
@EndToEnd
class BadInputCliIT {

    /** In the name of every group a row could create, so that one created by mistake is found. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String LONG_NAME = ("bad-input-" + RUN + "-").concat("x".repeat(256)).substring(0, 256);
    /** A fully qualified exception class, the head of a stack trace or a leaked {@code toString()}. */
    private static final String QUALIFIED_EXCEPTION = "\\b[a-z]+(\\.[A-Za-z_$][\\w$]*)+(Exception|Error)\\b";

    /**
     * One bad input. Options follow {@code ensure --group-name <a unique name>} (the row's own
     * {@code --group-name} replaces it). In options, variables and names, {@code {closed-port}} is a
     * loopback port nobody listens on, {@code {empty-file}} an empty file, and {@code {denying-proxy}}
     * a proxy that answers every EC2 request {@code 403 UnauthorizedOperation}.
     */
    private record Row(String label, List<String> options, Map<String, String> env, List<String> unset,
                       int exitCode, List<String> named, boolean verbose) {

        static Row usage(String label, List<String> options, String... named) {
            return new Row(label, options, Map.of(), List.of(), ExitCodes.USAGE, List.of(named), false);
        }

        static Row aws(String label, List<String> options, String... named) {
            return new Row(label, options, Map.of(), List.of(), ExitCodes.ERROR, List.of(named), false);
        }

        Row withEnv(Map<String, String> more, String... removed) {
            return new Row(label, options, more, List.of(removed), exitCode, named, verbose);
        }

        Row verbosely() {
            return new Row(label + " (-v: stack trace)", options, env, unset, exitCode, named, true);
        }

        @Override
        public String toString() {
            return label;
        }
    }

    static Stream<Row> rows() {
        return Stream.of(
                Row.usage("CIDR prefix beyond /32", List.of("--open-to", "10.0.0.0/33"), "--open-to", "'10.0.0.0/33'"),
                Row.usage("not a CIDR block", List.of("--open-to", "banana"), "--open-to", "'banana'"),
                Row.usage("endpoint port out of range", List.of("--endpoint-url", "http://127.0.0.1:70000"),
                        "--endpoint-url", "'http://127.0.0.1:70000'", "70000"),
                Row.usage("unknown profile", List.of("--profile", "rancher-nods"), "--profile", "'rancher-nods'"),
                Row.usage("group name starting with sg-", List.of("--group-name", "sg-" + RUN),
                        "--group-name", "'sg-" + RUN + "'"),
                Row.usage("group name of 256 characters", List.of("--group-name", LONG_NAME),
                        "--group-name", LONG_NAME.substring(0, 40), "256 characters"),
                Row.usage("malformed --region", List.of("--region", "mars"), "--region", "'mars'"),
                Row.usage("malformed AWS_REGION", List.of(), "AWS_REGION", "'mars'")
                        .withEnv(Map.of("AWS_REGION", "mars")),
                Row.aws("unknown VPC", List.of("--vpc-id", "vpc-0123456789abcdef0"), "vpc-0123456789abcdef0"),
                Row.aws("no credentials anywhere", List.of(), "no AWS credentials found")
                        .withEnv(Map.of("AWS_SHARED_CREDENTIALS_FILE", "{empty-file}",
                                "AWS_CONFIG_FILE", "{empty-file}", "AWS_EC2_METADATA_DISABLED", "true"),
                                "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
                Row.aws("access denied to every action", List.of(), "access denied to ec2:DescribeVpcs")
                        .withEnv(Map.of("AWS_ENDPOINT_URL", "{denying-proxy}")),
                Row.aws("endpoint that does not answer", List.of("--endpoint-url", "http://127.0.0.1:{closed-port}"),
                        "http://127.0.0.1:{closed-port}", "does not answer"),
                Row.aws("endpoint that does not answer", List.of("--endpoint-url", "http://127.0.0.1:{closed-port}"),
                        "http://127.0.0.1:{closed-port}", "does not answer").verbosely());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void badInputEndsWithItsExitCodeAndOneLineNamingTheValueAndCreatesNothing(Row row, Ec2Emulator emulator,
                                                                             @TempDir Path dir) throws IOException {
        Path emptyFile = Files.createFile(dir.resolve("empty"));
        int closedPort = closedPort();
        try (FaultProxy denying = FaultProxy.start(emulator.endpoint()).denyAllExcept(action -> false)) {
            Map<String, String> values = Map.of("{closed-port}", Integer.toString(closedPort),
                    "{empty-file}", emptyFile.toString(), "{denying-proxy}", denying.endpoint().toString());
            RancherSg cli = RancherSg.against(emulator).without(row.unset().toArray(String[]::new));
            for (Map.Entry<String, String> variable : row.env().entrySet()) {
                cli = cli.with(variable.getKey(), expand(variable.getValue(), values));
            }
            List<String> args = new ArrayList<>();
            if (row.verbose()) {
                args.add("-v");
            }
            args.add("ensure");
            if (!row.options().contains("--group-name")) {
                args.addAll(List.of("--group-name", "bad-input-" + RUN + "-" + UUID.randomUUID()));
            }
            row.options().forEach(option -> args.add(expand(option, values)));

            CliRun run = cli.run(args.toArray(String[]::new));

            assertThat(run.exitCode()).as(run.toString()).isEqualTo(row.exitCode());
            assertThat(run.out()).as("nothing on stdout\n" + run).isEmpty();
            List<String> messages = run.errLines().stream().filter(line -> line.startsWith("rancher-sg: ")).toList();
            assertThat(messages).as("one error message on stderr\n" + run).hasSize(1);
            for (String named : row.named()) {
                assertThat(messages.get(0)).as("names " + named + "\n" + run).contains(expand(named, values));
            }
            if (row.verbose()) {
                // -v also logs the EC2 calls before the message.
                assertThat(run.errLines()).as("-v: the message, then the stack trace\n" + run).hasSizeGreaterThan(1);
                assertThat(run.err()).as("-v: the stack trace\n" + run).contains("\tat ")
                        .containsPattern(QUALIFIED_EXCEPTION);
            } else {
                assertThat(run.errLines()).as("exactly one line on stderr\n" + run).hasSize(1);
                assertThat(run.err()).as("no stack trace\n" + run).doesNotContain("\tat ")
                        .doesNotContainPattern(QUALIFIED_EXCEPTION);
                if (row.exitCode() == ExitCodes.USAGE) {
                    assertThat(run.err()).as("no exception names in a usage error\n" + run).doesNotContain("Exception");
                }
            }
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            assertThat(Ec2Groups.allNames(ec2)).as("no group with this test's names was created")
                    .noneMatch(name -> name.contains(RUN));
        }
    }

    private static String expand(String text, Map<String, String> values) {
        String expanded = text;
        for (Map.Entry<String, String> value : values.entrySet()) {
            expanded = expanded.replace(value.getKey(), value.getValue());
        }
        return expanded;
    }

    /** A loopback port that was free a moment ago: connections to it are refused. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
