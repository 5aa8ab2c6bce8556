import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Makes the class-data-sharing archives that {@code bin/rancher-sg} starts the CLI with, by training
 * on a complete {@code rancher-sg check}: one that reads a group, diffs it, checks its findings and
 * writes its reports; and for {@code scan}, on a scan of an accounts file whose accounts are reached
 * through STS AssumeRole. The AWS it talks to is a stub in this process that answers EC2's
 * {@code DescribeVpcs} and {@code DescribeSecurityGroups} and STS's {@code AssumeRole} and
 * {@code GetCallerIdentity} with fixed XML, so the build needs no emulator and no network. Run by the
 * build (cli/pom.xml) and by the benchmark, with the JDK only:
 *
 * <pre>java cli/src/build/ClassDataSharingArchive.java JAR</pre>
 *
 * <p>It writes three archives next to {@code JAR} ({@code rancher-sg.jar} gives
 * {@code rancher-sg-base.jsa}, {@code rancher-sg.jsa} and {@code rancher-sg-scan.jsa}), a base and one
 * of the two others used together, as {@code -XX:SharedArchiveFile=rancher-sg-base.jsa:rancher-sg.jsa}:
 * <ul>
 *   <li>the base, a static archive of the JDK classes a check loads and of the jar's classes compiled
 *       for Java 5 or older (picocli), which Java 17 keeps only in a static archive;</li>
 *   <li>on top of it, a dynamic archive of the other classes the check loaded. A static archive of
 *       everything would also hold the thousands of SDK model classes that dumping it loads to verify
 *       the EC2 client, and a JVM relocates every page of its archive at start;</li>
 *   <li>for {@code scan} instead, a dynamic archive of the other classes the scan loaded: the STS
 *       client, the accounts file's parser, the scan's pool and report. A dynamic archive holds the
 *       classes of the one JVM that made it, and one of both commands would cost every check about
 *       4 MiB more memory for the classes of a scan it never loads (measured in docs/benchmarks.md).</li>
 * </ul>
 * The archives name the jar's path: a jar that moves needs new ones (Java 17 checks that the jar is
 * still where it was when the archive was made).
 *
 * <p>The release archive (dist/pom.xml) is unpacked wherever its user likes, so it gets an archive that
 * names no jar instead:
 *
 * <pre>java cli/src/build/ClassDataSharingArchive.java --runtime JAR RUNTIME</pre>
 *
 * <p>trains the same check with {@code RUNTIME/bin/java} (a runtime made by jlink) and makes that
 * runtime's default archive, {@code RUNTIME/lib/server/classes.jsa}, of the JDK classes the check
 * loaded: every JVM of that runtime maps it with no option, wherever the runtime is.
 *
 * <p>This program is not a test and
 * checks nothing about the CLI's output; it fails only when the training check or scan did not run to
 * its end (an archive of half a run is what it replaces) or the JVM made no archive.
 */
public final class ClassDataSharingArchive {

    /** JVM options of the training runs: bin/rancher-sg's default. */
    private static final List<String> JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1",
            "-XX:+UseSerialGC", "-Xms16m", "-XX:-UsePerfData");
    private static final String VPC = "vpc-0a1b2c3d4e5f60718";
    private static final String GROUP = "sg-0123456789abcdef0";

    private ClassDataSharingArchive() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 3 && args[0].equals("--runtime") && args[1].endsWith(".jar")) {
            Path jar = Path.of(args[1]).toAbsolutePath().normalize();
            runtimeArchive(jar, Path.of(args[2]).toAbsolutePath().normalize());
            return;
        }
        if (args.length != 1 || !args[0].endsWith(".jar")) {
            System.err.println("usage: java ClassDataSharingArchive.java JAR");
            System.err.println("       java ClassDataSharingArchive.java --runtime JAR RUNTIME");
            System.exit(64);
        }
        Path jar = Path.of(args[0]).toAbsolutePath().normalize();
        String stem = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        Path top = jar.resolveSibling(stem + ".jsa");
        Path base = jar.resolveSibling(stem + "-base.jsa");
        Path scanTop = jar.resolveSibling(stem + "-scan.jsa");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path work = Files.createTempDirectory("rancher-sg-cds");
        HttpServer ec2 = stub();
        try {
            Files.deleteIfExists(top);
            Files.deleteIfExists(base);
            Files.deleteIfExists(scanTop);
            String endpoint = "http://127.0.0.1:" + ec2.getAddress().getPort();

            Path loaded = work.resolve("loaded.classlist");
            run(work, java, List.of("-XX:DumpLoadedClassList=" + loaded), jar, check(work, endpoint));
            Path baseList = work.resolve("base.classlist");
            Files.write(baseList, baseClasses(Files.readAllLines(loaded), jar));
            List<String> dump = new ArrayList<>(List.of(java.toString(), "-Xshare:dump",
                    "-XX:SharedClassListFile=" + baseList, "-XX:SharedArchiveFile=" + base, "-Xlog:disable",
                    "-Xlog:cds=error", "-cp", jar.toString()));
            dump.addAll(1, JVM);
            exec(work, dump);
            made(base);

            run(work, java, List.of("-XX:SharedArchiveFile=" + base, "-XX:ArchiveClassesAtExit=" + top), jar,
                    check(work, endpoint));
            made(top);

            run(work, java, List.of("-XX:SharedArchiveFile=" + base, "-XX:ArchiveClassesAtExit=" + scanTop), jar,
                    scan(work, endpoint));
            made(scanTop);
        } finally {
            ec2.stop(0);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The default archive of a jlinked runtime: the JDK classes (and lambda forms) that a check loads,
     * dumped by the runtime itself with its default options, so that it names no class path and the
     * runtime can be moved. Dumped with the default collector, so that its archived heap objects are
     * there for a user who runs G1.
     */
    private static void runtimeArchive(Path jar, Path runtime) throws IOException, InterruptedException {
        Path java = runtime.resolve("bin").resolve("java");
        Path archive = runtime.resolve("lib").resolve("server").resolve("classes.jsa");
        Path work = Files.createTempDirectory("rancher-sg-cds");
        HttpServer ec2 = stub();
        try {
            Files.deleteIfExists(archive);
            Path loaded = work.resolve("loaded.classlist");
            run(work, java, List.of("-XX:DumpLoadedClassList=" + loaded), jar,
                    check(work, "http://127.0.0.1:" + ec2.getAddress().getPort()));
            Path jdkList = work.resolve("jdk.classlist");
            Files.write(jdkList, jdkClasses(Files.readAllLines(loaded), jar));
            exec(work, List.of(java.toString(), "-Xshare:dump", "-XX:SharedClassListFile=" + jdkList,
                    "-Xlog:disable", "-Xlog:cds=error"));
            made(archive);
        } finally {
            ec2.stop(0);
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The lines of a class list that name the JDK's classes and lambda forms, none of the jar's. */
    static List<String> jdkClasses(List<String> classList, Path jar) throws IOException {
        List<String> jdk = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String line : classList) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                boolean proxy = line.startsWith("@lambda-proxy ");
                String name = (proxy ? line.substring("@lambda-proxy ".length()) : line).split(" ", 2)[0];
                if (line.startsWith("@lambda-form-invoker")
                        || (!line.startsWith("@") || proxy) && file.getEntry(name + ".class") == null) {
                    jdk.add(line);
                }
            }
        }
        return jdk;
    }

    /**
     * One training run: the JVM with the launcher's options and {@code options}, running the jar's
     * command line {@code args} ({@link #check} or {@link #scan}).
     */
    private static void run(Path work, Path java, List<String> options, Path jar, List<String> args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(JVM);
        command.addAll(options);
        command.addAll(List.of("-Xlog:disable", "-Xlog:cds=error", "-jar", jar.toString()));
        command.addAll(args);
        exec(work, command);
    }

    /**
     * The check the archives are trained on: the default VPC's {@code rancher-nodes} group, which has
     * drift, with both report files, so that reading, diffing, findings and every report are loaded.
     */
    static List<String> check(Path work, String endpoint) {
        return List.of("check", "--region=us-east-1", "--endpoint-url=" + endpoint, "--max-attempts=1",
                "--report-file=" + work.resolve("report.json"),
                "--prometheus-textfile=" + work.resolve("rancher-sg.prom"));
    }

    /**
     * The scan the scan's archive is trained on: an accounts file whose accounts are each reached
     * through STS AssumeRole and read in two regions, so that the accounts file, the STS client, the
     * scan's pool and its reports (JSON, which a scheduled scan is read by, and Prometheus) are loaded,
     * besides the EC2 client and the checks.
     */
    static List<String> scan(Path work, String endpoint) throws IOException {
        Path accounts = Files.writeString(work.resolve("accounts.yml"), ACCOUNTS);
        return List.of("scan", "--region=us-east-1", "--endpoint-url=" + endpoint, "--max-attempts=1",
                "--accounts=" + accounts, "--parallelism=4", "--output=json",
                "--report-file=" + work.resolve("scan.json"), "--prometheus-textfile=" + work.resolve("scan.prom"));
    }

    /** Two accounts of two regions each, each reached through a role, as a fleet scan's file has them. */
    private static final String ACCOUNTS = """
            accounts:
              - account_id: "500000000001"
                name: training-1
                role: arn:aws:iam::500000000001:role/rancher-sg-audit
                regions: [us-east-2, eu-north-1]
              - account_id: "500000000002"
                name: training-2
                role: arn:aws:iam::500000000002:role/rancher-sg-audit
                regions: [us-east-2, eu-north-1]
            """;

    private static void exec(Path work, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve("output.txt").toFile()));
        Map<String, String> env = builder.environment();
        String path = env.get("PATH");
        env.clear();
        if (path != null) {
            env.put("PATH", path);
        }
        // Keys the stub ignores, and no AWS config or metadata service of the machine that builds.
        env.put("AWS_ACCESS_KEY_ID", "training");
        env.put("AWS_SECRET_ACCESS_KEY", "training");
        env.put("AWS_CONFIG_FILE", work.resolve("no-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", work.resolve("no-credentials").toString());
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        // 0 in sync, 2 drift: both are a check that ran to its end; the output shows which.
        int exit = process.exitValue();
        if (exit != 0 && exit != 2) {
            throw new IllegalStateException("the training check or scan did not run to its end (exit " + exit
                    + "); if one now makes another EC2 or STS call, answer it in the stub of " + ClassDataSharingArchive.class
                    .getSimpleName() + ".java.\n" + String.join(" ", command) + "\n"
                    + Files.readString(work.resolve("output.txt")));
        }
    }

    private static void made(Path archive) {
        if (!Files.isRegularFile(archive)) {
            throw new IllegalStateException("the JVM wrote no archive " + archive);
        }
    }

    /**
     * The lines of a class list that go into the static base: the JDK's classes and lambda forms, and
     * the jar's classes whose class file is older than Java 6.
     */
    static List<String> baseClasses(List<String> classList, Path jar) throws IOException {
        List<String> base = new ArrayList<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            for (String line : classList) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (line.startsWith("@lambda-form-invoker")) {
                    base.add(line);
                    continue;
                }
                boolean proxy = line.startsWith("@lambda-proxy ");
                String name = (proxy ? line.substring("@lambda-proxy ".length()) : line).split(" ", 2)[0];
                ZipEntry entry = file.getEntry(name + ".class");
                if (entry == null ? !line.startsWith("@") || proxy : majorVersion(file, entry) < 50) {
                    base.add(line);
                }
            }
        }
        return base;
    }

    private static int majorVersion(JarFile file, ZipEntry entry) throws IOException {
        try (DataInputStream in = new DataInputStream(file.getInputStream(entry))) {
            in.readInt(); // magic
            in.readUnsignedShort(); // minor
            return in.readUnsignedShort();
        }
    }

    /** EC2 on a free local port, answering the two reads of a check with fixed XML. */
    private static HttpServer stub() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ClassDataSharingArchive::answer);
        server.start();
        return server;
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            Map<String, String> form = new HashMap<>();
            for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    form.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            String action = form.getOrDefault("Action", "");
            String body = switch (action) {
                case "DescribeVpcs" -> DESCRIBE_VPCS;
                case "DescribeSecurityGroups" -> DESCRIBE_SECURITY_GROUPS;
                case "AssumeRole" -> assumeRole(form.getOrDefault("RoleArn", ""));
                case "GetCallerIdentity" -> GET_CALLER_IDENTITY;
                default -> null;
            };
            int status = 200;
            if (body == null) {
                status = 400;
                body = "<Response><Errors><Error><Code>InvalidAction</Code><Message>not stubbed: " + action
                        + "</Message></Error></Errors><RequestID>training</RequestID></Response>";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    /** STS's answer to AssumeRole: credentials for an hour, in the role's account. */
    static String assumeRole(String roleArn) {
        String account = roleArn.matches("arn:aws:iam::\\d{12}:role/.+") ? roleArn.split(":")[4] : "123456789012";
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <AssumedRoleUser><AssumedRoleId>AROATRAINING:rancher-sg</AssumedRoleId>
                      <Arn>arn:aws:sts::%1$s:assumed-role/rancher-sg-audit/rancher-sg</Arn></AssumedRoleUser>
                    <Credentials><AccessKeyId>ASIATRAINING</AccessKeyId><SecretAccessKey>training</SecretAccessKey>
                      <SessionToken>training</SessionToken><Expiration>%2$s</Expiration></Credentials>
                  </AssumeRoleResult>
                  <ResponseMetadata><RequestId>training-assume-role</RequestId></ResponseMetadata>
                </AssumeRoleResponse>
                """.formatted(account, Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.SECONDS));
    }

    private static final String GET_CALLER_IDENTITY = """
            <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
              <GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/training</Arn>
                <UserId>AIDATRAINING</UserId><Account>123456789012</Account></GetCallerIdentityResult>
              <ResponseMetadata><RequestId>training-caller</RequestId></ResponseMetadata>
            </GetCallerIdentityResponse>
            """;

    private static final String DESCRIBE_VPCS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeVpcsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>training-vpcs</requestId>
              <vpcSet><item><vpcId>%s</vpcId><state>available</state><cidrBlock>172.31.0.0/16</cidrBlock>
                <cidrBlockAssociationSet><item><associationId>vpc-cidr-assoc-0a1b2c3d</associationId>
                  <cidrBlock>172.31.0.0/16</cidrBlock><cidrBlockState><state>associated</state></cidrBlockState>
                </item></cidrBlockAssociationSet>
                <ipv6CidrBlockAssociationSet/><dhcpOptionsId>dopt-0a1b2c3d</dhcpOptionsId>
                <instanceTenancy>default</instanceTenancy><isDefault>true</isDefault><ownerId>123456789012</ownerId>
              </item></vpcSet>
            </DescribeVpcsResponse>
            """.formatted(VPC);

    /**
     * The managed rancher-nodes group with drift of every kind: most of the profile's inbound rules
     * missing, one with another description, one extra (IPv6), one from another group and one
     * from a prefix list.
     */
    private static final String DESCRIBE_SECURITY_GROUPS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <DescribeSecurityGroupsResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
              <requestId>training-groups</requestId>
              <securityGroupInfo><item>
                <ownerId>123456789012</ownerId><groupId>%2$s</groupId><groupName>rancher-nodes</groupName>
                <groupDescription>Rancher nodes created by the AWS EC2 node driver</groupDescription>
                <vpcId>%1$s</vpcId>
                <securityGroupArn>arn:aws:ec2:us-east-1:123456789012:security-group/%2$s</securityGroupArn>
                <ipPermissions>
                  <item><ipProtocol>tcp</ipProtocol><fromPort>22</fromPort><toPort>22</toPort><groups/>
                    <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>Node driver SSH provisioning</description></item></ipRanges>
                    <ipv6Ranges/><prefixListIds/></item>
                  <item><ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort><groups/>
                    <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp><description>HTTPS</description></item></ipRanges>
                    <ipv6Ranges><item><cidrIpv6>::/0</cidrIpv6><description>HTTPS over IPv6</description></item></ipv6Ranges>
                    <prefixListIds/></item>
                  <item><ipProtocol>tcp</ipProtocol><fromPort>2379</fromPort><toPort>2380</toPort>
                    <groups><item><userId>123456789012</userId><groupId>%2$s</groupId>
                      <description>etcd client requests and peer communication</description></item></groups>
                    <ipRanges/><ipv6Ranges/><prefixListIds/></item>
                  <item><ipProtocol>udp</ipProtocol><fromPort>8472</fromPort><toPort>8472</toPort><groups/><ipRanges/>
                    <ipv6Ranges/><prefixListIds><item><prefixListId>pl-0a1b2c3d</prefixListId>
                      <description>Canal/Flannel VXLAN overlay networking</description></item></prefixListIds></item>
                </ipPermissions>
                <ipPermissionsEgress>
                  <item><ipProtocol>-1</ipProtocol><groups/>
                    <ipRanges><item><cidrIp>0.0.0.0/0</cidrIp></item></ipRanges><ipv6Ranges/><prefixListIds/></item>
                </ipPermissionsEgress>
                <tagSet>
                  <item><key>managed-by</key><value>rancher-sg</value></item>
                  <item><key>rancher-sg:profile</key><value>rancher-nodes</value></item>
                  <item><key>rancher-sg:options</key><value/></item>
                  <item><key>rancher-sg:version</key><value>training</value></item>
                </tagSet>
              </item></securityGroupInfo>
            </DescribeSecurityGroupsResponse>
            """.formatted(VPC, GROUP);
}
