package io.ranchersg.aws;

import io.ranchersg.core.AcceptedRisks;
import io.ranchersg.core.GroupSpec;
import io.ranchersg.core.ProfileOptions;
import io.ranchersg.core.Profiles;
import io.ranchersg.core.RuleQuota;
import io.ranchersg.core.reconcile.RunOptions;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What to provision: a profile with its options, where, and how carefully. An immutable value,
 * checked whole when made, so that bad input fails before any call to AWS; the desired spec is
 * built once, when the profile or its options are set.
 *
 * <p>Defaults are the safe ones: no prune, no adopt, no reconfigure, no accepted risk, EC2's
 * default rule quota, the region's default VPC.
 *
 * <p>Each {@code with…} method returns a new request and leaves this one as it was, so a request may
 * be shared between threads and reused.
 */
public final class GroupRequest {

    private static final Pattern VPC_ID = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");

    private final String profile;
    private final ProfileOptions options;
    private final GroupSpec spec;
    private final String vpcId;
    private final RunOptions run;

    private GroupRequest(String profile, ProfileOptions options, GroupSpec spec, String vpcId, RunOptions run) {
        this.profile = profile;
        this.options = options;
        this.spec = spec;
        this.vpcId = checkVpcId(vpcId);
        this.run = Objects.requireNonNull(run, "run");
    }

    /**
     * The desired group for a profile and options, with rancher-sg's tags.
     *
     * @throws IllegalArgumentException naming the bad value: unknown profile, missing or unknown
     *     peer, options too long to record in the group's tags
     */
    private static GroupSpec specOf(String profile, ProfileOptions options) {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(options, "options");
        return Profiles.get(profile).spec(options).withTags(ManagedTags.of(profile, options));
    }

    /**
     * Checks a VPC id's form; {@code null} (the default VPC) passes.
     *
     * @param vpcId the id, or {@code null}
     * @return the id, as given
     * @throws IllegalArgumentException naming the value
     */
    public static String checkVpcId(String vpcId) {
        if (vpcId != null && !VPC_ID.matcher(vpcId).matches()) {
            throw new IllegalArgumentException("invalid VPC id '" + vpcId
                    + "': expected vpc- followed by 8 or 17 lower-case hex digits");
        }
        return vpcId;
    }

    /** {@return the {@code rancher-nodes} profile with its defaults, in the default VPC} */
    public static GroupRequest rancherNodes() {
        return forProfile(Profiles.RANCHER_NODES);
    }

    /**
     * A profile with default options (group name {@code rancher-nodes}), in the default VPC.
     *
     * @param profile the profile's name ({@link Profiles#names()})
     * @return the request
     * @throws IllegalArgumentException naming the bad value: an unknown profile, a missing or unknown
     *     peer, options too long to record in the group's tags
     */
    public static GroupRequest forProfile(String profile) {
        return forProfile(profile, ProfileOptions.defaults());
    }

    /**
     * A profile with its options (profiles that connect groups need their peers here), in the default VPC.
     *
     * @param profile the profile's name ({@link Profiles#names()})
     * @param options the group name, peers and other options
     * @return the request
     * @throws IllegalArgumentException naming the bad value: an unknown profile, a missing or unknown
     *     peer, options too long to record in the group's tags
     */
    public static GroupRequest forProfile(String profile, ProfileOptions options) {
        return new GroupRequest(profile, options, specOf(profile, options), null, RunOptions.DEFAULTS);
    }

    /** {@return the rule profile's name ({@link Profiles#names()})} */
    public String profile() {
        return profile;
    }

    /** {@return the profile's options, the group name among them} */
    public ProfileOptions options() {
        return options;
    }

    /** {@return the desired group: the profile's spec for these options, with rancher-sg's tags} */
    public GroupSpec spec() {
        return spec;
    }

    /** {@return the group's name} */
    public String groupName() {
        return options.groupName();
    }

    /** {@return the VPC, or {@code null} for the region's default VPC} */
    public String vpcId() {
        return vpcId;
    }

    /**
     * {@return whether to revoke rules the profile does not list (only ever extra rules, after adding
     * the missing)}
     */
    public boolean prune() {
        return run.prune();
    }

    /**
     * {@return whether to send every write with {@code DryRun} first, proving permissions before
     * changing anything}
     */
    public boolean preflight() {
        return run.preflight();
    }

    /** {@return whether to take over a group of the same name that rancher-sg did not create (tagging it)} */
    public boolean adopt() {
        return run.adopt();
    }

    /**
     * {@return whether a group rancher-sg made with another profile or options may be changed to this
     * request's}
     */
    public boolean reconfigure() {
        return run.reconfigure();
    }

    /** {@return the critical findings the user accepts on the rules this request asks for} */
    public AcceptedRisks acceptedRisks() {
        return run.acceptedRisks();
    }

    /** {@return the rule quota to stay within (EC2's default is 60 inbound and 60 outbound)} */
    public RuleQuota quota() {
        return run.quota();
    }

    /** {@return what this request allows its run, as the reconciler takes it} */
    RunOptions runOptions() {
        return run;
    }

    /**
     * This request with other profile options.
     *
     * @param newOptions the group name, peers and other options
     * @return a new request; this one is unchanged
     * @throws IllegalArgumentException naming the bad value: an unknown profile, a missing or unknown
     *     peer, options too long to record in the group's tags
     */
    public GroupRequest withOptions(ProfileOptions newOptions) {
        return new GroupRequest(profile, newOptions, specOf(profile, newOptions), vpcId, run);
    }

    /**
     * This request for a group of another name.
     *
     * @param name the group's name
     * @return a new request; this one is unchanged
     * @throws IllegalArgumentException naming the name if EC2 would not take it
     */
    public GroupRequest withGroupName(String name) {
        return withOptions(options.withGroupName(name));
    }

    /**
     * This request in that VPC.
     *
     * @param newVpcId the VPC's id, or {@code null} for the region's default VPC
     * @return a new request; this one is unchanged
     * @throws IllegalArgumentException naming the id if it is not a VPC id
     */
    public GroupRequest withVpcId(String newVpcId) {
        return new GroupRequest(profile, options, spec, newVpcId, run);
    }

    /**
     * This request with prune on or off.
     *
     * @param newPrune whether to revoke the rules the profile does not list
     * @return a new request; this one is unchanged
     */
    public GroupRequest withPrune(boolean newPrune) {
        return with(run.withPrune(newPrune));
    }

    /**
     * This request with preflight on or off.
     *
     * @param newPreflight whether to send every write as a DryRun first
     * @return a new request; this one is unchanged
     */
    public GroupRequest withPreflight(boolean newPreflight) {
        return with(run.withPreflight(newPreflight));
    }

    /**
     * This request with adopting on or off.
     *
     * @param newAdopt whether to take over a group rancher-sg did not create
     * @return a new request; this one is unchanged
     */
    public GroupRequest withAdopt(boolean newAdopt) {
        return with(run.withAdopt(newAdopt));
    }

    /**
     * This request with reconfiguring on or off.
     *
     * @param newReconfigure whether a group made with another profile or options may be changed
     * @return a new request; this one is unchanged
     */
    public GroupRequest withReconfigure(boolean newReconfigure) {
        return with(run.withReconfigure(newReconfigure));
    }

    /**
     * This request accepting these risks.
     *
     * @param newAcceptedRisks the critical findings to accept
     * @return a new request; this one is unchanged
     */
    public GroupRequest withAcceptedRisks(AcceptedRisks newAcceptedRisks) {
        return with(run.withAcceptedRisks(Objects.requireNonNull(newAcceptedRisks, "acceptedRisks")));
    }

    /**
     * This request with another rule quota.
     *
     * @param newQuota the rule quota to stay within
     * @return a new request; this one is unchanged
     */
    public GroupRequest withQuota(RuleQuota newQuota) {
        return with(run.withQuota(Objects.requireNonNull(newQuota, "quota")));
    }

    private GroupRequest with(RunOptions newRun) {
        return new GroupRequest(profile, options, spec, vpcId, newRun);
    }

    /** Two requests are equal when they ask for the same thing in the same way. */
    @Override
    public boolean equals(Object o) {
        return o instanceof GroupRequest r && profile.equals(r.profile) && options.equals(r.options)
                && Objects.equals(vpcId, r.vpcId) && run.equals(r.run);
    }

    /** {@return a hash of what {@link #equals(Object)} compares} */
    @Override
    public int hashCode() {
        return Objects.hash(profile, options, vpcId, run);
    }

    @Override
    public String toString() {
        return "GroupRequest[profile=" + profile + ", options=" + options + ", vpcId=" + vpcId + ", prune="
                + run.prune() + ", preflight=" + run.preflight() + ", adopt=" + run.adopt() + ", reconfigure="
                + run.reconfigure() + ", acceptedRisks=" + run.acceptedRisks().values() + ", quota=" + run.quota() + "]";
    }
}
