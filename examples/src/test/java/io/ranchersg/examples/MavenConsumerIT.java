package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.Ec2Emulator;
import io.ranchersg.testsupport.EndToEnd;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * A separate Maven project that depends on rancher-sg only through the README's
 * {@code <dependency>} snippet compiles against the just-built artifacts and runs
 * {@code SecurityGroups.ensureRancherNodes()} against the emulator.
 *
 * <p>The artifacts go into a repository of their own, as {@code ./mvnw install} would put them;
 * every other dependency comes from the build's own local repository (read-only, as Maven's
 * {@code maven.repo.local.tail}), so the test downloads nothing the build did not.
 */
@EndToEnd
class MavenConsumerIT {

    private static final Pattern SNIPPET = Pattern.compile(
            "<!-- BEGIN maven-dependency -->\\s*```xml\\s*(<dependency>.*?</dependency>)\\s*```", Pattern.DOTALL);
    private static final Pattern VERSION = Pattern.compile("<version>([^<]+)</version>");

    @TempDir
    Path work;

    @Test
    void aProjectDependingOnTheReadmeSnippetEnsuresTheGroup(Ec2Emulator emulator) throws Exception {
        Path root = projectRoot();
        String snippet = readmeSnippet(root);
        String version = projectVersion(root);
        assertThat(snippet).as("the README names the version being built").contains("<version>" + version + "<");

        Path repo = work.resolve("repository");
        stage(repo, "rancher-sg-parent", version, root.resolve("pom.xml"), null);
        stage(repo, "rancher-sg-core", version, root.resolve("core/pom.xml"), jar(root, "core", version));
        stage(repo, "rancher-sg-aws-provisioner", version, root.resolve("aws-provisioner/pom.xml"),
                jar(root, "aws-provisioner", version));

        Path project = work.resolve("consumer");
        copyTree(root.resolve("examples/maven-consumer"), project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("<!-- README dependency -->", snippet));

        Path classpath = project.resolve("classpath.txt");
        List<String> maven = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-ntp", "-q",
                "-f", pom.toString(),
                "-Dmaven.repo.local=" + repo, "-Dmaven.repo.local.tail=" + buildRepository(),
                "compile", "dependency:build-classpath", "-Dmdep.outputFile=" + classpath));
        Result build = run(maven, project, Map.of());
        assertThat(build.exitCode()).as("consumer build: %s", build.output()).isZero();
        String cp = Files.readString(classpath).strip();
        assertThat(cp).as("rancher-sg reaches the consumer only as the installed artifacts")
                .contains(repo.resolve("io/ranchersg").toString())
                .doesNotContain(root.resolve("aws-provisioner/target").toString());

        Map<String, String> aws = new HashMap<>();
        aws.put("AWS_ENDPOINT_URL", emulator.endpoint().toString());
        aws.put("AWS_REGION", emulator.region());
        aws.put("AWS_ACCESS_KEY_ID", emulator.accessKeyId());
        aws.put("AWS_SECRET_ACCESS_KEY", emulator.secretAccessKey());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Result ensure = run(List.of(java, "-cp", project.resolve("target/classes") + ":" + cp,
                "example.EnsureFromMaven"), project, aws);

        assertThat(ensure.exitCode()).as("consumer run: %s", ensure.output()).isZero();
        assertThat(ensure.output()).contains("in sync: true");
        try (Ec2Client ec2 = emulator.ec2Client()) {
            List<SecurityGroup> groups = ec2.describeSecurityGroups(r -> r.filters(
                    Filter.builder().name("group-name").values("rancher-nodes").build())).securityGroups();
            assertThat(groups).as("the rancher-nodes group").hasSize(1);
            assertThat(groups.get(0).tags()).extracting(Tag::key).contains("managed-by");
            assertThat(ensure.output()).contains(groups.get(0).groupId());
        }
    }

    private static String readmeSnippet(Path root) throws IOException {
        Matcher m = SNIPPET.matcher(Files.readString(root.resolve("README.md")));
        assertThat(m.find()).as("README has a <dependency> snippet after <!-- BEGIN maven-dependency -->").isTrue();
        return m.group(1);
    }

    private static String projectVersion(Path root) throws IOException {
        String pom = Files.readString(root.resolve("pom.xml"));
        String afterParentId = pom.substring(pom.indexOf("<artifactId>rancher-sg-parent</artifactId>"));
        Matcher m = VERSION.matcher(afterParentId);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    private static Path jar(Path root, String module, String version) {
        Path jar = root.resolve(module + "/target/rancher-sg-" + module + "-" + version + ".jar");
        assertThat(jar).as("built by this build before the examples' end-to-end tests").isRegularFile();
        return jar;
    }

    /** Lays out one artifact as a local repository holds it. */
    private static void stage(Path repo, String artifactId, String version, Path pom, Path jar) throws IOException {
        Path dir = repo.resolve("io/ranchersg").resolve(artifactId).resolve(version);
        Files.createDirectories(dir);
        Files.copy(pom, dir.resolve(artifactId + "-" + version + ".pom"), StandardCopyOption.REPLACE_EXISTING);
        if (jar != null) {
            Files.copy(jar, dir.resolve(artifactId + "-" + version + ".jar"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** The local repository this build resolves from, which holds every third-party dependency. */
    private static String buildRepository() {
        String configured = System.getProperty("rancher-sg.build.repository", "");
        return configured.isBlank() ? Path.of(System.getProperty("user.home"), ".m2", "repository").toString()
                : configured;
    }

    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("examples/maven-consumer"))) {
                return dir;
            }
        }
        throw new IllegalStateException("project root not found above " + Path.of("").toAbsolutePath());
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command, Path dir, Map<String, String> extraEnv) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        builder.environment().putAll(extraEnv);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
