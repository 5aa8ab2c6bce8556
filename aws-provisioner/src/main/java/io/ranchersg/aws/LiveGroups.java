package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.PortRange;
import io.ranchersg.core.Protocol;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * Reads what a group holds, as EC2 identifies it (the group's id and its rules' {@code sgr-} ids),
 * for an export that adopts the group instead of creating it. Reads only: two or three
 * {@code Describe} calls, never a write.
 */
public final class LiveGroups {

    private final Ec2Session session;
    private final SecurityGroupApi api;

    public LiveGroups(Ec2Session session) {
        this.session = Objects.requireNonNull(session, "session");
        this.api = new SecurityGroupApi(session);
    }

    /**
     * The group of the spec's name in the VPC, with the rule id of each rule of the spec it holds.
     *
     * @param spec  the group as exported; groups it names as peers must exist in the VPC
     * @param vpcId the VPC, or {@code null} for the region's default VPC
     * @throws GroupNotFoundException when the group does not exist
     * @throws PeerNotFoundException  when a group the spec names does not exist
     * @throws VpcNotFoundException   when there is no default VPC
     */
    public LiveGroup read(GroupSpec spec, String vpcId) {
        Objects.requireNonNull(spec, "spec");
        String vpc = vpcId != null ? GroupRequest.checkVpcId(vpcId) : api.defaultVpc().map(Vpc::vpcId)
                .orElseThrow(() -> new VpcNotFoundException("the region " + session.region()
                        + " has no default VPC: give the VPC id"));
        Set<String> names = new LinkedHashSet<>();
        names.add(spec.name());
        spec.rules().stream().map(Rule::peer).filter(p -> p instanceof Peer.NamedGroup).map(Peer::value)
                .forEach(names::add);
        Map<String, SecurityGroup> byName = api.findByNames(names, vpc);
        SecurityGroup group = byName.get(spec.name());
        if (group == null) {
            throw new GroupNotFoundException("security group '" + spec.name() + "' does not exist in " + vpc
                    + ": there is nothing to adopt");
        }
        Set<String> missing = new TreeSet<>(names);
        missing.removeAll(byName.keySet());
        if (!missing.isEmpty()) {
            throw new PeerNotFoundException("security group '" + spec.name() + "' refers to " + missing
                    + ", which " + (missing.size() == 1 ? "does" : "do") + " not exist in " + vpc);
        }
        Map<String, String> idByName = new HashMap<>();
        byName.forEach((name, g) -> idByName.put(name, g.groupId()));
        Map<RuleKey, String> ruleIdByLiveKey = new HashMap<>();
        for (SecurityGroupRule rule : api.rulesOf(group.groupId())) {
            RuleKey key = keyOf(rule, group.groupId());
            if (key != null) {
                ruleIdByLiveKey.put(key, rule.securityGroupRuleId());
            }
        }
        Map<RuleKey, String> ruleIds = new LinkedHashMap<>();
        for (Rule rule : spec.rules()) {
            // The rule as EC2 names its peer: other groups by id, the group's own id as self.
            RuleKey live = spec.withRules(rule).resolvePeers(group.groupId(), idByName::get).rules().get(0).key();
            String id = ruleIdByLiveKey.get(live);
            if (id != null) {
                ruleIds.put(rule.key(), id);
            }
        }
        return new LiveGroup(group.groupId(), vpc, ruleIds);
    }

    /** A rule EC2 reports, as a key; {@code null} for what the model cannot express (another IP protocol). */
    private static RuleKey keyOf(SecurityGroupRule rule, String ownGroupId) {
        Protocol protocol;
        try {
            protocol = Protocol.parse(rule.ipProtocol());
        } catch (IllegalArgumentException e) {
            return null;
        }
        PortRange ports = null;
        if (protocol != Protocol.ALL) {
            int from = Objects.requireNonNullElse(rule.fromPort(), -1);
            int to = Objects.requireNonNullElse(rule.toPort(), -1);
            ports = protocol.isIcmp() ? PortRange.icmp(from, to) : PortRange.of(from, to);
        }
        Peer peer;
        if (rule.cidrIpv4() != null) {
            peer = new Peer.Cidr(rule.cidrIpv4());
        } else if (rule.cidrIpv6() != null) {
            peer = new Peer.Cidr(rule.cidrIpv6());
        } else if (rule.prefixListId() != null) {
            peer = Peer.prefixList(rule.prefixListId());
        } else if (rule.referencedGroupInfo() != null && rule.referencedGroupInfo().groupId() != null) {
            String id = rule.referencedGroupInfo().groupId();
            peer = id.equals(ownGroupId) ? Peer.self() : Peer.group(id);
        } else {
            return null;
        }
        Direction direction = Boolean.TRUE.equals(rule.isEgress()) ? Direction.EGRESS : Direction.INGRESS;
        return new RuleKey(direction, protocol, ports, peer);
    }
}
