package io.ranchersg.testsupport;

import java.net.URI;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

/**
 * An EC2 endpoint that end-to-end tests may create and destroy things in, with the region and
 * the (fake) credentials it accepts.
 *
 * @param endpoint where the EC2 API answers
 * @param region the region to sign requests for
 * @param accessKeyId access key the emulator accepts
 * @param secretAccessKey secret key the emulator accepts
 * @param source how the harness found it: {@code environment}, {@code testcontainers} or {@code host}
 * @param version the emulator's version as it reports it, or {@code unknown}
 */
public record Ec2Emulator(
        URI endpoint, String region, String accessKeyId, String secretAccessKey, String source, String version) {

    public Ec2Emulator {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(version, "version");
    }

    /** The same emulator, signed for another region (LocalStack keeps each region apart). */
    public Ec2Emulator inRegion(String otherRegion) {
        return new Ec2Emulator(endpoint, otherRegion, accessKeyId, secretAccessKey, source, version);
    }

    /** The keys the emulator accepts, for clients and sessions the tests build themselves. */
    public StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secretAccessKey));
    }

    /** A raw SDK client for this emulator: for tests that arrange or inspect state by hand. */
    public Ec2Client ec2Client() {
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .build();
    }

    /**
     * A raw SDK client working in the account of {@code roleArn}, through a raw STS AssumeRole made
     * here (LocalStack gives each assumed account an EC2 of its own): the oracle of multi-account tests.
     */
    public Ec2Client ec2ClientAs(String roleArn) {
        Credentials assumed;
        try (StsClient sts = StsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(credentials())
                .build()) {
            assumed = sts.assumeRole(r -> r.roleArn(roleArn).roleSessionName("oracle")).credentials();
        }
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        assumed.accessKeyId(), assumed.secretAccessKey(), assumed.sessionToken())))
                .build();
    }

    /** A role ARN in an account of its own (twelve digits, random): a test's private corner of the emulator. */
    public static String uniqueRoleArn(String roleName) {
        long digits = ThreadLocalRandom.current().nextLong(100_000_000_000L, 1_000_000_000_000L);
        return "arn:aws:iam::" + digits + ":role/" + roleName;
    }

    @Override
    public String toString() {
        return source + " LocalStack " + version + " at " + endpoint + " (" + region + ")";
    }
}
