package io.ranchersg.aws;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.AwsProfileRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.Ec2ClientBuilder;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * One EC2 client for one region, built explicitly and closed with the session, with a
 * {@link CallCounter} on every call.
 *
 * <p>A session is thread-safe (the SDK's client is) and meant to be shared by the runs of one
 * program; whoever opens it closes it. A session made with {@link #of} around the caller's client
 * leaves that client open when it closes.
 */
public final class Ec2Session implements AutoCloseable {

    /** How long establishing a connection may take. */
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);

    private final Ec2Client client;
    private final CallCounter calls;
    private final String region;
    private final String account;
    private final boolean owned;
    /** Credentials this session made itself (and so closes); null when the caller gave them. */
    private AwsCredentialsProvider ownCredentials;

    private Ec2Session(Ec2Client client, CallCounter calls, String region, String account, boolean owned) {
        this.client = client;
        this.calls = calls;
        this.region = region;
        this.account = account;
        this.owned = owned;
    }

    /**
     * Opens a session as the settings say; nothing is sent to AWS yet. When they name roles, the
     * session works in the last role's account with its credentials ({@link AssumedRoles}), assumed
     * on the first call.
     *
     * @param settings the region, profile, endpoint, retries and roles to use
     * @return the session, to be closed by the caller
     * @throws AwsSetupException when no region can be found
     */
    public static Ec2Session open(ClientSettings settings) {
        Objects.requireNonNull(settings, "settings");
        AwsCredentialsProvider credentials = ownCredentials(settings);
        if (!settings.roles().isEmpty()) {
            credentials = AssumedRoles.of(settings, regionOf(settings), credentials, true);
        }
        Ec2Session session = open(settings, credentials);
        session.ownCredentials = credentials;
        return session;
    }

    /**
     * Opens a session with credentials of the caller's choosing (an assumed role, say); nothing is
     * sent to AWS yet. The settings' roles only name the account ({@link ClientSettings#account()}):
     * the credentials given are used as they are.
     *
     * @param settings the region, profile, endpoint, retries and roles to use
     * @param credentials the credentials; the caller keeps them and closes them
     * @return the session, to be closed by the caller
     * @throws AwsSetupException when no region can be found
     */
    public static Ec2Session open(ClientSettings settings, AwsCredentialsProvider credentials) {
        return open(settings, credentials, settings.account());
    }

    /**
     * As {@link #open(ClientSettings, AwsCredentialsProvider)}, for a known account: results name it.
     *
     * @param settings the region, profile, endpoint, retries and roles to use
     * @param credentials the credentials; the caller keeps them and closes them
     * @param account the account id the credentials are for, or {@code null} where not known
     * @return the session, to be closed by the caller
     * @throws AwsSetupException when no region can be found
     */
    public static Ec2Session open(ClientSettings settings, AwsCredentialsProvider credentials, String account) {
        return open(settings, credentials, account, httpClient(settings));
    }

    /** As {@link #open(ClientSettings, AwsCredentialsProvider, String)}, EC2 reached through {@code http}. */
    static Ec2Session open(ClientSettings settings, AwsCredentialsProvider credentials, String account,
                           SdkHttpClient.Builder<?> http) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(credentials, "credentials");
        String region = regionOf(settings);
        CallCounter calls = new CallCounter();
        Ec2ClientBuilder builder = Ec2Client.builder()
                .region(Region.of(region))
                .credentialsProvider(borrowed(credentials))
                .httpClientBuilder(http)
                .overrideConfiguration(o -> retriesAndTimeouts(o, settings, calls));
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        return new Ec2Session(builder.build(), calls, region, account, true);
    }

    /**
     * The caller's credentials as a client may hold them. The SDK closes a client's credentials
     * provider with the client when the provider can be closed, and so would close credentials the
     * caller still uses: an account's role, which its other regions' clients share, or the caller's
     * own, from which every account's role is assumed. Whoever made credentials closes them.
     *
     * @param credentials the caller's credentials
     * @return a provider of the same credentials that closing does not reach
     */
    static AwsCredentialsProvider borrowed(AwsCredentialsProvider credentials) {
        return new Borrowed(Objects.requireNonNull(credentials, "credentials"));
    }

    /** Credentials lent to a client: resolved by the lender, never closed through the client. */
    private record Borrowed(AwsCredentialsProvider lender) implements AwsCredentialsProvider {

        @Override
        public AwsCredentials resolveCredentials() {
            return lender.resolveCredentials();
        }
    }

    /**
     * Builds and closes one EC2 client for the settings, sending nothing: the first client of a run
     * loads some thousands of classes (the client, its endpoint rules, its interceptors), which a
     * fleet scan can do while its roles are being assumed instead of after. Failures are left to the
     * clients that will make calls.
     *
     * @param settings the endpoint, retries and timeouts the scan's clients will have
     */
    static void prepare(ClientSettings settings) {
        try {
            Ec2ClientBuilder builder = Ec2Client.builder()
                    .region(Region.of(settings.region() != null ? settings.region() : "us-east-1"))
                    .credentialsProvider(AnonymousCredentialsProvider.create())
                    .httpClientBuilder(httpClient(settings))
                    .overrideConfiguration(o -> retriesAndTimeouts(o, settings, new CallCounter()));
            if (settings.endpoint() != null) {
                builder.endpointOverride(settings.endpoint());
            }
            builder.build().close();
        } catch (RuntimeException e) {
            // Nothing was sent; a real client will meet the same problem and report it.
        }
    }

    /**
     * The HTTP client for the settings. A plain-HTTP endpoint (an emulator, a gateway on the same
     * host) reached without a proxy gets connections that never set up TLS: the standard client
     * builds its TLS context (the trust store, the cipher suites) as it is made, which costs a cold
     * run a seventh of its CPU time although no request would use it. Every other endpoint, AWS
     * itself included, gets the SDK's standard client, with its TLS and proxy settings.
     */
    static SdkHttpClient.Builder<?> httpClient(ClientSettings settings) {
        return httpClient(settings.endpoint(), settings.attemptTimeout());
    }

    /**
     * The HTTP client for an endpoint (EC2's or STS's; {@code null} for AWS's own), as
     * {@link #httpClient(ClientSettings)} chooses it.
     */
    static SdkHttpClient.Builder<?> httpClient(URI endpoint, Duration read) {
        if (endpoint != null && "http".equalsIgnoreCase(endpoint.getScheme())
                // The proxy the standard client would use: from the system properties and the environment.
                && ProxyConfiguration.builder().build().host() == null) {
            return new PlainHttp(read);
        }
        return UrlConnectionHttpClient.builder().connectionTimeout(CONNECTION_TIMEOUT).socketTimeout(read);
    }

    /**
     * Connections opened as the standard client opens them when no proxy is set, with the same time
     * limits, and no TLS context.
     */
    private record PlainHttp(Duration read) implements SdkHttpClient.Builder<PlainHttp> {

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return UrlConnectionHttpClient.create(this::open);
        }

        private HttpURLConnection open(URI uri) {
            try {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(Math.toIntExact(CONNECTION_TIMEOUT.toMillis()));
                connection.setReadTimeout((int) Math.min(Integer.MAX_VALUE, read.toMillis()));
                return connection;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open a connection to " + uri.getHost(), e);
            }
        }
    }

    /**
     * Uses a client the caller built and keeps (it is not closed with the session). Add
     * {@code counter} to that client's interceptors for the call counts to be reported.
     *
     * @param client the caller's client
     * @param counter the counter the session reports calls from
     * @return the session
     */
    public static Ec2Session of(Ec2Client client, CallCounter counter) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(counter, "counter");
        String region = client.serviceClientConfiguration().region().id();
        return new Ec2Session(client, counter, region, null, false);
    }

    /** {@return where requests go, for messages: the endpoint when one was given, else the region} */
    String where() {
        // Userinfo in an endpoint URL would be a credential: it never reaches a message.
        return client.serviceClientConfiguration().endpointOverride()
                .map(uri -> "at " + uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                        + (uri.getRawPath() == null ? "" : uri.getRawPath()))
                .orElse("in " + region);
    }

    /** {@return the raw client: for reads the reconciler does not cover} */
    public Ec2Client client() {
        return client;
    }

    /** {@return the calls made through this session} */
    public CallCounter calls() {
        return calls;
    }

    /** {@return the region this session talks to} */
    public String region() {
        return region;
    }

    /**
     * {@return the account this session works in, or {@code null} when it was not needed (the caller's
     * own)}
     */
    public String account() {
        return account;
    }

    /**
     * The settings' region, or the one the standard chain names.
     *
     * @throws AwsSetupException when there is none, or it is not a region name
     */
    static String regionOf(ClientSettings settings) {
        return settings.region() != null ? settings.region() : regionFromChain(settings.awsProfile());
    }

    /**
     * The caller's own credentials, as the settings' profile or the default chain give them.
     *
     * @param settings the settings, for their profile
     * @return the credentials provider; the caller closes it
     */
    public static AwsCredentialsProvider ownCredentials(ClientSettings settings) {
        return credentials(settings.awsProfile());
    }

    /** Closes the client, if this session made it, and the credentials it made. */
    @Override
    public void close() {
        if (owned) {
            client.close();
        }
        if (ownCredentials instanceof software.amazon.awssdk.utils.SdkAutoCloseable closeable) {
            closeable.close();
        }
    }

    /**
     * The region of the standard chain, checked as {@link ClientSettings#checkRegion(String)} checks a
     * given one, so that a typo in the AWS config file fails here, naming the value, not in a call.
     */
    private static String regionFromChain(String awsProfile) {
        String id;
        try {
            Region region = awsProfile != null
                    ? new AwsProfileRegionProvider(null, awsProfile).getRegion()
                    : DefaultAwsRegionProviderChain.builder().build().getRegion();
            // Region.of percent-encodes what it is given; show the value as the file has it.
            id = URLDecoder.decode(region.id(), StandardCharsets.UTF_8);
        } catch (SdkClientException e) {
            throw new AwsSetupException("no AWS region is set: give --region, set AWS_REGION, or set a region"
                    + " in the AWS config file" + (awsProfile != null ? " for profile '" + awsProfile + "'" : ""));
        }
        try {
            return ClientSettings.checkRegion(id);
        } catch (IllegalArgumentException e) {
            throw new AwsSetupException(e.getMessage() + " (from "
                    + (awsProfile != null ? "profile '" + awsProfile + "' of the AWS config file"
                            : "the AWS config file or the environment")
                    + "); correct it there or give --region", e);
        }
    }

    /** The credentials of a named profile of the shared config files, or of the standard chain for {@code null}. */
    static AwsCredentialsProvider credentials(String awsProfile) {
        return awsProfile != null
                ? ProfileCredentialsProvider.builder().profileName(awsProfile).build()
                : DefaultCredentialsProvider.builder().build();
    }

    /**
     * What every client of a run shares, EC2's and STS's alike: standard-mode retries (throttling
     * such as RequestLimitExceeded and 5xx, with jittered backoff), the settings' timeouts kept by
     * the process's one {@link Timeouts#TIMER timer}, the run's call counter, and large answers read
     * {@linkplain LargeAnswers one at a time}.
     */
    static void retriesAndTimeouts(ClientOverrideConfiguration.Builder o, ClientSettings settings,
                                   CallCounter calls) {
        o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
                        .maxAttempts(settings.maxAttempts())
                        .build())
                .apiCallAttemptTimeout(settings.attemptTimeout())
                .apiCallTimeout(settings.attemptTimeout().multipliedBy(settings.maxAttempts() + 1L))
                .scheduledExecutorService(Timeouts.TIMER)
                .addExecutionInterceptor(calls)
                .addExecutionInterceptor(LargeAnswers.IN_TURN);
    }

    /**
     * The timer that keeps the call and attempt timeouts of every client. Left to itself, each SDK
     * client makes a timer of its own that starts a thread for each of its first timeouts: a fleet scan
     * of 20 accounts x 3 regions has 80 clients and so started 160 threads, which cost it about 5 MiB
     * of memory (docs/benchmarks.md). The SDK never shuts down a timer it was given; its threads are
     * daemons, so that they never keep a run from ending, and a cancelled timeout (the usual end of
     * one) leaves the queue at once, so that a long {@code serve} does not hold thousands.
     */
    static final class Timeouts {

        /** Two threads: a timeout's task only aborts its call. */
        static final ScheduledExecutorService TIMER = timer();

        private Timeouts() {
        }

        private static ScheduledExecutorService timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(2, task -> {
                Thread thread = new Thread(task, "rancher-sg-timeouts");
                thread.setDaemon(true);
                return thread;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }
}
