package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import io.ranchersg.export.ExportFormat;
import io.ranchersg.export.ExportSet;
import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.Ec2Groups;
import io.ranchersg.testsupport.EndToEnd;
import io.ranchersg.testsupport.TestTools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;

/**
 * Exports applied for real against the EC2 emulator: the AWS CLI script run by the AWS CLI, then
 * rancher-sg's own check must find the groups in sync (and the raw SDK the profile's rules); and
 * {@code --import} against a group ensure made must name its id and every rule's id, name the rules
 * it leaves out, and refuse what ensure refuses: a group rancher-sg did not make, or made otherwise.
 */
@EndToEnd
class ExportIT {

    private static final Pattern IMPORT = Pattern.compile("import \\{\\n  to = (\\S+)\\n  id = \"(\\S+)\"\\n}");

    @TempDir
    Path dir;

    /**
     * rancher-nodes lists EC2's allow-all outbound rule (and with --ipv6 its ::/0 twin);
     * rancher-server-rke lists specific outbound rules only, so EC2's must go.
     */
    @ParameterizedTest
    @ValueSource(strings = {
        "--ipv6",
        "--profile rancher-server-rke --peer load-balancer=10.3.0.0/16 --peer nodes=10.1.0.0/16"
                + " --peer api-clients=2001:db8::/32",
    })
    void awsCliScriptMakesTheGroupThatCheckFindsInSync(String options, Ec2Emulator emulator) throws IOException {
        String name = Ec2Groups.uniqueName("export-sh");
        RancherSg cli = RancherSg.against(emulator);
        String vpc;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            vpc = Ec2Groups.defaultVpcId(ec2);
        }
        List<String> profile = new ArrayList<>(List.of("--group-name", name));
        profile.addAll(List.of(options.split(" ")));
        CliRun export = cli.run(args(List.of("export", "--format", "aws-cli", "--vpc-id", vpc), profile));
        assertThat(export.exitCode()).as(export.toString()).isZero();

        TestTools.Result script = runScript(emulator, export.out(), Map.of());

        assertThat(script.exitCode()).as("the exported script: %s", script).isZero();
        CliRun check = cli.run(args(List.of("check", "--vpc-id", vpc), profile));
        assertThat(check.exitCode()).as("check after the script: %s", check).isZero();
        try (Ec2Client ec2 = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.existing(ec2, name);
            assertThat(Ec2Groups.rulesOf(group)).as("rules read back through the SDK, rule by rule")
                    .isEqualTo(exportedRules(specOf(name, options), group.groupId()));
        }
    }

    /**
     * What EC2 holds once an exported script ran: the spec's rules, with one difference on purpose.
     * The profiles take EC2's own outbound all-traffic rules undescribed (ensure keeps them as EC2
     * made them), while every export, which makes them again, describes them "All outbound traffic"
     * (checkov wants every rule described); check accepts either.
     */
    private static Set<String> exportedRules(GroupSpec spec, String groupId) {
        Set<String> rules = new TreeSet<>();
        for (Rule rule : spec.rules()) {
            boolean ec2sOwn = rule.direction() == Direction.EGRESS && rule.protocol() == Protocol.ALL
                    && rule.peer() instanceof Peer.Cidr cidr && cidr.isAnywhere() && rule.description().isEmpty();
            rules.add(Ec2Groups.line(ec2sOwn ? rule.withDescription("All outbound traffic") : rule, groupId));
        }
        return rules;
    }

    /** The group the options of {@link #awsCliScriptMakesTheGroupThatCheckFindsInSync} ask for, built from core. */
    private static GroupSpec specOf(String name, String options) {
        if (options.equals("--ipv6")) {
            return Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults().withGroupName(name)
                    .withIpv6(true));
        }
        assertThat(options).startsWith("--profile rancher-server-rke ");
        return Profiles.get(Profiles.RANCHER_SERVER_RKE).spec(ProfileOptions.defaults().withGroupName(name)
                .withPeer(Roles.LOAD_BALANCER, "10.3.0.0/16").withPeer(Roles.NODES, "10.1.0.0/16")
                .withPeer(Roles.API_CLIENTS, "2001:db8::/32"));
    }

    private static String[] args(List<String> command, List<String> options) {
        List<String> all = new ArrayList<>(command);
        all.addAll(options);
        return all.toArray(String[]::new);
    }

    @Test
    void awsCliScriptOfAStackMakesEveryGroupInSync(Ec2Emulator emulator) throws IOException {
        String cluster = Ec2Groups.uniqueName("stack");
        String balancer = Ec2Groups.uniqueName("lb");
        String vpc;
        try (Ec2Client ec2 = emulator.ec2Client()) {
            vpc = Ec2Groups.defaultVpcId(ec2);
            ec2.createSecurityGroup(r -> r.groupName(balancer).description("load balancer").vpcId(vpc));
        }
        StackSpec stack = StackSpec.of(cluster, Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.9.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.groupNamed(balancer)));
        RancherSg cli = RancherSg.against(emulator);
        CliRun export = cli.run("stack", "export", "--format", "aws-cli", "--cluster", cluster, "--layout",
                "node-pool", "--peer", "rancher=10.9.0.0/16", "--peer", "workload-clients=group_name:" + balancer);
        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.out()).as("the export of the stack the test checks")
                .isEqualTo(ExportFormat.AWS_CLI.exporter().render(ExportSet.ofStack(stack, null)));

        TestTools.Result script = runScript(emulator, export.out(), Map.of("VPC_ID", vpc));

        assertThat(script.exitCode()).as("the exported script: %s", script).isZero();
        for (StackGroup group : stack.groups()) {
            List<String> args = new ArrayList<>(List.of("check", "--profile", group.profile(), "--group-name",
                    group.name(), "--vpc-id", vpc));
            group.options().peers().forEach((role, peer) -> args.addAll(List.of("--peer", role + "=" + peer)));
            CliRun check = cli.run(args.toArray(String[]::new));
            assertThat(check.exitCode()).as("check of %s after the script: %s", group.name(), check).isZero();
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            for (StackGroup group : stack.groups()) {
                String id = Ec2Groups.existing(ec2, group.name()).groupId();
                GroupSpec resolved = group.spec().resolvePeers(id, other -> Ec2Groups.existing(ec2, other).groupId());
                assertThat(Ec2Groups.rulesOf(ec2, id)).as("%s read back through the SDK, rule by rule", group.name())
                        .isEqualTo(exportedRules(resolved, id));
            }
        }
    }

    @Test
    void importNamesTheGroupEnsureMadeAndEveryRuleId(Ec2Emulator emulator) {
        RancherSg cli = RancherSg.against(emulator);
        String name = cli.ensured("export-import", "--current");

        CliRun export = cli.run("export", "--format", "terraform", "--import", "--group-name", name, "--current");

        assertThat(export.exitCode()).as(export.toString()).isZero();
        List<String> imported = new ArrayList<>();
        Matcher block = IMPORT.matcher(export.out());
        while (block.find()) {
            imported.add(block.group(2));
        }
        try (Ec2Client ec2 = emulator.ec2Client()) {
            SecurityGroup group = Ec2Groups.existing(ec2, name);
            List<String> expected = new ArrayList<>(List.of(group.groupId()));
            for (SecurityGroupRule rule : ec2.describeSecurityGroupRules(r -> r.filters(
                    Filter.builder().name("group-id").values(group.groupId()).build())).securityGroupRules()) {
                expected.add(rule.securityGroupRuleId());
            }
            assertThat(imported).as("the ids the import blocks adopt:\n%s", export.out())
                    .containsExactlyInAnyOrderElementsOf(expected);
            assertThat(export.out()).contains("default     = \"" + group.vpcId() + "\"")
                    .doesNotContain("is not in the live group");
        }
    }

    @Test
    void importNamesTheLiveRulesTheExportLeavesOut(Ec2Emulator emulator) {
        RancherSg cli = RancherSg.against(emulator);
        String name = cli.ensured("export-extra");
        String groupId = byHand(emulator, name, 3389);

        CliRun export = cli.run("export", "--format", "terraform", "--import", "--group-name", name);

        assertThat(export.exitCode()).as(export.toString()).isZero();
        assertThat(export.errLines()).as("stderr names the rule").containsExactly("rancher-sg: security group '"
                + name + "' (" + groupId + ") holds a rule the export leaves out: ingress tcp 3389 from 0.0.0.0/0"
                + " \"opened by hand\"");
        assertThat(export.out()).as("and so does the export").contains("# Security group " + name + " (" + groupId
                + ") holds a rule this export leaves out: Terraform\n")
                .contains("#   ingress tcp 3389 from 0.0.0.0/0 \"opened by hand\"\n");
    }

    @Test
    void importRefusesAGroupRancherSgDidNotMakeUnlessAdopted(Ec2Emulator emulator) {
        String name = Ec2Groups.uniqueName("export-foreign");
        String groupId = Ec2Groups.madeByHand(emulator, name);
        RancherSg cli = RancherSg.against(emulator);

        CliRun refused = cli.run("export", "--format", "terraform", "--import", "--group-name", name);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("'" + name + "' (" + groupId + ")").contains("not created by rancher-sg")
                .contains("(--adopt)");
        assertThat(refused.out()).as("nothing written").isEmpty();

        CliRun adopted = cli.run("export", "--format", "terraform", "--import", "--adopt", "--group-name", name);

        assertThat(adopted.exitCode()).as(adopted.toString()).isZero();
        assertThat(adopted.out()).contains("  id = \"" + groupId + "\"");
    }

    @Test
    void importRefusesAGroupMadeWithOtherOptionsUnlessReconfigured(Ec2Emulator emulator) {
        RancherSg cli = RancherSg.against(emulator);
        String name = cli.ensured("export-options", "--ipv6");

        CliRun refused = cli.run("export", "--format", "terraform", "--import", "--group-name", name);

        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(refused.err()).contains("options 'ipv6'").contains("(--reconfigure)");
        assertThat(refused.out()).as("nothing written").isEmpty();

        CliRun reconfigured = cli.run("export", "--format", "terraform", "--import", "--reconfigure", "--group-name",
                name);

        assertThat(reconfigured.exitCode()).as(reconfigured.toString()).isZero();
        assertThat(reconfigured.errLines()).as("the ::/0 rules of the ipv6 option, which the export leaves out")
                .isNotEmpty().allMatch(line -> line.contains("holds a rule the export leaves out: ")
                        && (line.contains(" from ::/0") || line.contains(" to ::/0")));
    }

    /** Opens a TCP port to the world by hand in the group of that name; its id. */
    private static String byHand(Ec2Emulator emulator, String name, int port) {
        try (Ec2Client ec2 = emulator.ec2Client()) {
            String groupId = Ec2Groups.existing(ec2, name).groupId();
            ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId)
                    .ipPermissions(Ec2Groups.permission("tcp", port, "0.0.0.0/0", "opened by hand")));
            return groupId;
        }
    }

    /** Runs a script with the AWS CLI of the test tools, pointed at the emulator and nowhere else. */
    private TestTools.Result runScript(Ec2Emulator emulator, String text, Map<String, String> more)
            throws IOException {
        Path script = Files.writeString(dir.resolve("export.sh"), text, StandardCharsets.UTF_8);
        Map<String, String> env = new java.util.HashMap<>(more);
        env.put("PATH", TestTools.venv().resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        env.put("AWS_DEFAULT_REGION", emulator.region());
        env.put("AWS_REGION", emulator.region());
        env.put("AWS_ACCESS_KEY_ID", emulator.accessKeyId());
        env.put("AWS_SECRET_ACCESS_KEY", emulator.secretAccessKey());
        env.put("AWS_CONFIG_FILE", "/dev/null");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        env.put("AWS_PROFILE", null);
        env.put("AWS_DEFAULT_PROFILE", null);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        return TestTools.run(List.of("bash", script.toString()), env, Duration.ofMinutes(5));
    }
}
