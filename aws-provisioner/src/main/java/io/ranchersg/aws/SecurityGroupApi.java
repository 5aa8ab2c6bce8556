package io.ranchersg.aws;

import io.ranchersg.core.Direction;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.GroupTags;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
import software.amazon.awssdk.services.ec2.model.SecurityGroupRule;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;
import software.amazon.awssdk.services.ec2.model.Vpc;

/**
 * The only code that sends requests to EC2. Each method is one EC2 action; the error codes the
 * reconciler expects come back as {@link Write} outcomes, everything else as a
 * {@link RancherSgException} through {@link AwsErrors}.
 */
final class SecurityGroupApi {

    /** How a write ended, when it did not fail outright. */
    enum Write {
        DONE,
        /** {@code InvalidPermission.Duplicate}: a rule exists already (another run, or EC2's default). */
        DUPLICATE,
        /** {@code InvalidPermission.NotFound}: a rule to revoke is gone already. */
        RULE_GONE
    }

    private static final Logger log = LoggerFactory.getLogger(SecurityGroupApi.class);
    /** Right after create EC2 may not know the group yet: retry for up to about 6 s, then give up. */
    private static final int VISIBILITY_ATTEMPTS = 7;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);

    private final Ec2Client ec2;
    private final String endpointHint;

    SecurityGroupApi(Ec2Session session) {
        this.ec2 = session.client();
        this.endpointHint = session.where();
    }

    /** The region's default VPC with its IPv6 blocks, if it has one. */
    Optional<Vpc> defaultVpc() {
        return call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs())
                .stream().findFirst();
    }

    /**
     * The VPC, which proves it exists and says whether it has an IPv6 block.
     *
     * @throws VpcNotFoundException when it does not exist
     */
    Vpc vpc(String vpcId) {
        List<Vpc> vpcs = call("DescribeVpcs", () -> ec2.describeVpcs(r -> r.vpcIds(vpcId)).vpcs());
        return vpcs.stream().findFirst().orElseThrow(
                () -> new VpcNotFoundException("the VPC '" + vpcId + "' does not exist " + endpointHint));
    }

    /**
     * The group of that name in that VPC (names are unique per VPC; {@code GroupNames} only works in
     * the default VPC).
     */
    Optional<SecurityGroup> findByName(String name, String vpcId) {
        return Optional.ofNullable(findByNames(List.of(name), vpcId).get(name));
    }

    /**
     * The groups of these names in that VPC, by name, in one paginated read; names without a group
     * are absent from the map. Filter values treat {@code *} and {@code ?} as wildcards, which a group
     * name may contain: they are escaped, and only exact matches are taken, so that no other group is
     * ever mistaken for one of these.
     */
    Map<String, SecurityGroup> findByNames(Collection<String> names, String vpcId) {
        Set<String> wanted = new LinkedHashSet<>(names);
        List<SecurityGroup> groups = call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(
                        r -> r.filters(filter("group-name", wanted.stream().map(SecurityGroupApi::escapeWildcards)
                                .toList()), filter("vpc-id", List.of(vpcId))))
                .securityGroups().stream()
                .filter(g -> wanted.contains(g.groupName()) && vpcId.equals(g.vpcId()))
                .toList());
        Map<String, SecurityGroup> byName = new LinkedHashMap<>();
        for (SecurityGroup group : groups) {
            if (byName.putIfAbsent(group.groupName(), group) != null) {
                throw new Ec2CallException("several security groups are named '" + group.groupName() + "' in "
                        + vpcId + ", which EC2 does not allow; refusing to guess");
            }
        }
        return byName;
    }

    /**
     * Which of these group ids exist, in one read. A filter, unlike {@code GroupIds}, answers for the
     * ids it knows instead of failing the whole call on the first unknown one.
     */
    Set<String> existingIds(Collection<String> groupIds) {
        return call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(
                        r -> r.filters(filter("group-id", List.copyOf(groupIds))))
                .securityGroups().stream()
                .map(SecurityGroup::groupId)
                .collect(Collectors.toSet()));
    }

    /** The group by id, or empty when it does not exist. */
    Optional<SecurityGroup> findById(String groupId) {
        try {
            return ec2.describeSecurityGroups(r -> r.groupIds(groupId)).securityGroups().stream().findFirst();
        } catch (AwsServiceException e) {
            if (Ec2ErrorCode.GROUP_NOT_FOUND.matches(e)) {
                return Optional.empty();
            }
            throw AwsErrors.translate(e, "DescribeSecurityGroups", endpointHint);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "DescribeSecurityGroups", endpointHint);
        }
    }

    /** The group's rules with their {@code sgr-} ids, inbound and outbound, in one paginated read. */
    List<SecurityGroupRule> rulesOf(String groupId) {
        return call("DescribeSecurityGroupRules", () -> ec2.describeSecurityGroupRulesPaginator(
                        r -> r.filters(filter("group-id", groupId)))
                .securityGroupRules().stream().toList());
    }

    /** The groups of a cluster stack in a VPC: those carrying rancher-sg's tags with this cluster. */
    List<SecurityGroup> findStack(String cluster, String vpcId) {
        return call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.filters(
                        filter("tag:" + GroupTags.MANAGED_BY, GroupTags.MANAGER),
                        filter("tag:" + GroupTags.CLUSTER, escapeWildcards(cluster)),
                        filter("vpc-id", vpcId)))
                .securityGroups().stream()
                .filter(g -> cluster.equals(ManagedTags.asMap(g.tags()).get(GroupTags.CLUSTER)))
                .toList());
    }

    /**
     * Groups anywhere in the region whose rules refer to any of these groups, inbound or outbound:
     * two filtered reads, since EC2 combines different filters with AND.
     */
    List<SecurityGroup> referencing(Collection<String> groupIds) {
        Map<String, SecurityGroup> byId = new LinkedHashMap<>();
        for (String name : List.of("ip-permission.group-id", "egress.ip-permission.group-id")) {
            call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(r -> r.filters(
                    filter(name, List.copyOf(groupIds)))).securityGroups().stream().toList())
                    .forEach(g -> byId.putIfAbsent(g.groupId(), g));
        }
        return List.copyOf(byId.values());
    }

    /** The network interfaces that use any of these groups. */
    List<NetworkInterface> interfacesUsing(Collection<String> groupIds) {
        return call("DescribeNetworkInterfaces", () -> ec2.describeNetworkInterfacesPaginator(r -> r.filters(
                filter("group-id", List.copyOf(groupIds)))).networkInterfaces().stream().toList());
    }

    /**
     * Deletes a group. Right after its last reference is revoked EC2 may still answer
     * {@code DependencyViolation} for a moment: that is waited out, like {@code InvalidGroup.NotFound}
     * after a create.
     *
     * @return false when the group was gone already (an earlier, interrupted delete)
     */
    boolean delete(String groupId) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                ec2.deleteSecurityGroup(r -> r.groupId(groupId));
                log.info("deleted security group {}", groupId);
                return true;
            } catch (AwsServiceException e) {
                if (Ec2ErrorCode.GROUP_NOT_FOUND.matches(e)) {
                    return false;
                }
                if (Ec2ErrorCode.DEPENDENCY_VIOLATION.matches(e) && attempt < VISIBILITY_ATTEMPTS) {
                    log.info("security group {} is still referenced; trying again in {} ms", groupId,
                            backoff.toMillis());
                    sleep(backoff);
                    backoff = backoff.multipliedBy(2);
                    continue;
                }
                throw AwsErrors.translate(e, "DeleteSecurityGroup", endpointHint);
            } catch (SdkException e) {
                throw AwsErrors.translate(e, "DeleteSecurityGroup", endpointHint);
            }
        }
    }

    /**
     * Every group in the region tagged as rancher-sg's, and with {@code driverGroups} also every group
     * carrying the tag key of Rancher's EC2 node driver, in one paginated read: filters of different
     * names are ANDed, but the values of one filter are ORed, so both kinds come from one
     * {@code tag-key} filter and are told apart by the caller. Groups with a {@code managed-by} tag of
     * another tool come along and are the caller's to skip.
     */
    List<SecurityGroup> findScanned(boolean driverGroups) {
        if (!driverGroups) {
            return findManaged();
        }
        return call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(
                r -> r.filters(filter("tag-key", List.of(ManagedTags.MANAGED_BY, ManagedTags.DRIVER_TAG))))
                .securityGroups().stream().toList());
    }

    /** Every group in the region tagged as rancher-sg's. */
    List<SecurityGroup> findManaged() {
        return call("DescribeSecurityGroups", () -> ec2.describeSecurityGroupsPaginator(
                r -> r.filters(filter("tag:" + ManagedTags.MANAGED_BY, ManagedTags.MANAGER)))
                .securityGroups().stream().toList());
    }

    /**
     * Creates the group, tagged in the same call.
     *
     * @return the new group's id, or empty when a group of that name appeared meanwhile
     *     ({@code InvalidGroup.Duplicate}: a concurrent run created it)
     */
    Optional<String> create(GroupSpec spec, String vpcId, boolean dryRun) {
        try {
            String id = ec2.createSecurityGroup(r -> r
                    .groupName(spec.name())
                    .description(spec.description())
                    .vpcId(vpcId)
                    .dryRun(dryRun)
                    .tagSpecifications(TagSpecification.builder()
                            .resourceType(ResourceType.SECURITY_GROUP)
                            .tags(tags(spec.tags()))
                            .build()))
                    .groupId();
            if (dryRun) {
                throw new Ec2CallException("the EC2 endpoint " + endpointHint + " created security group " + id
                        + " although DryRun was set; stopping before anything else changes");
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
            throw AwsErrors.translate(e, "CreateSecurityGroup", endpointHint);
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "CreateSecurityGroup", endpointHint);
        }
    }

    /** Tags a group (used when adopting, or when its recorded profile or options change). */
    void tag(String groupId, Map<String, String> tags, boolean dryRun) {
        try {
            ec2.createTags(r -> r.resources(groupId).tags(tags(tags)).dryRun(dryRun));
            if (dryRun) {
                throw new Ec2CallException("the EC2 endpoint " + endpointHint + " tagged " + groupId
                        + " although DryRun was set; stopping before anything else changes");
            }
            log.info("tagged {} as managed by rancher-sg", groupId);
        } catch (AwsServiceException e) {
            if (!(dryRun && Ec2ErrorCode.DRY_RUN_OPERATION.matches(e))) {
                throw AwsErrors.translate(e, "CreateTags", endpointHint);
            }
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "CreateTags", endpointHint);
        }
    }

    /** Adds rules in one call per direction. */
    Write authorize(String groupId, Direction direction, List<IpPermission> permissions, boolean dryRun) {
        String operation = direction == Direction.INGRESS
                ? "AuthorizeSecurityGroupIngress" : "AuthorizeSecurityGroupEgress";
        return write(groupId, operation, dryRun, () -> {
            if (direction == Direction.INGRESS) {
                ec2.authorizeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
            } else {
                ec2.authorizeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
            }
            return Write.DONE;
        });
    }

    /** Removes rules in one call per direction. */
    Write revoke(String groupId, Direction direction, List<IpPermission> permissions, boolean dryRun) {
        String operation = direction == Direction.INGRESS ? "RevokeSecurityGroupIngress" : "RevokeSecurityGroupEgress";
        return write(groupId, operation, dryRun, () -> {
            // EC2 answers a revoke of rules it does not hold with success, listing them as unknown:
            // the group is not what the plan was made from, so it must be read again.
            List<IpPermission> unknown = direction == Direction.INGRESS
                    ? ec2.revokeSecurityGroupIngress(r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun))
                            .unknownIpPermissions()
                    : ec2.revokeSecurityGroupEgress(r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun))
                            .unknownIpPermissions();
            return unknown.isEmpty() ? Write.DONE : Write.RULE_GONE;
        });
    }

    /** Sets the descriptions of existing rules in one call per direction. */
    Write updateDescriptions(String groupId, Direction direction, List<IpPermission> permissions, boolean dryRun) {
        String operation = direction == Direction.INGRESS
                ? "UpdateSecurityGroupRuleDescriptionsIngress" : "UpdateSecurityGroupRuleDescriptionsEgress";
        return write(groupId, operation, dryRun, () -> {
            if (direction == Direction.INGRESS) {
                ec2.updateSecurityGroupRuleDescriptionsIngress(
                        r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
            } else {
                ec2.updateSecurityGroupRuleDescriptionsEgress(
                        r -> r.groupId(groupId).ipPermissions(permissions).dryRun(dryRun));
            }
            return Write.DONE;
        }, true);
    }

    private Write write(String groupId, String operation, boolean dryRun, Supplier<Write> request) {
        return write(groupId, operation, dryRun, request, false);
    }

    /**
     * One write, its expected conflicts as outcomes.
     *
     * @param harmlessIfReal whether the request changes nothing even when an endpoint ignores DryRun
     */
    private Write write(String groupId, String operation, boolean dryRun, Supplier<Write> request,
                        boolean harmlessIfReal) {
        return whenVisible(groupId, () -> {
            try {
                Write done = request.get();
                if (dryRun && !harmlessIfReal) {
                    throw new Ec2CallException("the EC2 endpoint " + endpointHint + " performed " + operation
                            + " although DryRun was set; stopping before anything else changes");
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
                    throw new QuotaExceededException("security group " + groupId + ": EC2 refused " + operation
                            + " because the group's rule quota is reached (" + AwsErrors.firstLine(
                                    e.awsErrorDetails().errorMessage()) + ")", e);
                }
                throw e;
            }
        }, operation);
    }

    /** Runs a request on a group, retrying with backoff while EC2 answers that the group does not exist yet. */
    private <T> T whenVisible(String groupId, Supplier<T> request, String operation) {
        Duration backoff = FIRST_BACKOFF;
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (AwsServiceException e) {
                if (!Ec2ErrorCode.GROUP_NOT_FOUND.matches(e) || attempt == VISIBILITY_ATTEMPTS) {
                    throw AwsErrors.translate(e, operation, endpointHint);
                }
                log.info("{} is not visible yet to {}; retrying in {} ms", groupId, operation, backoff.toMillis());
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            } catch (SdkException e) {
                throw AwsErrors.translate(e, operation, endpointHint);
            }
        }
    }

    private <T> T call(String operation, Supplier<T> request) {
        try {
            return request.get();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, operation, endpointHint);
        }
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

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Ec2CallException("interrupted while waiting for EC2", e);
        }
    }
}
