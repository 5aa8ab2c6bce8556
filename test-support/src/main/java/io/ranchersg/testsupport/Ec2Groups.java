package io.ranchersg.testsupport;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.Rule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.IpRange;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/**
 * The oracle of the end-to-end tests: a group's real state read through the raw SDK client (never
 * through rancher-sg's own code), in a form tests compare with what a profile asks for. Every rule
 * is a line {@code direction protocol from-to peer "description"}.
 */
public final class Ec2Groups {

    private Ec2Groups() {
    }

    /** A group name no other test uses: all tests share one emulator. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** A group of that name in the default VPC, made by hand as someone else would: no tags, EC2's rules; its id. */
    public static String madeByHand(Ec2Emulator emulator, String name) {
        try (Ec2Client ec2 = emulator.ec2Client()) {
            return ec2.createSecurityGroup(r -> r.groupName(name).description("made by hand")).groupId();
        }
    }

    /** The id of the region's default VPC. */
    public static String defaultVpcId(Ec2Client ec2) {
        return ec2.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build()))
                .vpcs().get(0).vpcId();
    }

    /** Every group of that name, in any VPC of the client's region. */
    public static List<SecurityGroup> named(Ec2Client ec2, String name) {
        return ec2.describeSecurityGroupsPaginator(r -> r.filters(Filter.builder().name("group-name").values(name)
                .build())).securityGroups().stream().toList();
    }

    /** The one group of that name, or empty; more than one fails the test. */
    public static Optional<SecurityGroup> group(Ec2Client ec2, String name) {
        List<SecurityGroup> groups = named(ec2, name);
        if (groups.size() > 1) {
            throw new AssertionError(groups.size() + " security groups are named " + name + ": " + groups);
        }
        return groups.stream().findFirst();
    }

    /** The one group of that name; none fails the test. */
    public static SecurityGroup existing(Ec2Client ec2, String name) {
        return group(ec2, name).orElseThrow(() -> new AssertionError("no security group named " + name));
    }

    /** The group with that id, read now. */
    public static SecurityGroup byId(Ec2Client ec2, String groupId) {
        return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().get(0);
    }

    /** The names of every group in the client's region. */
    public static List<String> allNames(Ec2Client ec2) {
        return ec2.describeSecurityGroupsPaginator(r -> { }).securityGroups().stream()
                .map(SecurityGroup::groupName).toList();
    }

    /** Every rule of the group, inbound and outbound, as EC2 reports them. */
    /** The group's tags as a map, as EC2 returned them. */
    public static Map<String, String> tags(SecurityGroup group) {
        Map<String, String> tags = new TreeMap<>();
        group.tags().forEach(t -> tags.put(t.key(), t.value()));
        return tags;
    }

    public static Set<String> rulesOf(SecurityGroup group) {
        Set<String> rules = new TreeSet<>();
        add(rules, Direction.INGRESS, group.ipPermissions());
        add(rules, Direction.EGRESS, group.ipPermissionsEgress());
        return rules;
    }

    /** The rules of the group with that id, read now. */
    public static Set<String> rulesOf(Ec2Client ec2, String groupId) {
        return rulesOf(byId(ec2, groupId));
    }

    /** The group's inbound rules only. */
    public static Set<String> ingressOf(SecurityGroup group) {
        Set<String> rules = new TreeSet<>();
        add(rules, Direction.INGRESS, group.ipPermissions());
        return rules;
    }

    /** What EC2 should report for a group of that id holding exactly the spec's rules. */
    public static Set<String> expectedRules(GroupSpec spec, String groupId) {
        Set<String> rules = new TreeSet<>();
        spec.rules().forEach(rule -> rules.add(line(rule, groupId)));
        return rules;
    }

    /** The default profile's rules for a group of that name and id. */
    public static Set<String> expectedRules(String name, String groupId) {
        return expectedRules(Profiles.get(Profiles.RANCHER_NODES).spec(ProfileOptions.defaults().withGroupName(name)),
                groupId);
    }

    /** One rule of the model as {@link #rulesOf} reads it from EC2; the group's own id stands for self. */
    public static String line(Rule rule, String groupId) {
        String peer = rule.peer() instanceof Peer.Self ? groupId : rule.peer().value();
        Integer from = rule.ports() == null ? null : rule.ports().from();
        Integer to = rule.ports() == null ? null : rule.ports().to();
        return text(rule.direction(), rule.protocol().ec2Name(), from, to, peer, rule.description());
    }

    /** One inbound or outbound rule from an IPv4 block, as {@link #rulesOf} writes it. */
    public static String rule(Direction direction, String protocol, int port, String cidr, String description) {
        return text(direction, protocol, port, port, cidr, description);
    }

    /** An IPv4 permission for one port, to authorize or revoke by hand. */
    public static IpPermission permission(String protocol, int port, String cidr, String description) {
        return IpPermission.builder().ipProtocol(protocol).fromPort(port).toPort(port)
                .ipRanges(IpRange.builder().cidrIp(cidr).description(description).build()).build();
    }

    private static void add(Set<String> rules, Direction direction, List<IpPermission> permissions) {
        for (IpPermission p : permissions) {
            Integer from = "-1".equals(p.ipProtocol()) ? null : p.fromPort();
            Integer to = "-1".equals(p.ipProtocol()) ? null : p.toPort();
            p.ipRanges().forEach(r -> rules.add(text(direction, p.ipProtocol(), from, to, r.cidrIp(),
                    r.description())));
            p.ipv6Ranges().forEach(r -> rules.add(text(direction, p.ipProtocol(), from, to, r.cidrIpv6(),
                    r.description())));
            p.userIdGroupPairs().forEach(g -> rules.add(text(direction, p.ipProtocol(), from, to, g.groupId(),
                    g.description())));
            p.prefixListIds().forEach(l -> rules.add(text(direction, p.ipProtocol(), from, to, l.prefixListId(),
                    l.description())));
        }
    }

    private static String text(Direction direction, String protocol, Integer from, Integer to, String peer,
                               String description) {
        return direction.jsonName() + " " + protocol + " " + from + "-" + to + " " + peer + " \""
                + (description == null ? "" : description) + "\"";
    }
}
