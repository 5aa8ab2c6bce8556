package io.ranchersg.cli;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.GroupRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where and as whom to talk to EC2. Unset options leave the standard AWS chain in charge; what the
 * chain reads from the environment ({@code AWS_REGION}, {@code AWS_ENDPOINT_URL_EC2},
 * {@code AWS_ENDPOINT_URL}) is checked here too, so that a typo fails before any call.
 */
final class AwsMixin {

    @Option(names = "--region", paramLabel = "REGION",
            description = "AWS region (default: the standard chain: AWS_REGION, the profile's region).")
    String region;

    @Option(names = "--aws-profile", paramLabel = "NAME",
            description = "Named profile of the shared AWS config and credentials files (default: AWS_PROFILE, or"
                    + " the default chain).")
    String awsProfile;

    @Option(names = "--endpoint-url", paramLabel = "URL",
            description = "EC2 endpoint, e.g. LocalStack (default: AWS_ENDPOINT_URL_EC2, AWS_ENDPOINT_URL, or AWS).")
    String endpointUrl;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "" + ClientSettings.DEFAULT_MAX_ATTEMPTS,
            description = "Attempts per EC2 call, retries of throttling and server errors included, 1 to 20"
                    + " (default: ${DEFAULT-VALUE}).")
    int maxAttempts = ClientSettings.DEFAULT_MAX_ATTEMPTS;

    /**
     * The client settings; everything is checked, nothing is sent.
     *
     * @param env the environment the SDK will read
     * @throws UsageException naming the option or variable and the bad value
     */
    ClientSettings settings(Map<String, String> env) {
        // The variables are read here, as the SDK would read them, so that they are checked before any call
        // and a run depends only on the environment it was given (tests run in one JVM).
        String chosenRegion = region;
        if (chosenRegion != null) {
            checkRegion("--region", chosenRegion);
        } else if (isSet(env, "AWS_REGION")) {
            chosenRegion = checkRegion("AWS_REGION", env.get("AWS_REGION").strip());
        }
        URI endpoint = null;
        if (endpointUrl != null) {
            endpoint = checkEndpoint("--endpoint-url", endpointUrl);
        } else if (!"true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""))) {
            for (String variable : new String[] {"AWS_ENDPOINT_URL_EC2", "AWS_ENDPOINT_URL"}) {
                if (isSet(env, variable)) {
                    endpoint = checkEndpoint(variable, env.get(variable).strip());
                    break; // the service-specific variable wins, as with the AWS CLI
                }
            }
        }
        if (awsProfile != null && (awsProfile.isBlank() || awsProfile.chars().anyMatch(Character::isWhitespace))) {
            throw new UsageException("--aws-profile: invalid profile name '" + awsProfile + "'");
        }
        ClientSettings settings;
        try {
            settings = ClientSettings.defaults().withMaxAttempts(maxAttempts);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--max-attempts", e);
        }
        // The region, profile and endpoint were checked above, each naming its own source.
        return settings.withRegion(chosenRegion).withAwsProfile(awsProfile).withEndpoint(endpoint);
    }

    private static boolean isSet(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value != null && !value.isBlank();
    }

    /**
     * Checks a region's form.
     *
     * @throws UsageException naming the source and the value
     */
    static String checkRegion(String source, String value) {
        try {
            return ClientSettings.checkRegion(value);
        } catch (IllegalArgumentException e) {
            throw UsageException.of(source, e);
        }
    }

    /**
     * Checks a VPC id's form; {@code null} stays {@code null} (the default VPC).
     *
     * @throws UsageException naming the value
     */
    static String checkVpcId(String vpcId) {
        try {
            return GroupRequest.checkVpcId(vpcId);
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--vpc-id", e);
        }
    }

    /**
     * Parses and checks an endpoint URL: http or https, a host, a port within 1..65535 if given.
     *
     * @throws UsageException naming the source and the value
     */
    static URI checkEndpoint(String source, String value) {
        URI uri;
        try {
            uri = new URI(value);
        } catch (URISyntaxException e) {
            throw new UsageException(source + ": invalid endpoint URL '" + value + "': " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))) {
            throw new UsageException(source + ": invalid endpoint URL '" + value
                    + "': expected http:// or https:// followed by a host");
        }
        if (uri.getHost() == null) {
            // URI leaves the host unset when it cannot read host:port, e.g. a port beyond 2^31 or a bad character.
            throw new UsageException(source + ": invalid endpoint URL '" + value
                    + "': no host, or a port that is not a number within 1..65535");
        }
        if (uri.getPort() != -1 && (uri.getPort() < 1 || uri.getPort() > 65_535)) {
            throw new UsageException(source + ": invalid endpoint URL '" + value + "': port " + uri.getPort()
                    + " is out of range 1..65535");
        }
        return uri;
    }
}
