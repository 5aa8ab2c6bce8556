package io.ranchersg.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fleet scan's calls made by a client that does nothing else: the same AssumeRole per account and
 * {@code DescribeSecurityGroups} per account-region, through the same proxy, on a pool of the same
 * size fed in the same order (an account's regions join the queue when its role is assumed), with no
 * SDK, no signing, no checks and no report, in this already running JVM. Its time is what a scan
 * cannot go under on this machine: the proxy's latency, LocalStack serving the calls (one process,
 * one call at a time) and the proxy's own work. The scan's wall time minus this floor is what
 * rancher-sg itself adds, its JVM's start included.
 *
 * <p>LocalStack does not check signatures: an unsigned request whose credential scope names the
 * assumed role's key is read in that role's account, as the scan's signed one is. Against AWS this
 * client would be refused; it only ever talks to the benchmark's emulator.
 */
final class FleetFloor {

    private static final Pattern ACCESS_KEY = Pattern.compile("<AccessKeyId>([^<]+)</AccessKeyId>");
    private static final Pattern GROUP_NAME = Pattern.compile("<groupName>");
    /** The scan's read: the groups rancher-sg manages ({@code SecurityGroupApi.scanned}). */
    private static final String DESCRIBE = "Action=DescribeSecurityGroups&Version=2016-11-15"
            + "&Filter.1.Name=tag%3Amanaged-by&Filter.1.Value.1=rancher-sg";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI proxy;

    FleetFloor(URI proxy) {
        this.proxy = proxy;
    }

    /**
     * One pass over the fleet.
     *
     * @param roles       the role of each account, in the file's order
     * @param regions     every account's regions; STS is asked in the first, as the scan asks it
     * @param parallelism calls at once
     * @return the seconds from the first call to the last answer, and the groups the answers listed
     * @throws IllegalStateException when a call fails
     */
    Pass pass(List<String> roles, List<String> regions, int parallelism) {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            long start = System.nanoTime();
            List<Future<List<Future<Integer>>>> accounts = new ArrayList<>();
            for (String role : roles) {
                accounts.add(pool.submit(() -> {
                    String key = accessKey(call(regions.get(0), "sts", "test", "Action=AssumeRole&Version=2011-06-15"
                            + "&RoleSessionName=rancher-sg&RoleArn=" + URLEncoder.encode(role, StandardCharsets.UTF_8)));
                    List<Future<Integer>> reads = new ArrayList<>();
                    for (String region : regions) {
                        reads.add(pool.submit(() -> count(call(region, "ec2", key, DESCRIBE))));
                    }
                    return reads;
                }));
            }
            int groups = 0;
            for (Future<List<Future<Integer>>> account : accounts) {
                for (Future<Integer> read : account.get()) {
                    groups += read.get();
                }
            }
            return new Pass((System.nanoTime() - start) / 1e9, groups);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the floor's calls failed: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring the floor", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * One pass's figures.
     *
     * @param seconds from the first call to the last answer
     * @param groups  the groups the answers listed
     */
    record Pass(double seconds, int groups) {
    }

    private String call(String region, String service, String key, String form) throws IOException,
            InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(proxy.resolve("/"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("Authorization", "AWS4-HMAC-SHA256 Credential=" + key + "/20260101/" + region + "/" + service
                        + "/aws4_request, SignedHeaders=host, Signature=0")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException(service + " in " + region + " answered " + response.statusCode() + ": "
                    + response.body().strip());
        }
        return response.body();
    }

    private static String accessKey(String assumeRoleAnswer) throws IOException {
        Matcher key = ACCESS_KEY.matcher(assumeRoleAnswer);
        if (!key.find()) {
            throw new IOException("AssumeRole answered no access key: " + assumeRoleAnswer.strip());
        }
        return key.group(1);
    }

    private static int count(String describeAnswer) {
        return (int) GROUP_NAME.matcher(describeAnswer).results().count();
    }

    /** The roles of a fleet of {@code accounts}, as {@link FleetScans#role} names them. */
    static List<String> roles(int accounts) {
        List<String> roles = new ArrayList<>();
        for (int a = 1; a <= accounts; a++) {
            roles.add(FleetScans.role(a));
        }
        return roles;
    }
}
