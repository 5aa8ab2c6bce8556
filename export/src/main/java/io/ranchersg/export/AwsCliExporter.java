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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A bash script of AWS CLI calls that a person can read before running it: create each group with
 * its tags and keep its id, revoke the allow-all outbound rules EC2 gives a new group, then one
 * authorize call per group and direction with one rule a line. A stack's groups are all created
 * before any rule, since their rules refer to each other. Peers are variables that the environment
 * may override; a group named by name is looked up within the VPC.
 */
final class AwsCliExporter implements Exporter {

    @Override
    public ExportFormat format() {
        return ExportFormat.AWS_CLI;
    }

    @Override
    public String render(ExportSet set) {
        ExportModel model = new ExportModel(set);
        Set<String> taken = new HashSet<>(Set.of("VPC_ID"));
        Map<ExportModel.Input, String> variables = new LinkedHashMap<>();
        model.inputs().forEach(input -> variables.put(input,
                Names.unique(taken, "PEER_" + Names.snake(input.name()).toUpperCase(Locale.ROOT), "_")));
        Set<String> idNames = new HashSet<>();
        Map<GroupSpec, String> ids = new IdentityHashMap<>();
        set.groups().forEach(group -> ids.put(group, Names.unique(idNames, Names.snake(group.name()) + "_id", "_")));

        StringBuilder out = new StringBuilder("#!/usr/bin/env bash\n");
        model.header("AWS CLI calls").forEach(line -> out.append("# ").append(line).append('\n'));
        out.append("# Region and credentials come from the AWS CLI's configuration. Run it once: it creates\n")
                .append("# the group").append(set.groups().size() == 1 ? "" : "s")
                .append(" (a second run stops at create-security-group); `rancher-sg ensure` repairs.\n");
        out.append("set -euo pipefail\n\n");
        if (set.vpcId() != null) {
            out.append("VPC_ID=${VPC_ID:-").append(set.vpcId()).append("}\n");
        } else {
            out.append("VPC_ID=${VPC_ID:?set VPC_ID to the VPC of the security group")
                    .append(set.groups().size() == 1 ? "" : "s").append("}\n");
        }
        variables.forEach((input, name) -> {
            out.append("# ").append(input.name().startsWith("group-") ? "" : "Peer " + input.name() + ": ")
                    .append(input.meaning()).append(input.peer() instanceof Peer.NamedGroup
                            ? " (a security group name)" : "").append('\n');
            out.append(name).append("=${").append(name).append(":-").append(shellWord(input.peer().value()))
                    .append("}\n");
        });
        boolean lookups = variables.keySet().stream().anyMatch(i -> i.peer() instanceof Peer.NamedGroup);
        out.append('\n');
        if (lookups) {
            out.append("# The id of the security group of that name in the VPC.\n")
                    .append("group_id() {\n")
                    .append("  local id\n")
                    .append("  id=$(aws ec2 describe-security-groups --filters \"Name=vpc-id,Values=$VPC_ID\" \\\n")
                    .append("    --query \"SecurityGroups[?GroupName=='$1'].GroupId | [0]\" --output text)\n")
                    .append("  if [[ $id != sg-* ]]; then\n")
                    .append("    echo \"no security group named '$1' in $VPC_ID\" >&2\n")
                    .append("    return 1\n")
                    .append("  fi\n")
                    .append("  echo \"$id\"\n")
                    .append("}\n\n");
        }
        out.append("# EC2 gives every new group an allow-all outbound rule (to ::/0 as well in a VPC with IPv6):\n")
                .append("# revoke it, so that the group holds exactly the rules authorized below.\n")
                .append("revoke_default_egress() {\n")
                .append("  aws ec2 revoke-security-group-egress --group-id \"$1\" \\\n")
                .append("    --ip-permissions '[{\"IpProtocol\": \"-1\", \"IpRanges\": [{\"CidrIp\": \"0.0.0.0/0\"}]}]'"
                        + " >/dev/null\n")
                .append("  if aws ec2 describe-security-groups --group-ids \"$1\" \\\n")
                .append("      --query 'SecurityGroups[0].IpPermissionsEgress[?IpProtocol==`\"-1\"`]"
                        + ".Ipv6Ranges[].CidrIpv6' \\\n")
                .append("      --output text | tr '\\t' '\\n' | grep -qx '::/0'; then\n")
                .append("    aws ec2 revoke-security-group-egress --group-id \"$1\" \\\n")
                .append("      --ip-permissions '[{\"IpProtocol\": \"-1\", \"Ipv6Ranges\": [{\"CidrIpv6\": \"::/0\"}]}]'"
                        + " >/dev/null\n")
                .append("  fi\n")
                .append("}\n");
        Map<ExportModel.Input, String> lookedUp = new LinkedHashMap<>();
        variables.forEach((input, name) -> {
            if (input.peer() instanceof Peer.NamedGroup) {
                String id = Names.unique(idNames, Names.snake(input.name()) + "_id", "_");
                lookedUp.put(input, id);
            }
        });
        if (!lookedUp.isEmpty()) {
            out.append('\n');
            lookedUp.forEach((input, id) -> out.append(id).append("=$(group_id \"$").append(variables.get(input))
                    .append("\")\n"));
        }
        for (GroupSpec group : set.groups()) {
            out.append("\necho \"creating security group ").append(doubleQuoted(group.name()))
                    .append(" in $VPC_ID\" >&2\n");
            out.append(ids.get(group)).append("=$(aws ec2 create-security-group \\\n")
                    .append("  --group-name ").append(shellWord(group.name())).append(" \\\n")
                    .append("  --description ").append(shellWord(group.description())).append(" \\\n")
                    .append("  --vpc-id \"$VPC_ID\" \\\n")
                    .append("  --tag-specifications '[{\"ResourceType\": \"security-group\", \"Tags\": [\n");
            List<String> tags = new ArrayList<>();
            group.tags().forEach((key, value) -> tags.add("    {\"Key\": " + json(key) + ", \"Value\": " + json(value)
                    + "}"));
            out.append(singleQuoted(String.join(",\n", tags))).append("]}]' \\\n")
                    .append("  --query GroupId --output text)\n");
            out.append("revoke_default_egress \"$").append(ids.get(group)).append("\"\n");
        }
        for (GroupSpec group : set.groups()) {
            for (Direction direction : Direction.values()) {
                List<Rule> rules = group.rules(direction);
                if (rules.isEmpty()) {
                    continue;
                }
                // A here-document holds no comment: the accepted risks stand before the command.
                rules.forEach(rule -> model.acceptedRisks(group, rule).forEach(note -> out.append("\n# ")
                        .append(note)));
                out.append("\necho \"authorizing ").append(direction.label().toLowerCase(Locale.ROOT))
                        .append(" rules of ").append(doubleQuoted(group.name())).append("\" >&2\n");
                out.append("aws ec2 authorize-security-group-")
                        .append(direction == Direction.INGRESS ? "ingress" : "egress")
                        .append(" --group-id \"$").append(ids.get(group)).append("\" --ip-permissions \"$(cat <<JSON\n[\n");
                List<String> lines = new ArrayList<>();
                for (Rule rule : rules) {
                    lines.add("  " + permission(rule, model.ref(group, rule.peer()), ids, variables, lookedUp));
                }
                out.append(String.join(",\n", lines)).append("\n]\nJSON\n)\" >/dev/null\n");
            }
        }
        out.append("\necho \"done:");
        set.groups().forEach(group -> out.append(' ').append(doubleQuoted(group.name())).append("=$")
                .append(ids.get(group)));
        out.append("\"\n");
        return out.toString();
    }

    /** One rule as an EC2 IpPermission in JSON, inside an unquoted here-document (variables expand). */
    private static String permission(Rule rule, ExportModel.Ref ref, Map<GroupSpec, String> ids,
                                     Map<ExportModel.Input, String> variables,
                                     Map<ExportModel.Input, String> lookedUp) {
        StringBuilder out = new StringBuilder("{\"IpProtocol\": ").append(heredoc(json(rule.protocol().ec2Name())));
        if (rule.protocol() != Protocol.ALL) {
            out.append(", \"FromPort\": ").append(rule.ports().from()).append(", \"ToPort\": ")
                    .append(rule.ports().to());
        }
        String list;
        String field;
        String value;
        if (ref instanceof ExportModel.Member member) {
            list = "UserIdGroupPairs";
            field = "GroupId";
            value = "\"$" + ids.get(member.group()) + "\"";
        } else if (ref instanceof ExportModel.InputRef input) {
            Peer peer = input.input().peer();
            list = listOf(peer);
            field = fieldOf(peer);
            value = "\"$" + (peer instanceof Peer.NamedGroup ? lookedUp.get(input.input())
                    : variables.get(input.input())) + "\"";
        } else {
            Peer peer = ((ExportModel.Literal) ref).peer();
            list = listOf(peer);
            field = fieldOf(peer);
            value = heredoc(json(peer.value()));
        }
        out.append(", \"").append(list).append("\": [{\"").append(field).append("\": ").append(value);
        String description = ExportModel.description(rule);
        if (!description.isEmpty()) {
            out.append(", \"Description\": ").append(heredoc(json(description)));
        }
        return out.append("}]}").toString();
    }

    private static String listOf(Peer peer) {
        if (peer instanceof Peer.Cidr cidr) {
            return cidr.ipv6() ? "Ipv6Ranges" : "IpRanges";
        }
        return peer instanceof Peer.PrefixList ? "PrefixListIds" : "UserIdGroupPairs";
    }

    private static String fieldOf(Peer peer) {
        if (peer instanceof Peer.Cidr cidr) {
            return cidr.ipv6() ? "CidrIpv6" : "CidrIp";
        }
        return peer instanceof Peer.PrefixList ? "PrefixListId" : "GroupId";
    }

    /** A JSON string. */
    static String json(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Text for an unquoted here-document: {@code $}, backquote and backslash escaped (a quote is not special). */
    static String heredoc(String text) {
        return text.replace("\\", "\\\\").replace("$", "\\$").replace("`", "\\`");
    }

    /** Text inside double quotes: as in a here-document, and the quote escaped too. */
    static String doubleQuoted(String text) {
        return heredoc(text).replace("\"", "\\\"");
    }

    /** Text inside single quotes: a quote ends the quoting, is escaped, and starts it again. */
    static String singleQuoted(String text) {
        return text.replace("'", "'\\''");
    }

    /** One shell word: single-quoted unless it is plain. */
    static String shellWord(String text) {
        return text.matches("[A-Za-z0-9._/:=@,+-]+") ? text : "'" + singleQuoted(text) + "'";
    }
}
