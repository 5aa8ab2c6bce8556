package io.ranchersg.export;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.StackGroup;
import io.ranchersg.core.StackSpec;
import io.ranchersg.core.reconcile.Refusal;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What to export: groups exactly as {@code ensure} would make them (the same specs, with the same
 * tags), the peers they were given by role, and where.
 *
 * <p>Peers become inputs of the export (Terraform variables, CloudFormation parameters, script
 * variables), defaulting to the value given, so that one export serves several environments. A
 * peer that is one of the exported groups (the group itself, another group of a stack) becomes a
 * reference to that group's resource instead, and {@code 0.0.0.0/0} or {@code ::/0} stays as it is.
 *
 * @param title   what is exported, for the document's header ({@code profile rancher-nodes, group
 *                rancher-nodes}); letters, digits and EC2's group-name punctuation only
 * @param groups  the groups, in the order they are made; at least one, names unique
 * @param peers   the peers given by role (every group's, for a stack the stack's outside peers)
 * @param vpcId   the VPC the export defaults to, or {@code null} to leave it to the user
 * @param imports live groups to adopt, by group name (Terraform {@code import} blocks)
 * @param acceptedRisks the critical findings to write all the same, each noted beside its rule
 */
public record ExportSet(String title, List<GroupSpec> groups, Map<String, Peer> peers, String vpcId,
                        Map<String, ImportedGroup> imports, AcceptedRisks acceptedRisks) {

    private static final Pattern VPC_ID = Pattern.compile("vpc-[0-9a-f]{1,17}");
    private static final Pattern TITLE = Pattern.compile("[A-Za-z0-9 ._\\-:/()#,@\\[\\]+=&;{}!$*]{1,300}");

    /**
     * Checks the values and copies the collections.
     *
     * @param title what is exported, for the document's header ({@code profile rancher-nodes, group
     *     rancher-nodes}); letters, digits and EC2's group-name punctuation only
     * @param groups the groups, in the order they are made; at least one, names unique
     * @param peers the peers given by role (every group's, for a stack the stack's outside peers)
     * @param vpcId the VPC the export defaults to, or {@code null} to leave it to the user
     * @param imports live groups to adopt, by group name (Terraform {@code import} blocks)
     * @param acceptedRisks the critical findings to write all the same, each noted beside its rule
     */
    public ExportSet {
        Objects.requireNonNull(title, "title");
        if (!TITLE.matcher(title).matches()) {
            throw new IllegalArgumentException("invalid export title '" + title + "'");
        }
        groups = List.copyOf(groups);
        if (groups.isEmpty()) {
            throw new IllegalArgumentException("an export needs at least one group");
        }
        Set<String> names = new HashSet<>();
        for (GroupSpec group : groups) {
            if (!names.add(group.name())) {
                throw new IllegalArgumentException("security group '" + group.name() + "' is exported twice");
            }
        }
        peers = Collections.unmodifiableMap(new TreeMap<>(peers == null ? Map.of() : peers));
        if (vpcId != null && !VPC_ID.matcher(vpcId).matches()) {
            throw new IllegalArgumentException("invalid VPC id '" + vpcId
                    + "': expected vpc- followed by 8 or 17 lower-case hex digits");
        }
        Map<String, ImportedGroup> copy = new LinkedHashMap<>(imports == null ? Map.of() : imports);
        for (String name : copy.keySet()) {
            if (!names.contains(name)) {
                throw new IllegalArgumentException("cannot import security group '" + name + "': it is not exported");
            }
        }
        imports = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(acceptedRisks, "acceptedRisks");
    }

    /**
     * An export that accepts no risk.
     *
     * @param title what is exported, for the document's header
     * @param groups the groups, in the order they are made; at least one, names unique
     * @param peers the peers given by role
     * @param vpcId the VPC the export defaults to, or {@code null} to leave it to the user
     * @param imports live groups to adopt, by group name
     */
    public ExportSet(String title, List<GroupSpec> groups, Map<String, Peer> peers, String vpcId,
                     Map<String, ImportedGroup> imports) {
        this(title, groups, peers, vpcId, imports, AcceptedRisks.NONE);
    }

    /**
     * {@return why this export must not be written: the critical findings of its rules that were not
     * accepted, as ensure refuses them; empty when it may}
     */
    public List<Refusal> refusals() {
        return groups.stream().flatMap(g -> Refusal.ofRisks(g, acceptedRisks).stream()).toList();
    }

    /**
     * This export writing rules with these critical findings all the same, each noted beside its rule.
     *
     * @param accepted the critical findings to accept
     * @return a new export; this one is unchanged
     */
    public ExportSet withAcceptedRisks(AcceptedRisks accepted) {
        return new ExportSet(title, groups, peers, vpcId, imports, accepted);
    }

    /**
     * One profile's group, with the tags {@code ensure} writes.
     *
     * @param profile the profile's name
     * @param options the group name, peers and other options
     * @param vpcId the VPC the export defaults to, or {@code null} for none
     * @return the export
     * @throws IllegalArgumentException naming the bad value (unknown profile, missing peer, options
     *     too long for the tags)
     */
    public static ExportSet ofProfile(String profile, ProfileOptions options, String vpcId) {
        GroupSpec spec = Profiles.get(profile).spec(options).withTags(GroupTags.of(profile, options));
        return new ExportSet("profile " + profile + ", group " + spec.name(), List.of(spec), options.peers(), vpcId,
                Map.of());
    }

    /**
     * Every group of a cluster stack, each referring to the others as resources of the same export.
     *
     * @param stack the stack
     * @param vpcId the VPC the export defaults to, or {@code null} for none
     * @return the export
     */
    public static ExportSet ofStack(StackSpec stack, String vpcId) {
        return new ExportSet("stack " + stack.cluster() + " (layout " + stack.layout().jsonName() + ")",
                stack.groups().stream().map(StackGroup::spec).toList(), stack.options().peers(), vpcId, Map.of());
    }

    /**
     * This export adopting the live groups given.
     *
     * @param newImports the live groups, by group name
     * @return a new export; this one is unchanged
     */
    public ExportSet withImports(Map<String, ImportedGroup> newImports) {
        return new ExportSet(title, groups, peers, vpcId, newImports, acceptedRisks);
    }

    /**
     * This export defaulting to another VPC.
     *
     * @param newVpcId the VPC, or {@code null} for none
     * @return a new export; this one is unchanged
     */
    public ExportSet withVpcId(String newVpcId) {
        return new ExportSet(title, groups, peers, newVpcId, imports, acceptedRisks);
    }

    /**
     * Whether a group of that name is exported.
     *
     * @param groupName the group's name
     * @return whether it is one of the export's groups
     */
    public boolean exports(String groupName) {
        return groups.stream().anyMatch(g -> g.name().equals(groupName));
    }
}
