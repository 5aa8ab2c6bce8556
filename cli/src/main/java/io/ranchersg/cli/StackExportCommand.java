package io.ranchersg.cli;

import io.ranchersg.core.Cni;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.export.ExportSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rancher-sg stack export}: every group of a cluster stack as Terraform, CloudFormation or an
 * AWS CLI script, the groups referring to each other as resources of the same export. Needs no AWS
 * access.
 */
@Command(name = "export", description = {"Export a cluster stack's groups as infrastructure as code: Terraform,"
        + " CloudFormation or an AWS CLI script.",
        "One group per role of the layout, named <cluster>-<role>, each referring to the others as resources of"
                + " the export; peers from outside the stack become variables (parameters). Needs no AWS access."})
final class StackExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    VerbosityMixin verbosity;

    @Mixin
    ExportMixin export;

    @Option(names = "--cluster", paramLabel = "NAME", required = true,
            description = "The cluster's name, the prefix of every group name.")
    String cluster;

    @Option(names = "--layout", paramLabel = "LAYOUT", required = true,
            description = "node-pool (etcd, controlplane and worker groups), custom (the same for custom nodes) or"
                    + " rke2 (server and agent groups).")
    String layout;

    // A list, not a map: a map would let a repeated role replace the earlier one without a word.
    @Option(names = "--peer", paramLabel = "ROLE=PEER",
            description = "A peer from outside the stack (repeatable, once per role): rancher, workload-clients or"
                    + " api-clients, as the layout takes them; PEER is a CIDR block, sg-<id>, pl-<id> or"
                    + " group_name:<name>.")
    List<String> peers = new ArrayList<>();

    @Option(names = "--ipv6", description = "Outbound allow-all to ::/0 too.")
    boolean ipv6;

    @Option(names = "--windows-overlay",
            description = "The custom layout's Windows nodes run VXLAN overlay networking: add UDP 4789.")
    boolean windowsOverlay;

    @Option(names = "--cni", paramLabel = "CNI", defaultValue = "canal",
            description = "The rke2 layout's container network: canal, calico or cilium (default: ${DEFAULT-VALUE}).")
    String cni = "canal";

    @Option(names = "--vpc-id", paramLabel = "VPC",
            description = "The VPC the export defaults to (default: none, the export asks for it).")
    String vpcId;

    @Override
    public Integer call() {
        String checkedVpc = AwsMixin.checkVpcId(vpcId);
        export.validate();
        Layout chosen;
        try {
            chosen = Layout.parse(layout);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--layout", e);
        }
        StackOptions options = StackOptions.defaults().withIpv6(ipv6).withWindowsOverlay(windowsOverlay);
        try {
            options = options.withCni(Cni.parse(cni));
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--cni", e);
        }
        Map<String, String> given = new LinkedHashMap<>();
        for (String peer : peers) {
            int eq = peer.indexOf('=');
            if (eq <= 0 || eq == peer.length() - 1) {
                throw new UsageException("--peer: expected ROLE=PEER (such as rancher=10.0.0.0/16), got '" + peer + "'");
            }
            String role = peer.substring(0, eq);
            String value = peer.substring(eq + 1);
            String earlier = given.putIfAbsent(role, value);
            if (earlier != null) {
                throw new UsageException("--peer " + role + ": role '" + role + "' is given twice, as '" + earlier
                        + "' and as '" + value + "'; give each role one peer");
            }
            try {
                options = options.withPeer(role, Peer.parse(value));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw UsageException.of("--peer " + role, e);
            }
        }
        StackSpec stack;
        try {
            stack = StackSpec.of(cluster, chosen, options);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("stack " + cluster, e);
        }
        export.write(export.format.exporter().render(ExportSet.ofStack(stack, checkedVpc)),
                spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
