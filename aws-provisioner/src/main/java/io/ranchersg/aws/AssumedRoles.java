package io.ranchersg.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.StsClientBuilder;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Credentials of a role chain: each role assumed (STS AssumeRole, session name
 * {@value AssumedRole#SESSION_NAME}) with the credentials of the one before, the first with the
 * caller's own. The SDK's {@link StsAssumeRoleCredentialsProvider} assumes each role on first use
 * and again before its credentials expire, so that a long scan never works with stale ones; one
 * instance serves every region of an account.
 *
 * <p>The STS clients use the settings' STS endpoint (LocalStack) when there is one, retries and
 * timeouts as for EC2, and a {@link CallCounter} of their own. Closing closes them and, when it
 * was handed over, the caller's provider.
 */
public final class AssumedRoles implements AwsCredentialsProvider, SdkAutoCloseable {

    private final List<AssumedRole> chain;
    private final List<StsClient> clients;
    private final List<StsAssumeRoleCredentialsProvider> providers;
    private final AwsCredentialsProvider base;
    private final boolean ownsBase;
    private final CallCounter calls;
    /** Whether {@link #close} ran: the clients and providers are then closed. */
    private volatile boolean closed;

    private AssumedRoles(List<AssumedRole> chain, List<StsClient> clients,
                         List<StsAssumeRoleCredentialsProvider> providers, AwsCredentialsProvider base,
                         boolean ownsBase, CallCounter calls) {
        this.chain = chain;
        this.clients = clients;
        this.providers = providers;
        this.base = base;
        this.ownsBase = ownsBase;
        this.calls = calls;
    }

    /**
     * The credentials of the settings' roles, starting from {@code base}; nothing is sent yet.
     *
     * @param settings  the roles, the STS endpoint, retries and timeouts
     * @param region    where to ask STS (the home region of the run)
     * @param base      the caller's own credentials
     * @param ownsBase  whether closing this closes {@code base} too
     * @return the credentials of the last role; closing them closes every client they made
     * @throws IllegalArgumentException when the settings name no role
     */
    public static AssumedRoles of(ClientSettings settings, String region, AwsCredentialsProvider base,
                                  boolean ownsBase) {
        return of(settings, region, base, ownsBase,
                Ec2Session.httpClient(settings.stsEndpoint(), settings.attemptTimeout()));
    }

    /** As {@link #of(ClientSettings, String, AwsCredentialsProvider, boolean)}, STS reached through {@code http}. */
    static AssumedRoles of(ClientSettings settings, String region, AwsCredentialsProvider base, boolean ownsBase,
                           SdkHttpClient.Builder<?> http) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(base, "base");
        if (settings.roles().isEmpty()) {
            throw new IllegalArgumentException("no role to assume");
        }
        CallCounter calls = new CallCounter("STS");
        List<StsClient> clients = new ArrayList<>();
        List<StsAssumeRoleCredentialsProvider> providers = new ArrayList<>();
        AwsCredentialsProvider previous = base;
        for (AssumedRole role : settings.roles()) {
            StsClient client = stsClient(settings, region, previous, calls, http);
            clients.add(client);
            StsAssumeRoleCredentialsProvider provider = StsAssumeRoleCredentialsProvider.builder()
                    .stsClient(client)
                    .refreshRequest(r -> r.roleArn(role.roleArn())
                            .roleSessionName(AssumedRole.SESSION_NAME)
                            .externalId(role.externalId()))
                    .build();
            providers.add(provider);
            previous = provider;
        }
        return new AssumedRoles(settings.roles(), clients, providers, base, ownsBase, calls);
    }

    /** An STS client as every STS call of a run gets it: the settings' endpoint, timeouts and retries. */
    static StsClient stsClient(ClientSettings settings, String region, AwsCredentialsProvider credentials,
                               CallCounter calls) {
        // As EC2's: no TLS set up for a plain-HTTP endpoint (an emulator) that no proxy is between.
        return stsClient(settings, region, credentials, calls,
                Ec2Session.httpClient(settings.stsEndpoint(), settings.attemptTimeout()));
    }

    private static StsClient stsClient(ClientSettings settings, String region, AwsCredentialsProvider credentials,
                                       CallCounter calls, SdkHttpClient.Builder<?> http) {
        StsClientBuilder builder = StsClient.builder()
                .region(Region.of(region))
                .credentialsProvider(Ec2Session.borrowed(credentials))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> Ec2Session.retriesAndTimeouts(o, settings, calls));
        if (settings.stsEndpoint() != null) {
            builder.endpointOverride(settings.stsEndpoint());
        }
        return builder.build();
    }

    /**
     * The last role's credentials: assumed now when they are not yet (or no longer) valid.
     *
     * @throws AwsSetupException naming the role STS refused
     */
    @Override
    public AwsCredentials resolveCredentials() {
        if (closed) {
            throw new IllegalStateException("the credentials of " + chain + " are closed");
        }
        // Walk the chain in order, so that a refusal names the role STS refused, not the last one.
        for (int i = 0; i < providers.size(); i++) {
            try {
                AwsCredentials credentials = providers.get(i).resolveCredentials();
                if (i == providers.size() - 1) {
                    return credentials;
                }
            } catch (SdkException e) {
                throw refused(chain.get(i), e);
            }
        }
        throw new IllegalStateException("an empty role chain");
    }

    /**
     * {@return the STS calls made so far (AssumeRole, once per role and again when credentials are
     * refreshed)}
     */
    public CallCounter calls() {
        return calls;
    }

    /** {@return the account the credentials are for: the last role's} */
    public String account() {
        return chain.get(chain.size() - 1).accountId();
    }

    private static AwsSetupException refused(AssumedRole role, SdkException e) {
        String reason;
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            reason = service.awsErrorDetails().errorCode() + ": "
                    + AwsErrors.firstLine(service.awsErrorDetails().errorMessage());
        } else {
            reason = AwsErrors.firstLine(e.getMessage());
        }
        return new AwsSetupException("cannot assume role '" + role.roleArn() + "' (" + reason + ")", e);
    }

    /** Closes every client and provider this made (and the base, when handed over), once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = providers.size() - 1; i >= 0; i--) {
            providers.get(i).close();
            clients.get(i).close();
        }
        if (ownsBase && base instanceof SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    @Override
    public String toString() {
        return "AssumedRoles" + chain;
    }
}
