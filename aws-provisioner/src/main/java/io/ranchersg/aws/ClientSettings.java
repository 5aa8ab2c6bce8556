package io.ranchersg.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How to reach EC2. Every {@code null} means "as the standard AWS chain says": {@code AWS_REGION}
 * and the config file for the region, the default credentials chain (or {@code AWS_PROFILE}), and
 * {@code AWS_ENDPOINT_URL_EC2} / {@code AWS_ENDPOINT_URL} for the endpoint, as the AWS CLI does.
 *
 * <p>An immutable value, checked whole when made: a bad region, endpoint, attempt count or timeout
 * fails here, before any call to AWS. Settings are only a description: a client made from them
 * ({@link Ec2Session#open(ClientSettings)}, or the {@link SecurityGroups} methods that take them) is
 * owned and closed by whoever made it.
 *
 * @param region      the region, or {@code null} for the standard chain
 * @param awsProfile  a named profile of the shared config files, or {@code null}
 * @param endpoint    an EC2 endpoint (LocalStack, a VPC endpoint), or {@code null}
 * @param maxAttempts attempts per call, retries included (throttling and 5xx are retried), at least 1
 * @param attemptTimeout how long one attempt may take before it is abandoned (and retried)
 * @param roles       roles to assume in turn, each with the credentials of the one before (the first
 *                    with those of the chain); the run works in the last one's account. Empty: none
 * @param stsEndpoint an STS endpoint for the roles (LocalStack), or {@code null} for STS's own in the
 *                    session's region
 */
public record ClientSettings(String region, String awsProfile, URI endpoint, int maxAttempts,
                             Duration attemptTimeout, List<AssumedRole> roles, URI stsEndpoint) {

    /** Attempts per call when none are given: the SDK's standard mode default is 3; EC2 throttles often. */
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    /** One attempt's time limit when none is given: EC2 answers in well under a second. */
    public static final Duration DEFAULT_ATTEMPT_TIMEOUT = Duration.ofSeconds(20);

    /**
     * Checks the settings; blank {@code awsProfile} counts as none, {@code null} roles as none.
     *
     * @param region the region, or {@code null} for the standard chain
     * @param awsProfile a named profile of the shared config files, or {@code null}
     * @param endpoint an EC2 endpoint (LocalStack, a VPC endpoint), or {@code null}
     * @param maxAttempts attempts per call, retries included (throttling and 5xx are retried), at
     *     least 1
     * @param attemptTimeout how long one attempt may take before it is abandoned (and retried)
     * @param roles roles to assume in turn, each with the credentials of the one before (the first
     *     with those of the chain); the run works in the last one's account. Empty: none
     * @param stsEndpoint an STS endpoint for the roles (LocalStack), or {@code null} for STS's own in
     *     the session's region
     * @throws IllegalArgumentException naming the bad value: a region or endpoint URL of the wrong
     *     form, attempts outside 1 to 20, a timeout that is not positive
     */
    public ClientSettings {
        if (attemptTimeout == null || attemptTimeout.isNegative() || attemptTimeout.isZero()) {
            throw new IllegalArgumentException("attempt timeout must be positive, not " + attemptTimeout);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new IllegalArgumentException("max attempts must be 1 to 20, not " + maxAttempts);
        }
        checkRegion(region);
        checkEndpoint(endpoint);
        checkEndpoint(stsEndpoint);
        roles = roles == null ? List.of() : List.copyOf(roles);
        if (awsProfile != null && awsProfile.isBlank()) {
            awsProfile = null;
        }
    }

    /**
     * Settings that assume no role.
     *
     * @param region the region, or {@code null} for the standard chain
     * @param awsProfile a named profile of the shared config files, or {@code null}
     * @param endpoint an EC2 endpoint (LocalStack, a VPC endpoint), or {@code null}
     * @param maxAttempts attempts per call, retries included, 1 to 20
     * @param attemptTimeout how long one attempt may take before it is abandoned (and retried)
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings(String region, String awsProfile, URI endpoint, int maxAttempts, Duration attemptTimeout) {
        this(region, awsProfile, endpoint, maxAttempts, attemptTimeout, List.of(), null);
    }

    /**
     * Settings with the default attempt timeout, assuming no role.
     *
     * @param region the region, or {@code null} for the standard chain
     * @param awsProfile a named profile of the shared config files, or {@code null}
     * @param endpoint an EC2 endpoint (LocalStack, a VPC endpoint), or {@code null}
     * @param maxAttempts attempts per call, retries included, 1 to 20
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings(String region, String awsProfile, URI endpoint, int maxAttempts) {
        this(region, awsProfile, endpoint, maxAttempts, DEFAULT_ATTEMPT_TIMEOUT);
    }

    private static void checkEndpoint(URI endpoint) {
        if (endpoint != null && (endpoint.getScheme() == null || endpoint.getHost() == null
                || !(endpoint.getScheme().equals("http") || endpoint.getScheme().equals("https")))) {
            throw new IllegalArgumentException("not an http(s) endpoint URL: '" + endpoint + "'");
        }
    }

    /**
     * {@return the account the run works in when it assumes a role (the last one's), else {@code
     * null}: the caller's own}
     */
    public String account() {
        return roles.isEmpty() ? null : roles.get(roles.size() - 1).accountId();
    }

    /**
     * Checks a region's form ({@code us-east-1}, {@code us-gov-west-1}, {@code eu-isoe-west-1});
     * {@code null} (the standard chain) passes.
     *
     * @param region the region's name, or {@code null}
     * @return the region, as given
     * @throws IllegalArgumentException naming the value
     */
    public static String checkRegion(String region) {
        if (region != null && !REGION.matcher(region).matches()) {
            throw new IllegalArgumentException("invalid AWS region '" + region + "': expected a name such as us-east-1");
        }
        return region;
    }

    /**
     * Everything from the standard AWS chain: its region, credentials and endpoint, with
     * {@link #DEFAULT_MAX_ATTEMPTS} attempts of at most {@link #DEFAULT_ATTEMPT_TIMEOUT} each, and no role.
     *
     * @return the default settings
     */
    public static ClientSettings defaults() {
        return new ClientSettings(null, null, null, DEFAULT_MAX_ATTEMPTS, DEFAULT_ATTEMPT_TIMEOUT);
    }

    /**
     * These settings with another region.
     *
     * @param newRegion the region, or {@code null} for the standard chain
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withRegion(String newRegion) {
        return new ClientSettings(newRegion, awsProfile, endpoint, maxAttempts, attemptTimeout, roles, stsEndpoint);
    }

    /**
     * These settings with another named profile.
     *
     * @param newAwsProfile a named profile of the shared config files, or {@code null}
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withAwsProfile(String newAwsProfile) {
        return new ClientSettings(region, newAwsProfile, endpoint, maxAttempts, attemptTimeout, roles, stsEndpoint);
    }

    /**
     * These settings with another EC2 endpoint.
     *
     * @param newEndpoint an EC2 endpoint, or {@code null} for the standard chain's
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withEndpoint(URI newEndpoint) {
        return new ClientSettings(region, awsProfile, newEndpoint, maxAttempts, attemptTimeout, roles, stsEndpoint);
    }

    /**
     * These settings with another number of attempts per call.
     *
     * @param newMaxAttempts attempts per call, retries included, 1 to 20
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withMaxAttempts(int newMaxAttempts) {
        return new ClientSettings(region, awsProfile, endpoint, newMaxAttempts, attemptTimeout, roles, stsEndpoint);
    }

    /**
     * These settings with another time limit per attempt.
     *
     * @param newAttemptTimeout how long one attempt may take; positive
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withAttemptTimeout(Duration newAttemptTimeout) {
        return new ClientSettings(region, awsProfile, endpoint, maxAttempts, newAttemptTimeout, roles, stsEndpoint);
    }

    /**
     * These settings with roles to assume in turn.
     *
     * @param newRoles the roles to assume in turn; empty for the chain's own credentials
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withRoles(List<AssumedRole> newRoles) {
        return new ClientSettings(region, awsProfile, endpoint, maxAttempts, attemptTimeout, newRoles, stsEndpoint);
    }

    /**
     * These settings with one role to assume.
     *
     * @param role the role to assume
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withRole(AssumedRole role) {
        return withRoles(List.of(role));
    }

    /**
     * These settings with another STS endpoint.
     *
     * @param newStsEndpoint an STS endpoint for the roles, or {@code null} for STS's own
     * @return new settings; these are unchanged
     * @throws IllegalArgumentException naming the bad value
     */
    public ClientSettings withStsEndpoint(URI newStsEndpoint) {
        return new ClientSettings(region, awsProfile, endpoint, maxAttempts, attemptTimeout, roles, newStsEndpoint);
    }
}
