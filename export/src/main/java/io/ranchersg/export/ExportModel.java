package io.ranchersg.export;

import io.ranchersg.core.Finding;
import io.ranchersg.core.Findings;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.NewGroup;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Roles;
import io.ranchersg.core.Rule;
import io.ranchersg.core.Severity;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every format decides alike: which peers are inputs of the export, and what each rule's peer
 * refers to. A format only spells the answers.
 */
final class ExportModel {

    /**
     * A peer the export takes as an input, defaulting to the value given.
     *
     * @param name    the role's name, or {@code group-<name>} for a group named by a rule but by no role
     * @param peer    the value given
     * @param meaning what it stands for, for descriptions
     */
    record Input(String name, Peer peer, String meaning) {
    }

    /** What a rule's peer refers to. */
    sealed interface Ref permits Member, InputRef, Literal {
    }

    /** A group of this export (the rule's own group for {@code self}). */
    record Member(GroupSpec group) implements Ref {
    }

    /** An input of the export. */
    record InputRef(Input input) implements Ref {
    }

    /** A value written as it is: a CIDR block open to everyone, a group or prefix list id no role names. */
    record Literal(Peer peer) implements Ref {
    }

    /** What every format calls EC2's own outbound rule, which the profiles take undescribed. */
    static final String EC2_OUTBOUND = "All outbound traffic";

    private final ExportSet set;
    private final Map<Peer, Input> inputs = new LinkedHashMap<>();
    /** The accepted critical findings of each group, judged once per group. */
    private final Map<String, List<Finding>> acceptedFindings = new LinkedHashMap<>();

    ExportModel(ExportSet set) {
        this.set = set;
        set.groups().forEach(group -> acceptedFindings.put(group.name(), Findings.of(group.rules()).stream()
                .filter(f -> f.severity() == Severity.CRITICAL && set.acceptedRisks().accepts(f)).toList()));
        Set<Peer> used = new HashSet<>();
        set.groups().forEach(group -> group.rules().forEach(rule -> used.add(rule.peer())));
        // Roles in name order (the set keeps them sorted): two roles given the same peer share the first's
        // input, and a peer no rule uses is no input (cfn-lint warns of unused parameters).
        set.peers().forEach((role, peer) -> {
            if (isInput(peer) && used.contains(peer)) {
                inputs.putIfAbsent(peer, new Input(role, peer, Roles.meaning(role)));
            }
        });
        for (GroupSpec group : set.groups()) {
            for (Rule rule : group.rules()) {
                if (rule.peer() instanceof Peer.NamedGroup named && isInput(named)) {
                    inputs.putIfAbsent(named, new Input("group-" + named.name(), named,
                            "the security group " + named.name()));
                }
            }
        }
    }

    /**
     * The accepted critical findings that a rule of the group carries (for a union of rules, the
     * widest), one comment line each, so that whoever reads the export sees what was accepted.
     */
    List<String> acceptedRisks(GroupSpec group, Rule rule) {
        return acceptedFindings.get(group.name()).stream()
                .filter(f -> f.rule().equals(rule))
                .map(f -> "accepted risk " + f.code() + ": " + f.message())
                .toList();
    }

    /**
     * The rule's description as every format writes it: the spec's own, and for EC2's own outbound
     * rule, which the profiles take undescribed so that ensure keeps it as EC2 made it,
     * {@value #EC2_OUTBOUND}. The formats make that rule again, and checkov (CKV_AWS_23) wants every
     * rule described; check takes that rule with any description.
     */
    static String description(Rule rule) {
        return rule.description().isEmpty() && NewGroup.isDefaultRule(rule.key()) ? EC2_OUTBOUND
                : rule.description();
    }

    private boolean isInput(Peer peer) {
        if (peer instanceof Peer.Self) {
            return false;
        }
        if (peer instanceof Peer.NamedGroup named) {
            return !set.exports(named.name());
        }
        return !(peer instanceof Peer.Cidr cidr && cidr.isAnywhere());
    }

    ExportSet set() {
        return set;
    }

    /** {@return the inputs, roles first in name order, then groups named by no role} */
    List<Input> inputs() {
        return new ArrayList<>(inputs.values());
    }

    /** What the peer of a rule of {@code owner} refers to. */
    Ref ref(GroupSpec owner, Peer peer) {
        if (peer instanceof Peer.Self) {
            return new Member(owner);
        }
        if (peer instanceof Peer.NamedGroup named && set.exports(named.name())) {
            return new Member(set.groups().stream().filter(g -> g.name().equals(named.name())).findFirst()
                    .orElseThrow());
        }
        Input input = inputs.get(peer);
        return input != null ? new InputRef(input) : new Literal(peer);
    }

    /** Whether the rule refers to a group of this export (its own group included). */
    boolean refersToMember(GroupSpec owner, Rule rule) {
        return ref(owner, rule.peer()) instanceof Member;
    }

    /** A readable, stable label of a rule within its group: direction, protocol, ports and peer. */
    String ruleLabel(GroupSpec owner, Rule rule) {
        List<String> parts = new ArrayList<>();
        parts.add(rule.direction().jsonName());
        parts.add(rule.protocol().jsonName());
        if (rule.ports() != null) {
            if (rule.protocol().isIcmp()) {
                parts.add(rule.ports().from() == -1 ? "any" : rule.ports().to() == -1
                        ? Integer.toString(rule.ports().from()) : rule.ports().from() + "-" + rule.ports().to());
            } else {
                parts.add(rule.ports().toString());
            }
        }
        parts.add(peerLabel(owner, rule.peer()));
        return String.join("-", parts);
    }

    private String peerLabel(GroupSpec owner, Peer peer) {
        Ref ref = ref(owner, peer);
        if (ref instanceof Member member) {
            return member.group() == owner ? "self" : member.group().name();
        }
        if (ref instanceof InputRef input) {
            return input.input().name();
        }
        if (peer instanceof Peer.Cidr cidr && cidr.isAnywhere()) {
            return cidr.ipv6() ? "any-ipv6" : "any-ipv4";
        }
        return peer.value();
    }

    /** The comment lines every document starts with, each prefixed with {@code # }. */
    List<String> header(String what) {
        boolean one = set.groups().size() == 1;
        return List.of("rancher-sg export of " + set.title() + ": " + what + ".",
                "Generated by rancher-sg " + io.ranchersg.core.GroupTags.version()
                        + " from the same model as `rancher-sg ensure`. " + (one ? "The group's tags mark it"
                        : "The groups' tags mark them") + " as",
                "rancher-sg's, so that `rancher-sg check` and `rancher-sg scan` report " + (one ? "its" : "their")
                        + " drift once applied.");
    }

    /** {@code "Inbound from"} or {@code "Outbound to"}, for comments. */
    static String directionText(Rule rule) {
        return rule.direction().label() + " " + rule.direction().preposition();
    }
}
