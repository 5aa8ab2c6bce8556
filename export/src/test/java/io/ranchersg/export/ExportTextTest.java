package io.ranchersg.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Layout;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.StackOptions;
import io.ranchersg.core.StackSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text EC2 allows in names and descriptions stays text in every format, bad input is refused, and
 * what each format adds around the rules: inputs checked, group ids given, live rules named.
 */
class ExportTextTest {

    /** Every punctuation character EC2 allows in a group name and a rule description. */
    private static final String NAME = "a $(touch pwned) ${HOME} !c *.* d&e; #f [g] {h} +=@,:/";
    private static final String DESCRIPTION = "rule $(touch pwned) ${PATH} !y *.* a&b; #c [d] {e} +=@,:/";

    @TempDir
    Path dir;

    private static ExportSet odd() {
        GroupSpec spec = GroupSpec.of(NAME, "group " + DESCRIPTION, List.of(
                Rule.ingress(Protocol.TCP, PortRange.of(22), Peer.cidr("10.0.0.0/8"), DESCRIPTION),
                Rule.ingress(Protocol.UDP, PortRange.of(8472), Peer.self(), DESCRIPTION),
                Rule.egress(Protocol.ICMP, PortRange.icmp(8, 0), Peer.cidr("::/0"), "")));
        return new ExportSet("odd characters", List.of(spec), Map.of(), "vpc-0123abcd", Map.of());
    }

    @Test
    void terraformKeepsTemplateSequencesLiteral() {
        String text = ExportFormat.TERRAFORM.exporter().render(odd());

        assertThat(text).contains("description       = \"rule $(touch pwned) $${PATH} !y *.* a&b; #c [d] {e}"
                + " +=@,:/\"");
        assertThat(text).doesNotContain("\"rule $(touch pwned) ${PATH}");
    }

    @Test
    void cloudFormationQuotesEveryString() {
        String text = ExportFormat.CLOUDFORMATION.exporter().render(odd());

        assertThat(text).contains("          Description: '" + DESCRIPTION + "'")
                .contains("GroupName: '" + NAME + "'");
    }

    /**
     * The script runs with a stand-in {@code aws} that records its arguments: names and
     * descriptions arrive as they are, and nothing in them is run by the shell.
     */
    @Test
    void awsCliScriptPassesNamesAndDescriptionsAsTheyAre() throws IOException, InterruptedException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path log = dir.resolve("aws.log");
        Path aws = bin.resolve("aws");
        Files.writeString(aws, "#!/usr/bin/env bash\n"
                + "printf '%s\\n' \"$@\" '--' >>" + log + "\n"
                + "if [[ $2 == create-security-group ]]; then echo sg-0123abcd; fi\n");
        aws.toFile().setExecutable(true);
        Path script = Files.writeString(dir.resolve("export.sh"), ExportFormat.AWS_CLI.exporter().render(odd()));

        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(process.exitValue()).as(Files.readString(dir.resolve("out.txt"))).isZero();
        String calls = Files.readString(log, StandardCharsets.UTF_8);
        assertThat(calls).contains("--group-name\n" + NAME + "\n")
                .contains("--description\ngroup " + DESCRIPTION + "\n")
                .contains("{\"IpProtocol\": \"tcp\", \"FromPort\": 22, \"ToPort\": 22, \"IpRanges\": [{\"CidrIp\":"
                        + " \"10.0.0.0/8\", \"Description\": \"" + DESCRIPTION + "\"}]}")
                .contains("\"UserIdGroupPairs\": [{\"GroupId\": \"sg-0123abcd\", \"Description\": \"" + DESCRIPTION)
                .contains("{\"IpProtocol\": \"icmp\", \"FromPort\": 8, \"ToPort\": 0, \"Ipv6Ranges\": [{\"CidrIpv6\":"
                        + " \"::/0\"}]}");
        assertThat(dir.resolve("pwned")).as("nothing in a name or description was run").doesNotExist();
    }

    @Test
    void importBlocksNameTheLiveIdsAndSayWhatTerraformAdds() {
        ExportSet set = ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults(), "vpc-0123abcd");
        GroupSpec spec = set.groups().get(0);
        ExportSet adopted = set.withImports(Map.of(spec.name(), new ImportedGroup("sg-0abc",
                Map.of(spec.rules().get(0).key(), "sgr-0def"))));

        String text = ExportFormat.TERRAFORM.exporter().render(adopted);

        assertThat(text).contains("import {\n  to = aws_security_group.rancher_nodes\n  id = \"sg-0abc\"\n}")
                .contains("import {\n  to = aws_vpc_security_group_ingress_rule.rancher_nodes_ingress_tcp_22_any_ipv4\n"
                        + "  id = \"sgr-0def\"\n}")
                .contains("# aws_vpc_security_group_ingress_rule.rancher_nodes_ingress_tcp_80_any_ipv4 is not in the"
                        + " live group: terraform apply adds it.")
                .contains("required_version = \">= 1.5\"");
    }

    @Test
    void importNamesTheLiveRulesTheExportLeavesOut() {
        ExportSet set = ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults(), "vpc-0123abcd");
        Rule rdp = Rule.ingress(Protocol.TCP, PortRange.of(3389), Peer.Cidr.ANY_IPV4, "RDP by hand");
        Rule peer = Rule.ingress(Protocol.TCP, PortRange.of(5432), Peer.group("sg-0fed"), "");
        ExportSet adopted = set.withImports(Map.of("rancher-nodes", new ImportedGroup("sg-0abc", Map.of(),
                List.of(rdp, peer))));

        String text = ExportFormat.TERRAFORM.exporter().render(adopted);

        assertThat(text).contains("# Security group rancher-nodes (sg-0abc) holds 2 rules this export leaves out:"
                        + " Terraform\n# leaves them in the group, and `rancher-sg check` reports them as extra")
                .contains("#   ingress tcp 3389 from 0.0.0.0/0 \"RDP by hand\"\n#   ingress tcp 5432 from sg-0fed\n");
        assertThat(ExportFormat.TERRAFORM.exporter().render(set)).as("without --import").doesNotContain("leaves out");
    }

    @Test
    void everyFormatDescribesEc2sOwnOutboundRule() {
        ExportSet set = ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults().withIpv6(true), null);

        assertThat(ExportFormat.TERRAFORM.exporter().render(set)).contains("resource"
                + " \"aws_vpc_security_group_egress_rule\" \"rancher_nodes_egress_all_any_ipv6\" {\n"
                + "  security_group_id = aws_security_group.rancher_nodes.id\n"
                + "  description       = \"All outbound traffic\"\n");
        assertThat(ExportFormat.CLOUDFORMATION.exporter().render(set)).contains("        - IpProtocol: '-1'\n"
                + "          CidrIpv6: '::/0'\n          Description: 'All outbound traffic'\n");
        assertThat(ExportFormat.AWS_CLI.exporter().render(set)).contains("{\"IpProtocol\": \"-1\", \"Ipv6Ranges\":"
                + " [{\"CidrIpv6\": \"::/0\", \"Description\": \"All outbound traffic\"}]}");
        assertThat(ExportFormat.TERRAFORM.exporter().render(odd())).as("a rule of another key keeps its own")
                .contains("  ip_protocol       = \"icmp\"").doesNotContain("All outbound traffic");
    }

    @Test
    void terraformAsksForTheVpcUnlessOneIsGivenAndGivesTheGroupIds() {
        ExportSet stack = ExportSet.ofStack(StackSpec.of("prod", Layout.NODE_POOL, StackOptions.defaults()
                .withPeer(Roles.RANCHER, Peer.cidr("10.0.0.0/16"))
                .withPeer(Roles.WORKLOAD_CLIENTS, Peer.cidr("10.1.0.0/16"))), null);

        String text = ExportFormat.TERRAFORM.exporter().render(stack);

        assertThat(text).contains("variable \"vpc_id\" {\n  description = \"The VPC of the security groups\"\n"
                + "  type        = string\n}\n");
        assertThat(ExportFormat.TERRAFORM.exporter().render(stack.withVpcId("vpc-0123abcd")))
                .contains("  default     = \"vpc-0123abcd\"\n");
        for (String group : List.of("etcd", "controlplane", "worker")) {
            assertThat(text).contains("output \"prod_" + group + "_id\" {\n"
                    + "  description = \"The id of security group prod-" + group + "\"\n"
                    + "  value       = aws_security_group.prod_" + group + ".id\n}\n");
        }
    }

    @Test
    void cidrPeersTakeOnlyABlockOfTheFamilyGiven() {
        ExportSet set = ExportSet.ofProfile(Profiles.NODE_POOL_WORKER, ProfileOptions.defaults()
                .withPeer(Roles.RANCHER, "10.0.0.0/16").withPeer(Roles.ETCD, "group_name:etcd")
                .withPeer(Roles.CONTROLPLANE, "group_name:cp").withPeer(Roles.WORKLOAD_CLIENTS, "2001:db8::/32"), null);

        assertThat(ExportFormat.TERRAFORM.exporter().render(set))
                .contains("  validation {\n    condition     = can(cidrnetmask(var.rancher))\n"
                        + "    error_message = \"Peer rancher must be an IPv4 CIDR block, such as 10.0.0.0/16.\"\n"
                        + "  }\n")
                .contains("    condition     = can(cidrhost(var.workload_clients, 0))"
                        + " && !can(cidrnetmask(var.workload_clients))\n");
        assertThat(ExportFormat.CLOUDFORMATION.exporter().render(set))
                .contains("    Default: '10.0.0.0/16'\n    AllowedPattern: '" + CloudFormationExporter.IPV4_CIDR + "'\n"
                        + "    ConstraintDescription: 'must be an IPv4 CIDR block, such as 10.0.0.0/16'\n")
                .contains("    Default: '2001:db8::/32'\n    AllowedPattern: '" + CloudFormationExporter.IPV6_CIDR
                        + "'\n");
        Pattern ipv4 = Pattern.compile(CloudFormationExporter.IPV4_CIDR);
        Pattern ipv6 = Pattern.compile(CloudFormationExporter.IPV6_CIDR);
        assertThat(List.of("10.0.0.0/8", "192.168.1.0/24", "0.0.0.0/0", "255.255.255.255/32"))
                .allMatch(cidr -> ipv4.matcher(cidr).matches());
        assertThat(List.of("10.0.0.0", "10.0.0.256/8", "10.0.0.0/33", "10.0.0/8", "2001:db8::/32", ""))
                .noneMatch(cidr -> ipv4.matcher(cidr).matches());
        assertThat(List.of("2001:db8::/32", "::/0", "::1/128", "fe80::/10", "2001:db8:0:0:0:0:0:1/128",
                "2001:DB8::/48", "1:2:3:4:5:6:7::/64", "::2:3:4:5:6:7:8/64"))
                .allMatch(cidr -> ipv6.matcher(cidr).matches());
        assertThat(List.of("2001:db8::/129", "2001:db8:::/32", "1:2:3:4:5:6:7:8:9/64", "2001:db8::g/64",
                "10.0.0.0/8", "2001:db8::", "1::2::3/64"))
                .noneMatch(cidr -> ipv6.matcher(cidr).matches());
    }

    @Test
    void tagsAreThoseEnsureWrites() {
        ExportSet set = ExportSet.ofProfile(Profiles.RANCHER_NODES, ProfileOptions.defaults().withIpv6(true), null);

        assertThat(set.groups().get(0).tags()).isEqualTo(GroupTags.of(Profiles.RANCHER_NODES,
                ProfileOptions.defaults().withIpv6(true)));
    }

    @Test
    void refusesWhatCannotBeExported() {
        GroupSpec spec = GroupSpec.of("g", "d", List.of());
        assertThatIllegalArgumentException().isThrownBy(() -> new ExportSet("t", List.of(), Map.of(), null,
                Map.of())).withMessageContaining("at least one group");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExportSet("t", List.of(spec, spec), Map.of(), null,
                Map.of())).withMessageContaining("'g'");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExportSet("t", List.of(spec), Map.of(),
                "vpc-$(x)", Map.of())).withMessageContaining("'vpc-$(x)'");
        assertThatIllegalArgumentException().isThrownBy(() -> new ExportSet("t", List.of(spec), Map.of(), null,
                Map.of("other", new ImportedGroup("sg-01", Map.of())))).withMessageContaining("'other'");
        assertThatIllegalArgumentException().isThrownBy(() -> new ImportedGroup("sg-01\"", Map.of()));
        assertThatIllegalArgumentException().isThrownBy(() -> ExportFormat.parse("pulumi"))
                .withMessageContaining("'pulumi'").withMessageContaining("terraform, cloudformation, aws-cli");
    }
}
