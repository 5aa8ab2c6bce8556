package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.ObservedVpc;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * EC2 as rancher-sg uses it, in core's types: one method per EC2 action, the conflicts a
 * reconciler expects returned as {@link Write} outcomes, every other failure thrown as a
 * {@link RancherSgException}. {@link SecurityGroupApi} is the implementation that calls EC2; tests
 * use an in-memory twin held to the same contract.
 *
 * <p>Rules go in and come out one peer each, a group's own id as {@code self}; groups come back as
 * {@link ObservedGroup}s. Writes to a group that EC2 does not show yet (right after its create) are
 * retried by the implementation, which owns the one retry policy for EC2's eventual consistency.
 */
public interface Ec2Gateway {

    /** How a write ended, when it did not fail outright. */
    enum Write {
        /** EC2 made the change (or, for a DryRun, would have). */
        DONE,
        /** {@code InvalidPermission.Duplicate}: a rule exists already (another run, or EC2's default). */
        DUPLICATE,
        /**
         * {@code InvalidPermission.NotFound}, or a revoke EC2 answers with unknown rules: a rule is
         * gone already.
         */
        RULE_GONE
    }

    /** {@return the account the calls work in, or {@code null} when not known (the caller's own)} */
    String account();

    /** {@return the region the calls go to} */
    String region();

    /** {@return where calls go, for messages: {@code at http://host:port} or {@code in eu-west-1}} */
    String where();

    /** {@return the calls made through this gateway, by operation} */
    CallCounter calls();

    /** {@return the region's default VPC, described, or empty when the region has none} */
    Optional<ObservedVpc> defaultVpc();

    /**
     * Describes one VPC.
     *
     * @param vpcId the VPC's id
     * @return the VPC, described, or empty when it does not exist
     */
    Optional<ObservedVpc> vpc(String vpcId);

    /**
     * The CIDR blocks of one VPC: its IPv4 blocks and its IPv6 blocks, those associated (or being
     * associated) only.
     *
     * @param vpcId the VPC's id
     * @return the blocks, or empty when the VPC does not exist
     */
    Optional<List<Peer.Cidr>> vpcBlocks(String vpcId);

    /** {@return the regions enabled for the account, sorted by name} */
    List<String> regions();

    /**
     * The groups of these names in that VPC, by name, in one paginated read; names without a group
     * are absent. Only exact names match (EC2's filters treat {@code *} and {@code ?} as wildcards).
     *
     * @param names the group names to look for
     * @param vpcId the VPC they are in
     * @return the groups found, by name
     * @throws RancherSgException when one name has several groups, which EC2 does not allow
     */
    Map<String, ObservedGroup> groupsByName(Collection<String> names, String vpcId);

    /**
     * Which of these group ids exist, in one read.
     *
     * @param groupIds the ids to look for
     * @return those of them that exist
     */
    Set<String> existingIds(Collection<String> groupIds);

    /**
     * Describes one group.
     *
     * @param groupId the group's id
     * @return the group, or empty when it does not exist
     */
    Optional<ObservedGroup> groupById(String groupId);

    /**
     * Every group in the region tagged as rancher-sg's and, with {@code driverGroups}, every group
     * carrying the tag key of Rancher's EC2 node driver, in one paginated read.
     *
     * @param driverGroups whether to read the node driver's groups too
     * @return the groups found
     */
    List<ObservedGroup> scanned(boolean driverGroups);

    /**
     * Every group in the region, whoever made it, in one paginated read: for a scan that must also
     * find groups by id or name ({@link GroupToVerify}) without a read per group.
     *
     * @return the groups found
     */
    List<ObservedGroup> everyGroup();

    /**
     * The default security group of every VPC in the region, in one paginated read.
     *
     * @return the groups named {@code default}
     */
    List<ObservedGroup> defaultGroups();

    /**
     * The groups that may belong to a cluster stack, in one paginated read: those tagged as
     * rancher-sg's in the VPC that carry the cluster's tag or one of the names; which are members is
     * {@link io.ranchersg.core.reconcile.StackMembership}'s to judge.
     *
     * @param cluster the cluster name the groups are tagged with
     * @param names the names a member may have, so that a member whose cluster tag is gone is found
     * @param vpcId the VPC they are in
     * @return the groups tagged as rancher-sg's with this cluster or of one of these names, in the VPC
     */
    List<ObservedGroup> stackGroups(String cluster, Collection<String> names, String vpcId);

    /**
     * Groups anywhere in the region whose rules refer to any of these groups, inbound or outbound.
     *
     * @param groupIds the groups referred to
     * @return the groups that refer to them
     */
    List<ObservedGroup> referencing(Collection<String> groupIds);

    /**
     * The network interfaces that use any of these groups.
     *
     * @param groupIds the groups
     * @return each interface as {@code eni-… (instance i-…)}
     */
    List<String> interfacesUsing(Collection<String> groupIds);

    /**
     * The blocks of a managed prefix list ({@code GetManagedPrefixListEntries}, paginated).
     *
     * @param prefixListId the list's id
     * @return its blocks, or empty when it cannot be read (not found, or not allowed): its rules are
     *     then not judged
     */
    Optional<List<Peer.Cidr>> prefixListEntries(String prefixListId);

    /**
     * The ids of a group's rules.
     *
     * @param groupId the group's id
     * @return the {@code sgr-} id of each rule the group holds, by the rule's key ({@code self} for
     *     its own id)
     */
    Map<RuleKey, String> ruleIds(String groupId);

    /**
     * Creates the group in the VPC, tagged in the same call; with {@code dryRun} only proves the
     * permission.
     *
     * @param spec the group: its name, description, tags and rules
     * @param vpcId the VPC to create it in
     * @param dryRun whether only to prove the permission
     * @return the new group's id; empty when a group of that name appeared meanwhile
     *     ({@code InvalidGroup.Duplicate}), and always for a DryRun
     */
    Optional<String> create(GroupSpec spec, String vpcId, boolean dryRun);

    /**
     * Writes tags on a group.
     *
     * @param groupId the group's id
     * @param tags the tags, by key
     * @param dryRun whether only to prove the permission
     */
    void tag(String groupId, Map<String, String> tags, boolean dryRun);

    /**
     * Adds rules of one direction in one call.
     *
     * @param groupId the group's id
     * @param direction inbound or outbound
     * @param rules the rules to add
     * @param dryRun whether only to prove the permission
     * @return how the write ended
     */
    Write authorize(String groupId, Direction direction, List<Rule> rules, boolean dryRun);

    /**
     * Removes rules of one direction in one call.
     *
     * @param groupId the group's id
     * @param direction inbound or outbound
     * @param rules the rules to remove
     * @param dryRun whether only to prove the permission
     * @return how the write ended
     */
    Write revoke(String groupId, Direction direction, List<Rule> rules, boolean dryRun);

    /**
     * Sets the descriptions of existing rules of one direction in one call.
     *
     * @param groupId the group's id
     * @param direction inbound or outbound
     * @param rules the rules, with the descriptions to set
     * @param dryRun whether only to prove the permission
     * @return how the write ended
     */
    Write updateDescriptions(String groupId, Direction direction, List<Rule> rules, boolean dryRun);

    /**
     * Deletes a group, waiting out the moment after its last reference is revoked.
     *
     * @param groupId the group's id
     * @return false when it was gone already
     * @throws DeleteRefusedException when EC2 still answers {@code DependencyViolation} once the
     *     attempts run out: something uses the group
     */
    boolean delete(String groupId);

    /**
     * Waits before reading again what another writer changed, for longer in later rounds: EC2's reads
     * lag its writes. An in-memory twin need not wait.
     *
     * @param round how many times this run has read again already, from 0
     */
    void settle(int round);
}
