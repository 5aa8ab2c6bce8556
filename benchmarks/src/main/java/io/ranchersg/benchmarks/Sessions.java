package io.ranchersg.benchmarks;

import io.ranchersg.aws.ClientSettings;
import io.ranchersg.aws.Ec2Session;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;

/** EC2 sessions against the emulator, and what the CLI processes need to reach it. */
final class Sessions {

    /** The tag rancher-sg puts on every group it manages (ManagedTags in the provisioner). */
    static final Filter MANAGED = Filter.builder().name("tag:managed-by").values("rancher-sg").build();

    /** The keys the emulator accepts. */
    static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

    private final URI endpoint;

    Sessions(URI endpoint) {
        this.endpoint = endpoint;
    }

    URI endpoint() {
        return endpoint;
    }

    Ec2Session open(String region) {
        return Ec2Session.open(new ClientSettings(region, null, endpoint, ClientSettings.DEFAULT_MAX_ATTEMPTS),
                CREDENTIALS);
    }

    /** The environment a CLI process gets: the emulator, the region, dummy keys, no metadata service. */
    Map<String, String> cliEnvironment(String region) {
        return Map.of("AWS_ENDPOINT_URL", endpoint.toString(),
                "AWS_REGION", region,
                "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_EC2_METADATA_DISABLED", "true");
    }

    /** The calls made between two snapshots of a session's {@code calls().calls()}. */
    static Map<String, Integer> delta(Map<String, Integer> before, Map<String, Integer> after) {
        Map<String, Integer> made = new TreeMap<>();
        after.forEach((action, n) -> {
            int d = n - before.getOrDefault(action, 0);
            if (d > 0) {
                made.put(action, d);
            }
        });
        return made;
    }

    /** Names of the groups rancher-sg manages in the session's region (not counted as calls of any run). */
    static Set<String> managedNames(Ec2Session session) {
        return session.client().describeSecurityGroupsPaginator(r -> r.filters(MANAGED)).securityGroups().stream()
                .map(SecurityGroup::groupName)
                .collect(Collectors.toSet());
    }
}
