package io.ranchersg.export;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A CloudFormation template in YAML: parameters for the VPC and the peers, one
 * {@code AWS::EC2::SecurityGroup} per group. Rules that refer to a group of the template (the group
 * itself, another group of a stack) are separate {@code AWS::EC2::SecurityGroupIngress} and
 * {@code AWS::EC2::SecurityGroupEgress} resources, so the template has no circular dependency; the
 * others are the group's own {@code SecurityGroupIngress} and {@code SecurityGroupEgress}, and an
 * egress list replaces the allow-all outbound rule EC2 gives a new group.
 *
 * <p>A group named by name outside the template is a parameter of its id: CloudFormation cannot look
 * a group up by name within a VPC.
 */
final class CloudFormationExporter implements Exporter {

    /** A CIDR parameter's pattern, in the family of the value given (CidrIp or CidrIpv6 takes it). */
    static final String IPV4_CIDR;
    static final String IPV6_CIDR;

    static {
        String octet = "(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])";
        IPV4_CIDR = "^(" + octet + "\\.){3}" + octet + "/(3[0-2]|[12]?[0-9])$";
        // Eight groups, or fewer around one "::" (n groups before it, at most 7 - n after).
        String group = "[0-9a-fA-F]{1,4}";
        List<String> forms = new ArrayList<>(List.of("(" + group + ":){7}" + group, ":((:" + group + "){1,7}|:)"));
        for (int before = 1; before <= 7; before++) {
            forms.add("(" + group + ":){" + before + "}" + (before == 7 ? ":" : "((:" + group + "){1," + (7 - before)
                    + "}|:)"));
        }
        IPV6_CIDR = "^(" + String.join("|", forms) + ")/(12[0-8]|1[01][0-9]|[1-9]?[0-9])$";
    }

    @Override
    public ExportFormat format() {
        return ExportFormat.CLOUDFORMATION;
    }

    @Override
    public String render(ExportSet set) {
        ExportModel model = new ExportModel(set);
        Set<String> taken = new HashSet<>();
        taken.add("VpcId");
        Map<ExportModel.Input, String> parameters = new LinkedHashMap<>();
        model.inputs().forEach(input -> parameters.put(input, Names.unique(taken,
                Names.pascal(input.name()) + (input.peer() instanceof Peer.NamedGroup ? "GroupId" : "Peer"), "")));
        Map<GroupSpec, String> groups = new IdentityHashMap<>();
        set.groups().forEach(group -> groups.put(group, Names.unique(taken, Names.pascal(group.name()), "")));

        StringBuilder out = new StringBuilder();
        model.header("a CloudFormation template").forEach(line -> out.append("# ").append(line).append('\n'));
        out.append("AWSTemplateFormatVersion: '2010-09-09'\n");
        out.append("Description: ").append(string("rancher-sg export of " + set.title())).append('\n');
        out.append("Parameters:\n");
        out.append("  VpcId:\n    Type: AWS::EC2::VPC::Id\n    Description: ")
                .append(string(set.groups().size() == 1 ? "The VPC of the security group"
                        : "The VPC of the security groups")).append('\n');
        if (set.vpcId() != null) {
            out.append("    Default: ").append(string(set.vpcId())).append('\n');
        }
        parameters.forEach((input, name) -> {
            Peer peer = input.peer();
            out.append("  ").append(name).append(":\n");
            if (peer instanceof Peer.NamedGroup named) {
                out.append("    Type: AWS::EC2::SecurityGroup::Id\n    Description: ")
                        .append(string("The id of security group " + named.name() + " in the VPC ("
                                + input.meaning() + ")")).append('\n');
            } else {
                String kind = peer instanceof Peer.Cidr ? "a CIDR block"
                        : peer instanceof Peer.PrefixList ? "a managed prefix list id" : "a security group id";
                out.append("    Type: ").append(peer instanceof Peer.Group ? "AWS::EC2::SecurityGroup::Id" : "String")
                        .append("\n    Description: ").append(string(
                                "Peer " + input.name() + ": " + input.meaning() + " (" + kind + ")")).append('\n');
                out.append("    Default: ").append(string(peer.value())).append('\n');
                if (peer instanceof Peer.Cidr cidr) {
                    out.append("    AllowedPattern: ").append(string(cidr.ipv6() ? IPV6_CIDR : IPV4_CIDR))
                            .append("\n    ConstraintDescription: ").append(string("must be an "
                                    + (cidr.ipv6() ? "IPv6 CIDR block, such as 2001:db8::/32"
                                    : "IPv4 CIDR block, such as 10.0.0.0/16"))).append('\n');
                }
            }
        });

        out.append("Resources:\n");
        Set<String> ruleNames = new HashSet<>(taken);
        List<String> separate = new ArrayList<>();
        for (GroupSpec group : set.groups()) {
            String name = groups.get(group);
            out.append("  ").append(name).append(":\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n");
            out.append("      GroupName: ").append(string(group.name())).append('\n');
            out.append("      GroupDescription: ").append(string(group.description())).append('\n');
            out.append("      VpcId: !Ref VpcId\n");
            for (Direction direction : Direction.values()) {
                List<Rule> inline = group.rules(direction).stream()
                        .filter(rule -> !model.refersToMember(group, rule)).toList();
                if (inline.isEmpty()) {
                    if (direction == Direction.EGRESS) {
                        out.append("      # No outbound rule without a reference to a group of this template:\n")
                                .append("      # EC2's allow-all outbound rule stays, as CloudFormation removes it"
                                        + " only for a SecurityGroupEgress list.\n");
                    }
                    continue;
                }
                out.append(direction == Direction.INGRESS ? "      SecurityGroupIngress:\n"
                        : "      SecurityGroupEgress:\n");
                for (Rule rule : inline) {
                    model.acceptedRisks(group, rule).forEach(note -> out.append("        # ").append(note)
                            .append('\n'));
                    List<String> lines = ruleProperties(rule, model.ref(group, rule.peer()), groups, parameters);
                    for (int i = 0; i < lines.size(); i++) {
                        out.append(i == 0 ? "        - " : "          ").append(lines.get(i)).append('\n');
                    }
                }
            }
            out.append("      Tags:\n");
            group.tags().forEach((key, value) -> out.append("        - Key: ").append(string(key))
                    .append("\n          Value: ").append(string(value)).append('\n'));
            for (Rule rule : group.rules()) {
                if (!model.refersToMember(group, rule)) {
                    continue;
                }
                String ruleName = Names.unique(ruleNames, Names.pascal(group.name() + "-" + model.ruleLabel(group,
                        rule)), "");
                StringBuilder resource = new StringBuilder();
                resource.append("  ").append(ruleName).append(":\n    Type: ")
                        .append(rule.direction() == Direction.INGRESS ? "AWS::EC2::SecurityGroupIngress"
                                : "AWS::EC2::SecurityGroupEgress")
                        .append("\n    Properties:\n      GroupId: !GetAtt ").append(name).append(".GroupId\n");
                ruleProperties(rule, model.ref(group, rule.peer()), groups, parameters)
                        .forEach(line -> resource.append("      ").append(line).append('\n'));
                separate.add(resource.toString());
            }
        }
        separate.forEach(out::append);
        out.append("Outputs:\n");
        set.groups().forEach(group -> out.append("  ").append(groups.get(group)).append("Id:\n")
                .append("    Description: ").append(string("The id of security group " + group.name())).append('\n')
                .append("    Value: !GetAtt ").append(groups.get(group)).append(".GroupId\n"));
        return out.toString();
    }

    /** A rule's properties, one a line, as both the inline lists and the rule resources spell them. */
    private static List<String> ruleProperties(Rule rule, ExportModel.Ref ref, Map<GroupSpec, String> groups,
                                               Map<ExportModel.Input, String> parameters) {
        List<String> lines = new ArrayList<>();
        lines.add("IpProtocol: " + string(rule.protocol().ec2Name()));
        if (rule.protocol() != Protocol.ALL) {
            lines.add("FromPort: " + rule.ports().from());
            lines.add("ToPort: " + rule.ports().to());
        }
        boolean ingress = rule.direction() == Direction.INGRESS;
        if (ref instanceof ExportModel.Member member) {
            lines.add((ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId") + ": !GetAtt "
                    + groups.get(member.group()) + ".GroupId");
        } else if (ref instanceof ExportModel.InputRef input) {
            lines.add(key(input.input().peer(), ingress) + ": !Ref " + parameters.get(input.input()));
        } else {
            Peer peer = ((ExportModel.Literal) ref).peer();
            lines.add(key(peer, ingress) + ": " + string(peer.value()));
        }
        String description = ExportModel.description(rule);
        if (!description.isEmpty()) {
            lines.add("Description: " + string(description));
        }
        return lines;
    }

    private static String key(Peer peer, boolean ingress) {
        if (peer instanceof Peer.Cidr cidr) {
            return cidr.ipv6() ? "CidrIpv6" : "CidrIp";
        }
        if (peer instanceof Peer.PrefixList) {
            return ingress ? "SourcePrefixListId" : "DestinationPrefixListId";
        }
        return ingress ? "SourceSecurityGroupId" : "DestinationSecurityGroupId";
    }

    /** A single-quoted YAML scalar: nothing in it is special but the quote, which is doubled. */
    static String string(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
