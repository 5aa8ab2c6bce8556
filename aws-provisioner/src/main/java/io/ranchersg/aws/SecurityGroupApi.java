package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import io.ranchersg.core.Peer;
import io.ranchersg.core.Rule;
import io.ranchersg.core.RuleKey;
import io.ranchersg.core.reconcile.ObservedGroup;
import io.ranchersg.core.reconcile.ObservedVpc;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.IpPermission;
import software.amazon.awssdk.services.ec2.model.NetworkInterface;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

/**
 * The {@link Ec2Gateway} that calls EC2, and the only code that does. Every call goes through one of
 * three paths: {@link #call} for reads, {@link #write} for rule writes (their expected conflicts as
 * {@link Write} outcomes), and {@link #retrying} under both, the one policy for EC2's eventual
 * consistency: a group not visible yet right after its create, or still referenced right after its
 * last reference was revoked, is tried again with doubling pauses for up to about 6 s. Everything
 * else becomes a {@link RancherSgException} through {@link AwsErrors}.
 */
final class SecurityGroupApi implements Ec2Gateway {

    private static final Logger log = LoggerFactory.getLogger(SecurityGroupApi.class);
    private static final int ATTEMPTS = 7;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final Ec2Session session;
    private final Ec2Client ec2;
    private final String where;

    SecurityGroupApi(Ec2Session session) {
        this.session = session;
        this.ec2 = session.client();
        this.where = session.where();
    }

    @Override
    public String account() {
        return session.account();
    }

    @Override
    public String region() {
        return session.region();
    }

    @Override
    public String where() {
        return where;
    }

    @Override
    public CallCounter calls() {
        return session.calls();
    }

    @Override
    public Optional<ObservedVpc> defaultVpc() {
        return call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs())
                .stream().findFirst().map(SecurityGroupApi::observed);
    }

    @Override
    public Optional<ObservedVpc> vpc(String vpcId) {
        return call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs(), Ec2ErrorCode.VPC_NOT_FOUND,
                List.<Vpc>of()).stream().findFirst().map(SecurityGroupApi::observed);
    }

    @Override
    public Optional<List<Peer.Cidr>> vpcBlocks(String vpcId) {
        return call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs(), Ec2ErrorCode.VPC_NOT_FOUND,
                List.<Vpc>of()).stream().findFirst().map(SecurityGroupApi::blocks);
    }

    @Override
    public List<String> regions() {
        return call("DescribeRegions", () -> ec2.describeRegions().regions().stream()
                .map(software.amazon.awssdk.services.ec2.model.Region::regionName).sorted().toList());
    }

    @Override
    public Map<String, ObservedGroup> groupsByName(Collection<String> names, String vpcId) {
        Set<String> wanted = new LinkedHashSet<>(names);
        Map<String, ObservedGroup> byName = new LinkedHashMap<>();
        for (SecurityGroup group : describe(filter("group-name", wanted.stream()
                .map(SecurityGroupApi::escapeWildcards).toList()), filter("vpc-id", List.of(vpcId)))) {
            if (!wanted.contains(group.groupName()) || !vpcId.equals(group.vpcId())) {
                continue;
            }
            if (byName.putIfAbsent(group.groupName(), observed(group)) != null) {
                throw new Ec2CallException("several security groups are named '" + group.groupName() + "' in "
                        + vpcId + ", which EC2 does not allow; refusing to guess");
            }
        }
        return byName;
    }

    /** A filter, unlike {@code GroupIds}, answers for the ids it knows instead of failing on the first unknown one. */
    @Override
    public Set<String> existingIds(Collection<String> groupIds) {
        return describe(filter("group-id", List.copyOf(groupIds))).stream()
                .map(SecurityGroup::groupId).collect(Collectors.toSet());
    }

    @Override
    public Optional<ObservedGroup> groupById(String groupId) {
        return call("DescribeSecurityGroups", () -> ec2.describeSecurityGroups(r -> r.groupIds(groupId))
                .securityGroups(), Ec2ErrorCode.GROUP_NOT_FOUND, List.<SecurityGroup>of())
                .stream().findFirst().map(SecurityGroupApi::observed);
    }

    /**
     * Filters of different names are ANDed but the values of one filter are ORed, so both kinds come
     * from one {@code tag-key} filter; groups with a {@code managed-by} tag of another tool come along
     * and are the caller's to skip.
     */
    @Override
    public List<ObservedGroup> scanned(boolean driverGroups) {
        Filter filter = driverGroups ? filter("tag-key", List.of(ManagedTags.MANAGED_BY, ManagedTags.DRIVER_TAG))
                : filter("tag:" + ManagedTags.MANAGED_BY, ManagedTags.MANAGER);
        return describe(filter).stream().map(SecurityGroupApi::observed).toList();
    }

    @Override
    public List<ObservedGroup> everyGroup() {
        return describe().stream().map(SecurityGroupApi::observed).toList();
    }

    @Override
    public List<ObservedGroup> defaultGroups() {
        return describe(filter("group-name", "default")).stream().filter(g -> "default".equals(g.groupName()))
                .map(SecurityGroupApi::observed).toList();
    }

    /** EC2 ANDs different filters, so "this cluster's tag or one of these names" is picked from the VPC's managed groups. */
    @Override
    public List<ObservedGroup> stackGroups(String cluster, Collection<String> names, String vpcId) {
        Set<String> wanted = Set.copyOf(names);
        return describe(filter("tag:" + GroupTags.MANAGED_BY, GroupTags.MANAGER), filter("vpc-id", vpcId)).stream()
                .filter(g -> vpcId.equals(g.vpcId()))
                .map(SecurityGroupApi::observed)
                .filter(g -> cluster.equals(g.tags().get(GroupTags.CLUSTER)) || wanted.contains(g.name()))
                .toList();
    }

    /** Two filtered reads, since EC2 combines different filters with AND. */
    @Override
    public List<ObservedGroup> referencing(Collection<String> groupIds) {
        Map<String, ObservedGroup> byId = new LinkedHashMap<>();
        for (String name : List.of("ip-permission.group-id", "egress.ip-permission.group-id")) {
            describe(filter(name, List.copyOf(groupIds))).forEach(g -> byId.putIfAbsent(g.groupId(), observed(g)));
        }
        return List.copyOf(byId.values());
    }

    @Override
    public List<String> interfacesUsing(Collection<String> groupIds) {
        return call("DescribeNetworkInterfaces", () -> ec2.describeNetworkInterfacesPaginator(r -> r.filters(
                filter("group-id", List.copyOf(groupIds)))).networkInterfaces().stream()
                .map(SecurityGroupApi::describe).toList());
    }

    @Override
    public Optional<List<Peer.Cidr>> prefixListEntries(String prefixListId) {
        try {
            return Optional.of(ec2.getManagedPrefixListEntriesPaginator(r -> r.prefixListId(prefixListId)).entries()
                    .stream().map(e -> new Peer.Cidr(e.cidr())).toList());
        } catch (AwsServiceException e) {
            // Not found, or not allowed: the list is reported as not judged, never guessed at.
            log.info("prefix list {} cannot be read: {}", prefixListId, AwsErrors.firstLine(e.getMessage()));
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "GetManagedPrefixListEntries", where);
        }
    }

    @Override
    public Map<RuleKey, String> ruleIds(String groupId) {
        Map<RuleKey, String> ids = new LinkedHashMap<>();
        call("DescribeSecurityGroupRules", () -> ec2.describeSecurityGroupRulesPaginator(
                r -> r.filters(filter("group-id", groupId))).securityGroupRules().stream().toList())
                .forEach(rule -> Ec2Rules.keyOf(rule, groupId).ifPresent(key -> ids.put(key, rule.securityGroupRuleId())));
        return ids;
    }

    @Override
    public Optional<String> create(GroupSpec spec, String vpcId, boolean dryRun) {
        try {
            String id = ec2.createSecurityGroup(r -> r.groupName(spec.name()).description(spec.description())
                    .vpcId(vpcId).dryRun(dryRun).tagSpecifications(TagSpecification.builder()
                            .resourceType(ResourceType.SECURITY_GROUP).tags(tags(spec.tags())).build()))
                    .groupId();
            if (dryRun) {
                throw performedDespiteDryRun("created security group " + id);
            }
            log.info("created security group {} ({}) in {}", spec.name(), id, vpcId);
            return Optional.of(id);
        } catch (AwsServiceException e) {
            if (dryRun && Ec2ErrorCode.DRY_RUN_OPERATION.matches(e)) {
                return Optional.empty();
            }
            if (Ec2ErrorCode.DUPLICATE_GROUP.matches(e)) {
                log.info("security group {} was created meanwhile by another run", spec.name());
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "CreateSecurityGroup", where);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "CreateSecurityGroup", where);
        }
    }

    @Override
    public void tag(String groupId, Map<String, String> tags, boolean dryRun) {
        write(groupId, "CreateTags", dryRun, false, () -> {
            ec2.createTags(r -> r.resources(groupId).tags(tags(tags)).dryRun(dryRun));
            return Write.DONE;
        });
        if (!dryRun) {
            log.info("tagged {} as managed by rancher-sg", groupId);
        }
    }

    @Override
    public Write authorize(String groupId, Direction direction, List<Rule> rules, boolean dryRun) {
        List<IpPermission> permissions = Ec2Rules.toEc2(rules, groupId);
        boolean in = direction == Direction.INGRESS;
        return write(groupId, in ? "AuthorizeSecurityGroupIngress" : "AuthorizeSecurityGroupEgress", dryRun, false,
                () -> {
                    if (in) {
                        ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
                    } else {
                        ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
                    }
                    return Write.DONE;
                });
    }

    /**
     * EC2 answers a revoke of rules it does not hold with success, listing them as unknown: the group
     * is not what the plan was made from, so it must be read again.
     */
    @Override
    public Write revoke(String groupId, Direction direction, List<Rule> rules, boolean dryRun) {
        List<IpPermission> permissions = Ec2Rules.toEc2(rules, groupId);
        boolean in = direction == Direction.INGRESS;
        return write(groupId, in ? "RevokeSecurityGroupIngress" : "RevokeSecurityGroupEgress", dryRun, false,
                () -> (in ? ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions)
                        .dryRun(dryRun)).unknownIpPermissions()
                        : ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions)
                        .dryRun(dryRun)).unknownIpPermissions()).isEmpty() ? Write.DONE : Write.RULE_GONE);
    }

    /** Some endpoints ignore DryRun here; the caller then sends the current descriptions, changing nothing. */
    @Override
    public Write updateDescriptions(String groupId, Direction direction, List<Rule> rules, boolean dryRun) {
        List<IpPermission> permissions = Ec2Rules.toEc2(rules, groupId);
        boolean in = direction == Direction.INGRESS;
        return write(groupId, in ? "UpdateSecurityGroupRuleDescriptionsIngress"
                : "UpdateSecurityGroupRuleDescriptionsEgress", dryRun, true, () -> {
                    if (in) {
                        ec2.updateSecurityGroupRuleDescriptionsIngress(
                                r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
                    } else {
                        ec2.updateSecurityGroupRuleDescriptionsEgress(
                                r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
                    }
                    return Write.DONE;
                });
    }

    @Override
    public boolean delete(String groupId) {
        try {
            retrying(groupId, "DeleteSecurityGroup", Ec2ErrorCode.DEPENDENCY_VIOLATION::matches, () -> {
                ec2.deleteSecurityGroup(r -> r.groupId(groupId));
                return Write.DONE;
            });
            log.info("deleted security group {}", groupId);
            return true;
        } catch (AwsServiceException e) {
            if (Ec2ErrorCode.GROUP_NOT_FOUND.matches(e)) {
                return false;
            }
            if (Ec2ErrorCode.DEPENDENCY_VIOLATION.matches(e)) {
                throw new DeleteRefusedException(groupId, "DependencyViolation: "
                        + AwsErrors.firstLine(e.awsErrorDetails().errorMessage()), e);
            }
            throw AwsErrors.translate(e, "DeleteSecurityGroup", where);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "DeleteSecurityGroup", where);
        }
    }

    @Override
    public void settle(int round) {
        pause(FIRST_PAUSE.multipliedBy(1L << Math.min(round, 5)));
    }

    /**
     * One write on a group, its expected conflicts as outcomes.
     *
     * @param harmlessIfReal whether the request changes nothing even when an endpoint ignores DryRun
     */
    private Write write(String groupId, String operation, boolean dryRun, boolean harmlessIfReal,
                        Supplier<Write> request) {
        try {
            Write done = retrying(groupId, operation, Ec2ErrorCode.GROUP_NOT_FOUND::matches, request);
            if (dryRun && !harmlessIfReal) {
                throw performedDespiteDryRun("performed " + operation);
            }
            return done;
        } catch (AwsServiceException e) {
            if (dryRun && Ec2ErrorCode.DRY_RUN_OPERATION.matches(e)) {
                return Write.DONE;
            }
            if (Ec2ErrorCode.DUPLICATE_PERMISSION.matches(e)) {
                return Write.DUPLICATE;
            }
            if (Ec2ErrorCode.PERMISSION_NOT_FOUND.matches(e)) {
                return Write.RULE_GONE;
            }
            if (Ec2ErrorCode.RULES_LIMIT.matches(e)) {
                throw new RefusedException(io.ranchersg.core.reconcile.Refusal.of(
                        io.ranchersg.core.reconcile.Refusal.Code.QUOTA, groupId, "security group " + groupId
                                + ": EC2 refused " + operation + " because the group's rule quota is reached ("
                                + AwsErrors.firstLine(e.awsErrorDetails().errorMessage()) + ")"), e);
            }
            throw AwsErrors.translate(e, operation, where);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, operation, where);
        }
    }

    /** Sends a request until EC2 stops answering with a passing error, or the attempts run out (then it is thrown). */
    private <T> T retrying(String groupId, String operation, Predicate<AwsServiceException> passing,
                           Supplier<T> request) {
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (AwsServiceException e) {
                if (!passing.test(e) || attempt == ATTEMPTS) {
                    throw e;
                }
                log.info("{}: {} answered {}; trying again in {} ms", groupId, operation,
                        e.awsErrorDetails().errorCode(), pause.toMillis());
                pause(pause);
                pause = pause.multipliedBy(2);
            }
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, operation, where);
        }
    }

    /** A read for which one EC2 error means "nothing there". */
    private <T> T call(String operation, Supplier<T> request, Ec2ErrorCode nothing, T empty) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            if (nothing.matches(e)) {
                return empty;
            }
            throw AwsErrors.translate(e, operation, where);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, operation, where);
        }
    }

    private List<SecurityGroup> describe(Filter... filters) {
        return call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.filters(filters))
                .securityGroups().stream().toList());
    }

    private Ec2CallException performedDespiteDryRun(String what) {
        return new Ec2CallException("the EC2 endpoint " + where + " " + what + " although DryRun was set;"
                + " stopping before anything else changes");
    }

    /** The one conversion of a group EC2 describes into core's terms. */
    static ObservedGroup observed(SecurityGroup group) {
        Map<String, String> tags = new LinkedHashMap<>();
        group.tags().forEach(t -> tags.put(t.key(), t.value()));
        return ObservedGroup.read(group.groupId(), group.groupName(), group.vpcId(), tags, Ec2Rules.rulesOf(group));
    }

    /** Whether the VPC has an IPv6 block, so that EC2 opens {@code ::/0} outbound on a new group too. */
    private static ObservedVpc observed(Vpc vpc) {
        return ObservedVpc.described(vpc.vpcId(), vpc.ipv6CidrBlockAssociationSet().stream()
                .anyMatch(a -> a.ipv6CidrBlockState() == null
                        || a.ipv6CidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED));
    }

    /** A VPC's blocks; those being disassociated, or whose association failed, no longer hold its nodes. */
    private static List<Peer.Cidr> blocks(Vpc vpc) {
        List<Peer.Cidr> blocks = new ArrayList<>();
        vpc.cidrBlockAssociationSet().stream()
                .filter(a -> a.cidrBlockState() == null || a.cidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED
                        || a.cidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATING)
                .forEach(a -> blocks.add(new Peer.Cidr(a.cidrBlock())));
        vpc.ipv6CidrBlockAssociationSet().stream()
                .filter(a -> a.ipv6CidrBlockState() == null
                        || a.ipv6CidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATED
                        || a.ipv6CidrBlockState().state() == VpcCidrBlockStateCode.ASSOCIATING)
                .forEach(a -> blocks.add(new Peer.Cidr(a.ipv6CidrBlock())));
        if (blocks.isEmpty() && vpc.cidrBlock() != null) {
            blocks.add(new Peer.Cidr(vpc.cidrBlock()));
        }
        return List.copyOf(blocks);
    }

    private static String describe(NetworkInterface eni) {
        String instance = eni.attachment() == null ? null : eni.attachment().instanceId();
        return eni.networkInterfaceId() + (instance == null ? "" : " (instance " + instance + ")");
    }

    static String escapeWildcards(String value) {
        return value.replace("\\", "\\\\").replace("*", "\\*").replace("?", "\\?");
    }

    private static Filter filter(String name, Collection<String> values) {
        return Filter.builder().name(name).values(values).build();
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build()).toList();
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ec2CallException("interrupted while waiting for EC2", e);
        }
    }
}
