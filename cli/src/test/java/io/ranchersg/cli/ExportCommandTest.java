package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Roles;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.export.ExportFormat;
import io.ranchersg.export.ExportSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code rancher-sg export} and {@code stack export}: the export module's text for what the flags
 * say, and bad input refused with exit 64 before anything is sent (the environment points at a
 * closed port, so a call to AWS would end with exit 1 instead).
 */
class ExportCommandTest {

    private static final String VPC = "vpc-0123456789abcdef0";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void printsTheExportOfTheProfilesGroup(ExportFormat format) {
        CliRun run = CliRun.of("export", "--format", format.jsonName(), "--profile", "node-pool-worker",
                "--group-name", "workers", "--peer", "rancher=10.0.0.0/16", "--peer", "etcd=group_name:etcd",
                "--peer", "controlplane=group_name:cp", "--peer", "workload-clients=0.0.0.0/0", "--vpc-id", VPC);

        ProfileOptions options = ProfileOptions.defaults().withGroupName("workers")
                .withPeer(Roles.RANCHER, "10.0.0.0/16").withPeer(Roles.ETCD, "group_name:etcd")
                .withPeer(Roles.CONTROLPLANE, "group_name:cp").withPeer(Roles.WORKLOAD_CLIENTS, "0.0.0.0/0");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(format.exporter().render(
                ExportSet.ofProfile(Profiles.NODE_POOL_WORKER, options, VPC)));
        assertThat(run.err()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void refusesTheWorldSplitInTwoAsEnsureDoesAndWritesNothing(ExportFormat format) {
        Path file = dir.resolve("etcd." + format.jsonName());
        String[] etcd = {"export", "--format", format.jsonName(), "--profile", "node-pool-etcd", "--group-name", "etcd",
            "--peer", "rancher=10.0.0.0/16", "--peer", "controlplane=0.0.0.0/1", "--peer", "worker=128.0.0.0/1",
            "--output-file", file.toString()};

        CliRun run = CliRun.of(etcd);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().strip()).as("one line naming the codes to accept").doesNotContain("\n")
                .contains("world-open-vxlan").endsWith(")").contains("--accept-risk ");
        assertThat(file).as("nothing written").doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void writesAnAcceptedRiskBesideItsRule(ExportFormat format) {
        CliRun run = CliRun.of("export", "--format", format.jsonName(), "--profile", "node-pool-etcd", "--group-name",
                "etcd", "--peer", "rancher=10.0.0.0/16", "--peer", "controlplane=0.0.0.0/0", "--peer",
                "worker=10.2.0.0/16", "--accept-risk", "critical");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).as("the note, as a comment").containsPattern("(?m)^\\s*# accepted risk world-open-etcd: ");
    }

    @Test
    void writesTheOutputFileInstead() throws IOException {
        Path file = dir.resolve("main.tf");

        CliRun run = CliRun.of("export", "--format", "terraform", "--output-file", file.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEmpty();
        assertThat(Files.readString(file)).isEqualTo(ExportFormat.TERRAFORM.exporter().render(
                ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults(), null)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "export --format yaml                                          | 'yaml'",
        "export                                                        | --format",
        "export --format terraform --vpc-id vpc-12                     | 'vpc-12'",
        "export --format cloudformation --import                       | --import",
        "export --format terraform --adopt                             | --adopt",
        "export --format terraform --reconfigure                       | --reconfigure",
        "export --format aws-cli --profile node-pool-etcd              | --peer",
        "export --format terraform --peer rancher=10.0.0.1/8 --profile node-pool-etcd | '10.0.0.1/8'",
        "export --format terraform --group-name default                | 'default'",
    })
    void refusesBadInputWithExit64(String args, String named) {
        CliRun run = CliRun.of(args.trim().split("\\s+"));

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains(named);
        assertThat(run.out()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void exportsAStack(ExportFormat format) {
        CliRun run = stack("export", "--format", format.jsonName(), "--cluster", "prod", "--layout", "node-pool",
                "--peer", "rancher=10.0.0.0/16", "--peer", "workload-clients=group_name:lb", "--vpc-id", VPC);

        StackSpec stack = StackSpec.of("prod", Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.parse("10.0.0.0/16")).withPeer(Roles.WORKLOAD_CLIENTS, Peer.parse(
                        "group_name:lb")));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo(format.exporter().render(ExportSet.ofStack(stack, VPC)))
                .contains("prod-etcd", "prod-controlplane", "prod-worker");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--cluster prod --layout mesh                                     | 'mesh'",
        "--cluster prod --layout node-pool --peer rancher=10.0.0.0/16     | workload-clients",
        "--cluster prod --layout rke2 --peer nodes=10.0.0.0/16            | 'nodes'",
        "--cluster p/q --layout rke2                                      | 'p/q'",
        "--cluster prod --layout rke2 --cni flannel                       | 'flannel'",
        "--cluster prod --layout rke2 --peer rancher=sg-1 --peer rancher=sg-2 | given twice",
        "--cluster prod --layout node-pool --windows-overlay --peer rancher=10.0.0.0/16 --peer workload-clients=10.1.0.0/16 | Windows",
    })
    void stackExportRefusesBadInputWithExit64(String args, String named) {
        String[] words = ("export --format terraform " + args.trim()).split("\\s+");
        CliRun run = stack(words);

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.errLines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).contains(named);
        assertThat(run.out()).isEmpty();
    }

    private static CliRun stack(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "stack";
        System.arraycopy(args, 0, all, 1, args.length);
        return CliRun.of(all);
    }
}
