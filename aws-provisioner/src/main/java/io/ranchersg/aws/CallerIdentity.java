package io.ranchersg.aws;

import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * Which account a run works in, when nothing it was given says so: STS's
 * {@code GetCallerIdentity}, which needs no permission. With roles to assume, the last role's
 * account, without a call.
 */
public final class CallerIdentity {

    private CallerIdentity() {
    }

    /**
     * The account of the settings' credentials (or of their last role).
     *
     * @param settings the credentials, region, endpoints and roles to use
     * @return the 12-digit account id
     * @throws RancherSgException when STS cannot be asked or refuses
     */
    public static String account(ClientSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (settings.account() != null) {
            return settings.account();
        }
        AwsCredentialsProvider credentials = Ec2Session.ownCredentials(settings);
        try {
            return account(settings, Ec2Session.regionOf(settings), credentials, new CallCounter("STS"));
        } finally {
            if (credentials instanceof SdkAutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    /**
     * The account of these credentials, as STS in {@code region} says.
     *
     * @param settings    the STS endpoint, retries and timeouts
     * @param region      where to ask
     * @param credentials the credentials; the caller keeps them
     * @param calls       counts the call
     * @return the 12-digit account id
     * @throws RancherSgException when STS cannot be asked or refuses
     */
    static String account(ClientSettings settings, String region, AwsCredentialsProvider credentials,
                          CallCounter calls) {
        try (StsClient sts = AssumedRoles.stsClient(settings, region, credentials, calls)) {
            return sts.getCallerIdentity().account();
        } catch (SdkException e) {
            throw AwsErrors.translate(e, "GetCallerIdentity", "at STS");
        }
    }
}
