package io.ranchersg.cli;

import io.ranchersg.aws.AssumedRole;
import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.GroupRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where and as whom to talk to EC2 (and to STS, for {@code --role-arn}). Unset options leave the
 * standard AWS chain in charge; what the chain reads from the environment ({@code AWS_REGION},
 * {@code AWS_ENDPOINT_URL_EC2}, {@code AWS_ENDPOINT_URL_STS}, {@code AWS_ENDPOINT_URL}) is checked
 * here too, so that a typo fails before any call. Every command that talks to AWS inherits these.
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
            description = "EC2 and STS endpoint, e.g. LocalStack (default: AWS_ENDPOINT_URL_EC2 or AWS_ENDPOINT_URL_STS,"
                    + " then AWS_ENDPOINT_URL, or AWS).")
    String endpointUrl;

    @Option(names = "--role-arn", paramLabel = "ARN",
            description = "Assume this IAM role (STS AssumeRole, session name rancher-sg) and work in its account.")
    String roleArn;

    @Option(names = "--external-id", paramLabel = "ID",
            description = "The external id the role's trust policy asks for (with --role-arn).")
    String externalId;

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
        } else {
            // The service-specific variable wins, as with the AWS CLI.
            endpoint = configuredEndpoint(env, "AWS_ENDPOINT_URL_EC2");
        }
        URI stsEndpoint = endpointUrl != null ? endpoint : configuredEndpoint(env, "AWS_ENDPOINT_URL_STS");
        List<AssumedRole> roles = roles();
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
        return settings.withRegion(chosenRegion).withAwsProfile(awsProfile).withEndpoint(endpoint)
                .withStsEndpoint(stsEndpoint).withRoles(roles);
    }

    /** The role of {@code --role-arn} with its external id, checked; none without it. */
    private List<AssumedRole> roles() {
        if (roleArn == null) {
            if (externalId != null) {
                throw new UsageException("--external-id: an external id is sent only with a role: give --role-arn too");
            }
            return List.of();
        }
        try {
            AssumedRole.of(roleArn.strip());
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--role-arn", e);
        }
        try {
            return List.of(new AssumedRole(roleArn.strip(), externalId));
        } catch (IllegalArgumentException e) {
            throw UsageException.of("--external-id", e);
        }
    }

    /**
     * The endpoint a service-specific variable ({@code AWS_ENDPOINT_URL_STS}) or {@code AWS_ENDPOINT_URL}
     * names, checked, unless configured endpoints are ignored; {@code null} when none does.
     */
    private static URI configuredEndpoint(Map<String, String> env, String serviceVariable) {
        if ("true".equalsIgnoreCase(env.getOrDefault("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ""))) {
            return null;
        }
        for (String variable : new String[] {serviceVariable, "AWS_ENDPOINT_URL"}) {
            if (isSet(env, variable)) {
                return checkEndpoint(variable, env.get(variable).strip());
            }
        }
        return null;
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
