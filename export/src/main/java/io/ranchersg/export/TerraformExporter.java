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
 * Terraform for the AWS provider (5.0 or newer), in its current style: one {@code aws_security_group}
 * per group without inline rules, and one {@code aws_vpc_security_group_ingress_rule} or
 * {@code aws_vpc_security_group_egress_rule} per rule and peer. Rule resources refer to groups,
 * never the reverse, so a stack's groups may refer to each other without a cycle in Terraform's
 * graph.
 *
 * <p>The provider removes the allow-all outbound rule EC2 gives a new group when it creates a group
 * (documented for {@code aws_security_group}), so an applied group holds exactly the profile's rules.
 * Peers are variables defaulting to the value given; a group named by name is a
 * {@code data "aws_security_group"} lookup by name within the VPC.
 */
final class TerraformExporter implements Exporter {

    @Override
    public ExportFormat format() {
        return ExportFormat.TERRAFORM;
    }

    @Override
    public String render(ExportSet set) {
        ExportModel model = new ExportModel(set);
        Set<String> taken = new HashSet<>();
        taken.add("vpc_id");
        Map<ExportModel.Input, String> variables = new LinkedHashMap<>();
        model.inputs().forEach(input -> variables.put(input, Names.unique(taken, Names.snake(input.name()), "_")));
        Map<GroupSpec, String> groups = new IdentityHashMap<>();
        Set<String> resourceNames = new HashSet<>();
        set.groups().forEach(group -> groups.put(group, Names.unique(resourceNames, Names.snake(group.name()), "_")));

        StringBuilder out = new StringBuilder();
        model.header("Terraform for the AWS provider").forEach(line -> out.append("# ").append(line).append('\n'));
        out.append('\n');
        out.append("terraform {\n");
        if (!set.imports().isEmpty()) {
            out.append("  required_version = \">= 1.5\"\n\n");
        }
        out.append("  required_providers {\n    aws = {\n      source  = \"hashicorp/aws\"\n")
                .append("      version = \">= 5.0\"\n    }\n  }\n}\n");

        // Required unless a VPC was given (--vpc-id, or the live group's with --import): a placeholder
        // default would let a plan run against a VPC nobody chose.
        Block vpc = new Block("variable \"vpc_id\"");
        vpc.attr("description", string(set.groups().size() == 1 ? "The VPC of the security group"
                : "The VPC of the security groups"));
        vpc.attr("type", "string");
        if (set.vpcId() != null) {
            vpc.attr("default", string(set.vpcId()));
        }
        out.append('\n').append(vpc);
        variables.forEach((input, name) -> {
            Block variable = new Block("variable " + string(name));
            variable.attr("description", string(describe(input)));
            variable.attr("type", "string");
            variable.attr("default", string(input.peer().value()));
            if (input.peer() instanceof Peer.Cidr cidr) {
                variable.block(cidrValidation(input, cidr, "var." + name));
            }
            out.append('\n').append(variable);
        });
        variables.forEach((input, name) -> {
            if (input.peer() instanceof Peer.NamedGroup) {
                Block data = new Block("data \"aws_security_group\" " + string(name));
                data.attr("name", "var." + name);
                data.attr("vpc_id", "var.vpc_id");
                out.append('\n').append(data);
            }
        });

        Set<String> ruleNames = new HashSet<>();
        List<String> imports = new ArrayList<>();
        for (GroupSpec group : set.groups()) {
            String groupName = groups.get(group);
            Block resource = new Block("resource \"aws_security_group\" " + string(groupName));
            resource.attr("name", string(group.name()));
            resource.attr("description", string(group.description()));
            resource.attr("vpc_id", "var.vpc_id");
            resource.map("tags", group.tags());
            out.append('\n').append(resource);
            ImportedGroup imported = set.imports().get(group.name());
            if (imported != null) {
                imports.add(importBlock("aws_security_group." + groupName, imported.groupId()));
            }
            for (Rule rule : group.rules()) {
                String type = rule.direction() == Direction.INGRESS
                        ? "aws_vpc_security_group_ingress_rule" : "aws_vpc_security_group_egress_rule";
                String name = Names.unique(ruleNames, Names.snake(group.name() + "-" + model.ruleLabel(group, rule)),
                        "_");
                Block block = new Block("resource " + string(type) + " " + string(name));
                block.attr("security_group_id", "aws_security_group." + groupName + ".id");
                String description = ExportModel.description(rule);
                if (!description.isEmpty()) {
                    block.attr("description", string(description));
                }
                block.attr("ip_protocol", string(rule.protocol().ec2Name()));
                if (rule.protocol() != Protocol.ALL) {
                    block.attr("from_port", Integer.toString(rule.ports().from()));
                    block.attr("to_port", Integer.toString(rule.ports().to()));
                }
                peer(block, model.ref(group, rule.peer()), groups, variables);
                out.append('\n');
                model.acceptedRisks(group, rule).forEach(note -> out.append("# ").append(note).append('\n'));
                out.append(block);
                if (imported != null) {
                    String id = imported.ruleIds().get(rule.key());
                    imports.add(id != null ? importBlock(type + "." + name, id)
                            : "# " + type + "." + name + " is not in the live group: terraform apply adds it.\n");
                }
            }
        }
        for (GroupSpec group : set.groups()) {
            Block output = new Block("output " + string(groups.get(group) + "_id"));
            output.attr("description", string("The id of security group " + group.name()));
            output.attr("value", "aws_security_group." + groups.get(group) + ".id");
            out.append('\n').append(output);
        }
        if (!imports.isEmpty()) {
            out.append("\n# Adopt the live groups and rules instead of creating them (Terraform 1.5 or newer):\n")
                    .append("# after terraform apply they are Terraform's, and these blocks can go.\n");
            set.groups().forEach(group -> leftOut(group, set.imports().get(group.name()), out));
            imports.forEach(block -> out.append('\n').append(block));
        }
        return out.toString();
    }

    /**
     * Names the rules the live group holds that the export does not declare. Terraform manages only
     * the rule resources declared, so these stay in the group; saying so keeps them from being
     * forgotten.
     */
    private static void leftOut(GroupSpec group, ImportedGroup imported, StringBuilder out) {
        if (imported == null || imported.leftOut().isEmpty()) {
            return;
        }
        int count = imported.leftOut().size();
        String them = count == 1 ? "it" : "them";
        out.append("#\n# Security group ").append(group.name()).append(" (").append(imported.groupId())
                .append(") holds ").append(count == 1 ? "a rule" : count + " rules")
                .append(" this export leaves out: Terraform\n# leaves ").append(them)
                .append(" in the group, and `rancher-sg check` reports ").append(them)
                .append(" as extra until revoked\n# (`rancher-sg ensure --prune` revokes ").append(them)
                .append("):\n");
        imported.leftOut().forEach(rule -> out.append("#   ").append(rule).append('\n'));
    }

    /**
     * The validation of a CIDR variable, in the family of the value given: the rule resource takes an
     * IPv4 block as {@code cidr_ipv4} and an IPv6 one as {@code cidr_ipv6}, so a block of the other
     * family would fail only on apply.
     */
    private static Block cidrValidation(ExportModel.Input input, Peer.Cidr cidr, String variable) {
        Block validation = new Block("validation");
        // cidrnetmask takes IPv4 blocks only; cidrhost takes both.
        validation.attr("condition", cidr.ipv6()
                ? "can(cidrhost(" + variable + ", 0)) && !can(cidrnetmask(" + variable + "))"
                : "can(cidrnetmask(" + variable + "))");
        validation.attr("error_message", string("Peer " + input.name() + " must be an " + (cidr.ipv6() ? "IPv6" : "IPv4")
                + " CIDR block, such as " + (cidr.ipv6() ? "2001:db8::/32" : "10.0.0.0/16") + "."));
        return validation;
    }

    private static void peer(Block block, ExportModel.Ref ref, Map<GroupSpec, String> groups,
                             Map<ExportModel.Input, String> variables) {
        if (ref instanceof ExportModel.Member member) {
            block.attr("referenced_security_group_id", "aws_security_group." + groups.get(member.group()) + ".id");
        } else if (ref instanceof ExportModel.InputRef input) {
            String variable = variables.get(input.input());
            Peer peer = input.input().peer();
            String value = peer instanceof Peer.NamedGroup ? "data.aws_security_group." + variable + ".id"
                    : "var." + variable;
            block.attr(attribute(peer), value);
        } else {
            Peer peer = ((ExportModel.Literal) ref).peer();
            block.attr(attribute(peer), string(peer.value()));
        }
    }

    /** The rule resource's attribute for a peer of this kind. */
    private static String attribute(Peer peer) {
        if (peer instanceof Peer.Cidr cidr) {
            return cidr.ipv6() ? "cidr_ipv6" : "cidr_ipv4";
        }
        if (peer instanceof Peer.PrefixList) {
            return "prefix_list_id";
        }
        return "referenced_security_group_id";
    }

    private static String describe(ExportModel.Input input) {
        Peer peer = input.peer();
        String kind = peer instanceof Peer.Cidr ? "a CIDR block"
                : peer instanceof Peer.NamedGroup ? "the name of a security group in the VPC"
                : peer instanceof Peer.PrefixList ? "a managed prefix list id" : "a security group id";
        return role(input) + input.meaning() + " (" + kind + ")";
    }

    /** {@code Peer rancher: } for a role, nothing for a group named by a rule. */
    private static String role(ExportModel.Input input) {
        return input.name().startsWith("group-") ? "" : "Peer " + input.name() + ": ";
    }

    private static String importBlock(String to, String id) {
        Block block = new Block("import");
        block.attr("to", to);
        block.attr("id", string(id));
        return block.toString();
    }

    /** A quoted HCL string: quotes and backslashes escaped, and {@code ${} and {@code %{} kept literal. */
    static String string(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean template = (c == '$' || c == '%') && i + 1 < text.length() && text.charAt(i + 1) == '{';
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (template) {
                out.append(c).append(c);
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /**
     * A block whose single-line attributes are aligned as {@code terraform fmt} aligns them, then its
     * maps and nested blocks, each after a blank line.
     */
    private static final class Block {
        private final String header;
        private final List<String[]> attributes = new ArrayList<>();
        private final List<String> maps = new ArrayList<>();

        Block(String header) {
            this.header = header;
        }

        void attr(String name, String value) {
            attributes.add(new String[] {name, value});
        }

        void map(String name, Map<String, String> entries) {
            int width = entries.keySet().stream().mapToInt(k -> string(k).length()).max().orElse(0);
            StringBuilder text = new StringBuilder("  ").append(name).append(" = {\n");
            entries.forEach((key, value) -> text.append("    ").append(pad(string(key), width)).append(" = ")
                    .append(string(value)).append('\n'));
            maps.add(text.append("  }\n").toString());
        }

        void block(Block nested) {
            maps.add(nested.toString().indent(2));
        }

        @Override
        public String toString() {
            int width = attributes.stream().mapToInt(a -> a[0].length()).max().orElse(0);
            StringBuilder out = new StringBuilder(header).append(" {\n");
            attributes.forEach(a -> out.append("  ").append(pad(a[0], width)).append(" = ").append(a[1]).append('\n'));
            maps.forEach(map -> out.append('\n').append(map));
            return out.append("}\n").toString();
        }

        private static String pad(String text, int width) {
            return text + " ".repeat(Math.max(0, width - text.length()));
        }
    }
}
