package io.ranchersg.aws;

import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.Profile;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.RuleQuota;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to provision: a profile with its options, where, and how carefully. Validated whole at
 * construction, so that bad input fails before any call to AWS.
 *
 * @param profile   the rule profile's name ({@link Profiles#names()})
 * @param options   the profile's options, the group name among them
 * @param vpcId     the VPC, or {@code null} for the region's default VPC
 * @param prune     revoke rules the profile does not list (only ever extra rules)
 * @param preflight send every write with {@code DryRun} first, to prove permissions before changing anything
 * @param adopt     take over a group of the same name that rancher-sg did not create (tagging it)
 * @param quota     the rule quota to stay within (EC2's default is 60 inbound and 60 outbound)
 */
public record GroupRequest(String profile, ProfileOptions options, String vpcId, boolean prune, boolean preflight,
                           boolean adopt, RuleQuota quota) {

    private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");

    public GroupRequest {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(quota, "quota");
        checkVpcId(vpcId);
        // Builds the spec once to refuse unknown profiles, missing peers and oversized options now.
        Profiles.get(profile).spec(options);
        ManagedTags.encode(options);
    }

    /**
     * Checks a VPC id's form; {@code null} (the default VPC) passes.
     *
     * @throws IllegalArgumentException naming the value
     */
    public static String checkVpcId(String vpcId) {
        if (vpcId != null && !VPC_ID.matcher(vpcId).matches()) {
            throw new IllegalArgumentException("invalid VPC id '" + vpcId
                    + "': expected vpc- followed by 8 or 17 lower-case hex digits");
        }
        return vpcId;
    }

    /** The {@code rancher-nodes} profile with its defaults, in the default VPC. */
    public static GroupRequest rancherNodes() {
        return forProfile(Profiles.RANCHER_NODES);
    }

    /** A profile with default options (group name {@code rancher-nodes}), in the default VPC. */
    public static GroupRequest forProfile(String profile) {
        return forProfile(profile, ProfileOptions.defaults());
    }

    /** A profile with its options (profiles that connect groups need their peers here), in the default VPC. */
    public static GroupRequest forProfile(String profile, ProfileOptions options) {
        return new GroupRequest(profile, options, null, false, false, false, RuleQuota.DEFAULT);
    }

    /** The group's name. */
    public String groupName() {
        return options.groupName();
    }

    /** The desired group: the profile's spec for these options, with rancher-sg's tags. */
    public GroupSpec spec() {
        Profile p = Profiles.get(profile);
        GroupSpec spec = p.spec(options);
        Map<String, String> tags = ManagedTags.of(profile, options);
        return spec.withTags(tags);
    }

    public GroupRequest withOptions(ProfileOptions newOptions) {
        return new GroupRequest(profile, newOptions, vpcId, prune, preflight, adopt, quota);
    }

    public GroupRequest withGroupName(String name) {
        return withOptions(options.withGroupName(name));
    }

    public GroupRequest withVpcId(String newVpcId) {
        return new GroupRequest(profile, options, newVpcId, prune, preflight, adopt, quota);
    }

    public GroupRequest withPrune(boolean newPrune) {
        return new GroupRequest(profile, options, vpcId, newPrune, preflight, adopt, quota);
    }

    public GroupRequest withPreflight(boolean newPreflight) {
        return new GroupRequest(profile, options, vpcId, prune, newPreflight, adopt, quota);
    }

    public GroupRequest withAdopt(boolean newAdopt) {
        return new GroupRequest(profile, options, vpcId, prune, preflight, newAdopt, quota);
    }

    public GroupRequest withQuota(RuleQuota newQuota) {
        return new GroupRequest(profile, options, vpcId, prune, preflight, adopt, newQuota);
    }
}
