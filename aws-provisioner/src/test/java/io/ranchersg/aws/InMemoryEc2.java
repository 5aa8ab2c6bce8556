package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.Rules;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.ObservedVpc;
import io.ranchersg.core.reconcile.Refusal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * EC2 in memory, held to the {@link Ec2Gateway} contract ({@link Ec2GatewayContract}), so that the
 * reconciler's rules can be tested in milliseconds. It keeps what {@link SecurityGroupApi} relies on:
 * VPCs (a default one; with an IPv6 block or not), groups with {@code sg-} ids whose names are unique
 * per VPC, each VPC's {@code default} group, EC2's outbound rules on a new group, tags, rules by key
 * (the description is not part of a rule's identity), the rule quota, network interfaces, and
 * {@code DependencyViolation} on deleting a group that is still used.
 *
 * <p>Every call is counted in {@link #calls()} under the EC2 action {@link SecurityGroupApi} sends, and
 * answers as {@link SecurityGroupApi} turns EC2's answer into outcomes and exceptions. Where that
 * class retries (a group not visible to writes yet, a group still in use), the twin counts each
 * attempt as a call, as the SDK's counter does, and gives up after as many attempts. DryRun checks
 * the permission and the group, and changes nothing. {@link #settle} does not sleep.
 *
 * <p>Tests set the scene and read the outcome through the methods that bypass the gateway
 * ({@link #addGroup}, {@link #addRule}, {@link #rules}, ...): they count no call, so they stay an
 * oracle independent of the code under test. Faults are injected with {@link #deny}, {@link #onCall},
 * {@link #loseAnswer}, {@link #writesLagAfterCreate} and {@link #readsLag}.
 */
final class InMemoryEc2 implements Ec2Gateway {

    /** The twin's region. */
    static final String REGION = "us-east-1";
    /** Matches every operation in {@link #onCall} and {@link #loseAnswer}. */
    static final String ANY = "*";
    /** As {@link SecurityGroupApi}: how often a write meeting a passing error is sent before it fails. */
    static final int ATTEMPTS = 7;
    private static final List<String> REGIONS = List.of("eu-central-1", "eu-west-1", "us-east-1", "us-west-2");

    private record Vpc(String id, boolean ipv6, boolean isDefault, List<Peer.Cidr> blocks) {
    }

    private record StoredRule(String id, String description) {
    }

    private record NetworkInterface(String id, String instanceId, Set<String> groupIds) {
    }

    private static final class Group {
        final String id;
        final String name;
        final String vpcId;
        final Map<String, String> tags = new TreeMap<>();
        /** By key, a reference to the group itself as {@link Peer#self()}. */
        final Map<RuleKey, StoredRule> rules = new LinkedHashMap<>();

        Group(String id, String name, String vpcId) {
            this.id = id;
            this.name = name;
            this.vpcId = vpcId;
        }
    }

    /** Something to do on the n-th call of an operation from now on. */
    private static final class Trigger {
        final String operation;
        int remaining;
        final Consumer<InMemoryEc2> action;
        final boolean loseAnswer;

        Trigger(String operation, int nth, Consumer<InMemoryEc2> action, boolean loseAnswer) {
            if (nth < 1) {
                throw new IllegalArgumentException("calls are counted from 1, got " + nth);
            }
            this.operation = operation;
            this.remaining = nth;
            this.action = action;
            this.loseAnswer = loseAnswer;
        }
    }

    /** EC2's InvalidGroup.NotFound inside the twin, before {@link #write} turns it into an outcome. */
    private static final class GroupNotFound extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GroupNotFound(String groupId) {
            super("The security group '" + groupId + "' does not exist", null, false, false);
        }
    }

    private final CallCounter calls = new CallCounter();
    private final Random random = new Random(20_250_101L);
    private final Set<String> usedIds = new HashSet<>();
    private final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    private final Map<String, Group> groups = new LinkedHashMap<>();
    private final Map<String, NetworkInterface> interfaces = new LinkedHashMap<>();
    private final Map<String, List<Peer.Cidr>> prefixLists = new LinkedHashMap<>();
    private final Set<String> denied = new HashSet<>();
    /** Groups whose delete EC2 refuses for a dependency no read shows. */
    private final Set<String> dependents = new HashSet<>();
    private final List<Trigger> triggers = new ArrayList<>();
    private final List<String> journal = new ArrayList<>();
    /** Write attempts that still see InvalidGroup.NotFound, by group. */
    private final Map<String, Integer> unseenByWrites = new HashMap<>();
    /** Settles to go before reads show the group, by group. */
    private final Map<String, Integer> unseenByReads = new HashMap<>();
    private final String defaultVpcId;
    private RuleQuota quota = RuleQuota.DEFAULT;
    private int writeLagAfterCreate;
    private int settles;

    /** A region with a default VPC without an IPv6 block. */
    InMemoryEc2() {
        this(false);
    }

    /** A region whose default VPC has an IPv6 block or not. */
    InMemoryEc2(boolean defaultVpcIpv6) {
        defaultVpcId = newVpc(defaultVpcIpv6, true);
    }

    // ---------------------------------------------------------------------------------------------
    // Ec2Gateway

    @Override
    public String account() {
        return null;
    }

    @Override
    public String region() {
        return REGION;
    }

    @Override
    public String where() {
        return "in " + REGION + " (in memory)";
    }

    @Override
    public CallCounter calls() {
        return calls;
    }

    @Override
    public synchronized Optional<ObservedVpc> defaultVpc() {
        return call("DescribeVpcs", () -> vpcs.values().stream().filter(Vpc::isDefault).findFirst()
                .map(InMemoryEc2::observed));
    }

    @Override
    public synchronized Optional<ObservedVpc> vpc(String vpcId) {
        return call("DescribeVpcs", () -> Optional.ofNullable(vpcs.get(vpcId)).map(InMemoryEc2::observed));
    }

    @Override
    public synchronized Optional<List<Peer.Cidr>> vpcBlocks(String vpcId) {
        return call("DescribeVpcs", () -> Optional.ofNullable(vpcs.get(vpcId)).map(Vpc::blocks));
    }

    @Override
    public synchronized List<String> regions() {
        return call("DescribeRegions", () -> REGIONS);
    }

    @Override
    public synchronized Map<String, ObservedGroup> groupsByName(Collection<String> names, String vpcId) {
        Set<String> wanted = new LinkedHashSet<>(names);
        return call("DescribeSecurityGroups", () -> {
            Map<String, ObservedGroup> byName = new LinkedHashMap<>();
            visible(g -> g.vpcId.equals(vpcId) && wanted.contains(g.name))
                    .forEach(g -> byName.put(g.name, observed(g)));
            return byName;
        });
    }

    @Override
    public synchronized Set<String> existingIds(Collection<String> groupIds) {
        Set<String> wanted = Set.copyOf(groupIds);
        return call("DescribeSecurityGroups", () -> {
            Set<String> found = new HashSet<>();
            visible(g -> wanted.contains(g.id)).forEach(g -> found.add(g.id));
            return found;
        });
    }

    @Override
    public synchronized Optional<ObservedGroup> groupById(String groupId) {
        return call("DescribeSecurityGroups", () -> visible(g -> g.id.equals(groupId)).stream().findFirst()
                .map(InMemoryEc2::observed));
    }

    @Override
    public synchronized List<ObservedGroup> scanned(boolean driverGroups) {
        return call("DescribeSecurityGroups", () -> visible(g -> GroupTags.isManaged(g.tags) || driverGroups
                && (g.tags.containsKey(GroupTags.MANAGED_BY) || g.tags.containsKey(ManagedTags.DRIVER_TAG)))
                .stream().map(InMemoryEc2::observed).toList());
    }

    @Override
    public synchronized List<ObservedGroup> everyGroup() {
        return call("DescribeSecurityGroups", () -> visible(g -> true).stream().map(InMemoryEc2::observed).toList());
    }

    @Override
    public synchronized List<ObservedGroup> defaultGroups() {
        return call("DescribeSecurityGroups", () -> groups.values().stream().filter(g -> "default".equals(g.name))
                .map(InMemoryEc2::observed).toList());
    }

    @Override
    public synchronized List<ObservedGroup> stackGroups(String cluster, Collection<String> names, String vpcId) {
        return call("DescribeSecurityGroups", () -> visible(g -> g.vpcId.equals(vpcId)
                && GroupTags.MANAGER.equals(g.tags.get(GroupTags.MANAGED_BY))
                && (cluster.equals(g.tags.get(GroupTags.CLUSTER)) || names.contains(g.name)))
                .stream().map(InMemoryEc2::observed).toList());
    }

    /** As {@link SecurityGroupApi}: one read for inbound references, one for outbound ones. */
    @Override
    public synchronized List<ObservedGroup> referencing(Collection<String> groupIds) {
        Map<String, ObservedGroup> byId = new LinkedHashMap<>();
        for (Direction direction : Direction.values()) {
            call("DescribeSecurityGroups", () -> visible(g -> refersTo(g, direction, groupIds)))
                    .forEach(g -> byId.putIfAbsent(g.id, observed(g)));
        }
        return List.copyOf(byId.values());
    }

    @Override
    public synchronized List<String> interfacesUsing(Collection<String> groupIds) {
        return call("DescribeNetworkInterfaces", () -> interfaces.values().stream()
                .filter(eni -> eni.groupIds().stream().anyMatch(groupIds::contains))
                .map(eni -> eni.id() + (eni.instanceId() == null ? "" : " (instance " + eni.instanceId() + ")"))
                .toList());
    }

    /** As SecurityGroupApi: a list that is unknown, or whose read is denied, is empty rather than a failure. */
    @Override
    public synchronized Optional<List<Peer.Cidr>> prefixListEntries(String prefixListId) {
        if (denied.contains("GetManagedPrefixListEntries")) {
            calls.record("GetManagedPrefixListEntries");
            return Optional.empty();
        }
        return call("GetManagedPrefixListEntries", () -> Optional.ofNullable(prefixLists.get(prefixListId)));
    }

    /** A managed prefix list holding these blocks; returns its id. */
    synchronized String addPrefixList(String... blocks) {
        String id = newId("pl-");
        prefixLists.put(id, Arrays.stream(blocks).map(Peer.Cidr::new).toList());
        return id;
    }

    @Override
    public synchronized Map<RuleKey, String> ruleIds(String groupId) {
        return call("DescribeSecurityGroupRules", () -> {
            Map<RuleKey, String> ids = new LinkedHashMap<>();
            Group group = groups.get(groupId);
            if (group != null) {
                group.rules.forEach((key, rule) -> ids.put(key, rule.id()));
            }
            return ids;
        });
    }

    @Override
    public synchronized Optional<String> create(GroupSpec spec, String vpcId, boolean dryRun) {
        return call("CreateSecurityGroup", () -> {
            if (!vpcs.containsKey(vpcId)) {
                throw new RefusedException(Refusal.of(Refusal.Code.VPC_NOT_FOUND, "",
                        "The vpc ID '" + vpcId + "' does not exist"));
            }
            if (spec.tags().isEmpty()) {
                throw new Ec2CallException("EC2 CreateSecurityGroup failed: InvalidParameterValue: Tag specification"
                        + " must have at least one tag");
            }
            if (dryRun || byName(spec.name(), vpcId).isPresent()) {
                return Optional.empty();
            }
            Group group = newGroup(spec.name(), vpcId, spec.tags());
            if (writeLagAfterCreate > 0) {
                unseenByWrites.put(group.id, writeLagAfterCreate);
            }
            return Optional.of(group.id);
        });
    }

    @Override
    public synchronized void tag(String groupId, Map<String, String> tags, boolean dryRun) {
        write(groupId, "CreateTags", dryRun, group -> {
            group.tags.putAll(tags);
            return Write.DONE;
        });
    }

    @Override
    public synchronized Write authorize(String groupId, Direction direction, List<Rule> rules, boolean dryRun) {
        String operation = direction == Direction.INGRESS ? "AuthorizeSecurityGroupIngress"
                : "AuthorizeSecurityGroupEgress";
        return write(groupId, operation, dryRun, group -> {
            Map<RuleKey, Rule> asked = asked(group, direction, rules);
            if (asked.keySet().stream().anyMatch(group.rules::containsKey)) {
                return Write.DUPLICATE;
            }
            List<RuleKey> after = new ArrayList<>(group.rules.keySet());
            after.addAll(asked.keySet());
            if (overQuota(after, direction)) {
                throw new RefusedException(Refusal.of(Refusal.Code.QUOTA, groupId, "security group " + groupId
                        + ": EC2 refused " + operation + " because the group's rule quota is reached (The maximum"
                        + " number of rules per security group has been reached.)"));
            }
            asked.values().forEach(rule -> hold(group, rule));
            return Write.DONE;
        });
    }

    /** Atomic, as EC2 answers {@code InvalidPermission.NotFound} for a VPC's group: one unknown rule, none revoked. */
    @Override
    public synchronized Write revoke(String groupId, Direction direction, List<Rule> rules, boolean dryRun) {
        String operation = direction == Direction.INGRESS ? "RevokeSecurityGroupIngress" : "RevokeSecurityGroupEgress";
        return write(groupId, operation, dryRun, group -> {
            Map<RuleKey, Rule> asked = asked(group, direction, rules);
            if (!group.rules.keySet().containsAll(asked.keySet())) {
                return Write.RULE_GONE;
            }
            asked.keySet().forEach(group.rules::remove);
            return Write.DONE;
        });
    }

    @Override
    public synchronized Write updateDescriptions(String groupId, Direction direction, List<Rule> rules,
                                                 boolean dryRun) {
        String operation = direction == Direction.INGRESS ? "UpdateSecurityGroupRuleDescriptionsIngress"
                : "UpdateSecurityGroupRuleDescriptionsEgress";
        return write(groupId, operation, dryRun, group -> {
            Map<RuleKey, Rule> asked = asked(group, direction, rules);
            if (!group.rules.keySet().containsAll(asked.keySet())) {
                return Write.RULE_GONE;
            }
            asked.forEach((key, rule) -> group.rules.put(key, new StoredRule(group.rules.get(key).id(),
                    rule.description())));
            return Write.DONE;
        });
    }

    /**
     * As {@link SecurityGroupApi}: a group still in use answers {@code DependencyViolation}, sent again
     * until the attempts run out, then thrown as EC2's error.
     */
    @Override
    public synchronized boolean delete(String groupId) {
        for (int attempt = 1; ; attempt++) {
            Optional<Boolean> deleted = call("DeleteSecurityGroup", () -> {
                Group group = groups.get(groupId);
                if (group == null) {
                    return Optional.of(false);
                }
                if ("default".equals(group.name)) {
                    throw new Ec2CallException("EC2 DeleteSecurityGroup failed: CannotDelete: the specified group: \""
                            + groupId + "\" name: \"default\" cannot be deleted by a user");
                }
                if (inUse(groupId) || dependents.contains(groupId)) {
                    return Optional.empty();
                }
                groups.remove(groupId);
                return Optional.of(true);
            });
            if (deleted.isPresent()) {
                return deleted.get();
            }
            if (attempt == ATTEMPTS) {
                throw new DeleteRefusedException(groupId, "DependencyViolation: resource " + groupId
                        + " has a dependent object", null);
            }
        }
    }

    /** Counts the wait, and lets reads show what {@link #readsLag} held back for this many settles. */
    @Override
    public synchronized void settle(int round) {
        settles++;
        unseenByReads.replaceAll((id, settlesLeft) -> settlesLeft - 1);
        unseenByReads.values().removeIf(settlesLeft -> settlesLeft <= 0);
    }

    // ---------------------------------------------------------------------------------------------
    // Faults

    /** Makes every call of the operation, DryRun or not, fail as EC2 answers {@code UnauthorizedOperation}. */
    synchronized InMemoryEc2 deny(String operation) {
        denied.add(operation);
        return this;
    }

    /**
     * Makes EC2 refuse to delete the group with {@code DependencyViolation} for as long as it is
     * marked, as for a dependency no read shows (a reference from a peered VPC of another account).
     */
    synchronized InMemoryEc2 hasHiddenDependent(String groupId, boolean hidden) {
        if (hidden) {
            dependents.add(groupId);
        } else {
            dependents.remove(groupId);
        }
        return this;
    }

    /** Grants the operation again. */
    synchronized InMemoryEc2 allow(String operation) {
        denied.remove(operation);
        return this;
    }

    /**
     * Runs {@code action} (another writer, working on the twin directly) just before the n-th call of
     * the operation from now on ({@link #ANY} for any), before that call is counted.
     */
    synchronized InMemoryEc2 onCall(String operation, int nth, Consumer<InMemoryEc2> action) {
        triggers.add(new Trigger(operation, nth, action, false));
        return this;
    }

    /**
     * Makes the n-th call of the operation from now on ({@link #ANY} for any) a lost answer: EC2 does
     * what it asks, but the caller hears only a timeout.
     */
    synchronized InMemoryEc2 loseAnswer(String operation, int nth) {
        triggers.add(new Trigger(operation, nth, twin -> { }, true));
        return this;
    }

    /** Groups created from now on answer their first writes with InvalidGroup.NotFound, as EC2 may after a create. */
    synchronized InMemoryEc2 writesLagAfterCreate(int attempts) {
        writeLagAfterCreate = attempts;
        return this;
    }

    /** Reads do not show the group until the reader has settled that many times. */
    synchronized InMemoryEc2 readsLag(String groupId, int settles) {
        unseenByReads.put(groupId, settles);
        return this;
    }

    /** The rule quota EC2 enforces on every group, per direction and address family. */
    synchronized InMemoryEc2 quota(RuleQuota newQuota) {
        quota = newQuota;
        return this;
    }

    /** Every call so far, in order: which came before which. */
    synchronized List<String> journal() {
        return List.copyOf(journal);
    }

    /** How often a caller waited for EC2's reads to catch up. */
    synchronized int settles() {
        return settles;
    }

    // ---------------------------------------------------------------------------------------------
    // The oracle: state set and read directly, no call counted

    /** The default VPC's id. */
    String defaultVpcId() {
        return defaultVpcId;
    }

    /** A new VPC, with an IPv6 block or not; its id. */
    synchronized String addVpc(boolean ipv6) {
        return newVpc(ipv6, false);
    }

    /** A group made as EC2 makes one (its outbound rules included), by someone else; its id. */
    synchronized String addGroup(String name, String vpcId, Map<String, String> tags) {
        if (!vpcs.containsKey(vpcId) || byName(name, vpcId).isPresent()) {
            throw new IllegalStateException("no VPC " + vpcId + ", or a group '" + name + "' in it already");
        }
        return newGroup(name, vpcId, tags).id;
    }

    /** Adds a rule, or sets the description of the rule of its key; {@code self} or the group's id alike. */
    synchronized void addRule(String groupId, Rule rule) {
        Group group = existing(groupId);
        RuleKey key = local(group, rule).key();
        StoredRule before = group.rules.get(key);
        group.rules.put(key, new StoredRule(before == null ? newId("sgr-") : before.id(), rule.description()));
    }

    /** Removes the rule of that key, whatever its description; whether there was one. */
    synchronized boolean removeRule(String groupId, Rule rule) {
        Group group = existing(groupId);
        return group.rules.remove(local(group, rule).key()) != null;
    }

    /** The group's rules in both directions, a reference to itself as {@code self}, in {@link Rules#ORDER}. */
    synchronized List<Rule> rules(String groupId) {
        Group group = existing(groupId);
        List<Rule> rules = new ArrayList<>();
        group.rules.forEach((key, rule) -> rules.add(key.toRule(rule.description())));
        return Rules.sorted(rules);
    }

    /** The group's tags. */
    synchronized Map<String, String> tags(String groupId) {
        return Map.copyOf(existing(groupId).tags);
    }

    /** Sets tags on the group, as someone else would. */
    synchronized void putTags(String groupId, Map<String, String> tags) {
        existing(groupId).tags.putAll(tags);
    }

    /** Removes a tag from the group, as someone else would. */
    synchronized void removeTag(String groupId, String key) {
        existing(groupId).tags.remove(key);
    }

    /** The id of the group of that name in the VPC. */
    synchronized Optional<String> idOf(String name, String vpcId) {
        return byName(name, vpcId).map(g -> g.id);
    }

    /** The id of the group of that name in the default VPC, or {@code null}: a lookup for resolving peers. */
    synchronized String idInDefaultVpc(String name) {
        return idOf(name, defaultVpcId).orElse(null);
    }

    /**
     * The rules the spec asks for, as the group of its name in the VPC would hold them: itself as
     * {@code self}, other groups named by their ids, in {@link Rules#ORDER}.
     */
    synchronized List<Rule> expected(GroupSpec spec, String vpcId) {
        String own = idOf(spec.name(), vpcId).orElse(null);
        return Rules.sorted(spec.resolvePeers(own, name -> idOf(name, vpcId).orElse(null)).rules());
    }

    /** Every group, by id, as one line each of name, VPC, tags and rules: to compare before and after. */
    synchronized Map<String, String> snapshot() {
        Map<String, String> all = new TreeMap<>();
        groups.values().forEach(g -> all.put(g.id, g.name + " in " + g.vpcId + " " + g.tags + " " + rules(g.id)));
        return all;
    }

    /** Whether a group of that id exists. */
    synchronized boolean exists(String groupId) {
        return groups.containsKey(groupId);
    }

    /** How many groups there are in the VPC, its {@code default} group included. */
    synchronized long groupCount(String vpcId) {
        return groups.values().stream().filter(g -> g.vpcId.equals(vpcId)).count();
    }

    /** A network interface, attached to an instance or not, that uses these groups; its id. */
    synchronized String addNetworkInterface(boolean attached, String... groupIds) {
        String id = newId("eni-");
        interfaces.put(id, new NetworkInterface(id, attached ? newId("i-") : null, Set.of(groupIds)));
        return id;
    }

    /** Deletes the network interface. */
    synchronized void removeNetworkInterface(String interfaceId) {
        interfaces.remove(interfaceId);
    }

    // ---------------------------------------------------------------------------------------------

    /**
     * One call: the triggers due run first, then it is counted, then a denied operation fails as
     * {@link AwsErrors} says it; a lost answer throws after {@code action} took effect.
     */
    private <T> T call(String operation, Supplier<T> action) {
        boolean lose = false;
        for (Trigger trigger : List.copyOf(triggers)) {
            if ((trigger.operation.equals(ANY) || trigger.operation.equals(operation)) && --trigger.remaining == 0) {
                triggers.remove(trigger);
                trigger.action.accept(this);
                lose |= trigger.loseAnswer;
            }
        }
        calls.record(operation);
        journal.add(operation);
        if (denied.contains(operation)) {
            throw new AccessDeniedException("access denied to ec2:" + operation
                    + ": grant it to the caller's IAM policy (see the example policies)");
        }
        T result = action.get();
        if (lose) {
            throw new EndpointUnreachableException("EC2 " + where() + " did not answer " + operation + " in time");
        }
        return result;
    }

    /**
     * One write on a group, as {@link SecurityGroupApi} sends it: InvalidGroup.NotFound (the group, or
     * a group a rule names, not visible yet or not there) is tried again, up to {@link #ATTEMPTS}
     * calls, then thrown as EC2's error; DryRun stops before {@code perform}.
     */
    private Write write(String groupId, String operation, boolean dryRun, Function<Group, Write> perform) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call(operation, () -> {
                    Integer lag = unseenByWrites.get(groupId);
                    if (lag != null) {
                        if (lag <= 1) {
                            unseenByWrites.remove(groupId);
                        } else {
                            unseenByWrites.put(groupId, lag - 1);
                        }
                        throw new GroupNotFound(groupId);
                    }
                    Group group = groups.get(groupId);
                    if (group == null) {
                        throw new GroupNotFound(groupId);
                    }
                    return dryRun ? Write.DONE : perform.apply(group);
                });
            } catch (GroupNotFound e) {
                if (attempt == ATTEMPTS) {
                    throw new Ec2CallException("EC2 " + operation + " failed: InvalidGroup.NotFound: "
                            + e.getMessage());
                }
            }
        }
    }

    /** The rules of a write by key, as the group holds them; a rule naming a group that does not exist fails. */
    private Map<RuleKey, Rule> asked(Group group, Direction direction, List<Rule> rules) {
        Map<RuleKey, Rule> byKey = new LinkedHashMap<>();
        for (Rule rule : rules) {
            if (rule.direction() != direction) {
                throw new IllegalArgumentException("a " + direction.jsonName() + " call was given " + rule);
            }
            if (rule.peer() instanceof Peer.NamedGroup) {
                throw new IllegalStateException("peer not resolved to an id before writing: " + rule.peer());
            }
            if (rule.peer() instanceof Peer.Group other && !groups.containsKey(other.groupId())) {
                throw new GroupNotFound(other.groupId());
            }
            Rule local = local(group, rule);
            byKey.putIfAbsent(local.key(), local);
        }
        return byKey;
    }

    /** EC2 counts a rule naming a group or a prefix list against both families, a CIDR against its own. */
    private boolean overQuota(List<RuleKey> rules, Direction direction) {
        int ipv4 = 0;
        int ipv6 = 0;
        for (RuleKey key : rules) {
            if (key.direction() != direction) {
                continue;
            }
            if (key.peer() instanceof Peer.Cidr cidr) {
                if (cidr.ipv6()) {
                    ipv6++;
                } else {
                    ipv4++;
                }
            } else {
                ipv4++;
                ipv6++;
            }
        }
        int limit = quota.limit(direction);
        return ipv4 > limit || ipv6 > limit;
    }

    private boolean inUse(String groupId) {
        return interfaces.values().stream().anyMatch(eni -> eni.groupIds().contains(groupId))
                || groups.values().stream().anyMatch(g -> !g.id.equals(groupId) && (refersTo(g, Direction.INGRESS,
                        Set.of(groupId)) || refersTo(g, Direction.EGRESS, Set.of(groupId))));
    }

    /** Whether the group's rules of that direction name any of these groups, itself included. */
    private static boolean refersTo(Group group, Direction direction, Collection<String> groupIds) {
        return group.rules.keySet().stream().filter(k -> k.direction() == direction).anyMatch(k ->
                k.peer() instanceof Peer.Group g && groupIds.contains(g.groupId())
                        || k.peer() instanceof Peer.Self && groupIds.contains(group.id));
    }

    private static Rule local(Group group, Rule rule) {
        return rule.peer().equals(Peer.group(group.id)) ? rule.withPeer(Peer.self()) : rule;
    }

    private List<Group> visible(Predicate<Group> filter) {
        return groups.values().stream().filter(g -> !unseenByReads.containsKey(g.id)).filter(filter).toList();
    }

    private Optional<Group> byName(String name, String vpcId) {
        return groups.values().stream().filter(g -> g.vpcId.equals(vpcId) && g.name.equals(name)).findFirst();
    }

    private Group existing(String groupId) {
        Group group = groups.get(groupId);
        if (group == null) {
            throw new IllegalStateException("no security group " + groupId);
        }
        return group;
    }

    private String newVpc(boolean ipv6, boolean isDefault) {
        // As AWS numbers them: the default VPC 172.31.0.0/16, others from 10.0.0.0/8.
        int n = vpcs.size();
        List<Peer.Cidr> blocks = new ArrayList<>(List.of(Peer.cidr(isDefault ? "172.31.0.0/16" : "10." + n + ".0.0/16")));
        if (ipv6) {
            blocks.add(Peer.cidr("2600:1f18:" + Integer.toHexString(n) + "00::/56"));
        }
        Vpc vpc = new Vpc(newId("vpc-"), ipv6, isDefault, List.copyOf(blocks));
        vpcs.put(vpc.id(), vpc);
        Group fallback = newGroup("default", vpc.id(), Map.of());
        hold(fallback, Rule.allTraffic(Direction.INGRESS, Peer.self(), ""));
        return vpc.id();
    }

    /** A group as EC2 creates one: all traffic out to 0.0.0.0/0, and to ::/0 in a VPC with an IPv6 block. */
    private Group newGroup(String name, String vpcId, Map<String, String> tags) {
        Group group = new Group(newId("sg-"), name, vpcId);
        group.tags.putAll(tags);
        hold(group, Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV4, ""));
        if (vpcs.get(vpcId).ipv6()) {
            hold(group, Rule.allTraffic(Direction.EGRESS, Peer.Cidr.ANY_IPV6, ""));
        }
        groups.put(group.id, group);
        return group;
    }

    /** A new rule in the group, with a new {@code sgr-} id; {@code rule} as the group holds it ({@code self}). */
    private void hold(Group group, Rule rule) {
        group.rules.put(rule.key(), new StoredRule(newId("sgr-"), rule.description()));
    }

    /** An id as EC2 makes them: the prefix and 17 hex digits. */
    private String newId(String prefix) {
        while (true) {
            StringBuilder id = new StringBuilder(prefix);
            for (int i = 0; i < 17; i++) {
                id.append(Character.forDigit(random.nextInt(16), 16));
            }
            if (usedIds.add(id.toString())) {
                return id.toString();
            }
        }
    }

    private static ObservedGroup observed(Group group) {
        List<Rule> rules = new ArrayList<>();
        group.rules.forEach((key, rule) -> rules.add(key.toRule(rule.description())));
        return ObservedGroup.read(group.id, group.name, group.vpcId, group.tags, rules);
    }

    private static ObservedVpc observed(Vpc vpc) {
        return ObservedVpc.described(vpc.id(), vpc.ipv6());
    }
}
