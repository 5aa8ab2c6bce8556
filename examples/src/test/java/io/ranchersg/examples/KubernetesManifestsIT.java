package io.ranchersg.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.ranchersg.testsupport.TestTools;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every manifest of {@code examples/kubernetes} checked against the Kubernetes API's own schemas by
 * kubernetes-validate (pinned in {@code scripts/kubernetes-constraints.txt}), strictly: no field the
 * API does not know. Its schemas are those of Kubernetes itself, so the Prometheus Operator's
 * ServiceMonitor and PrometheusRule are not among them: {@link MonitoringResourcesTest} checks their
 * required fields instead, and this test makes sure they are the only kinds left unchecked.
 */
class KubernetesManifestsIT {

    private static final Path KUBERNETES = Path.of("kubernetes").toAbsolutePath();
    /** The custom resources the validator has no schema for. */
    private static final List<String> CUSTOM_KINDS = List.of("ServiceMonitor", "PrometheusRule");

    @Test
    void everyResourceOfEveryManifestPassesTheKubernetesSchemaStrictly() throws IOException {
        List<Path> manifests;
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            manifests = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(manifests).extracting(f -> f.getFileName().toString())
                .contains("serve.yaml", "cronjob.yaml", "fleet-indexed-job.yaml");

        for (Path manifest : manifests) {
            TestTools.Result result = validate(manifest);

            String name = manifest.getFileName().toString();
            assertThat(result.exitCode()).as(name + "\n" + result).isZero();
            String said = result.out() + result.err();
            long passed = said.lines().filter(l -> l.contains(" passed for resource ")).count();
            List<String> unchecked = said.lines().filter(l -> l.contains("Couldn't find schema for kind")).toList();
            assertThat(unchecked).as(name + ": only the Prometheus Operator's kinds lack a schema")
                    .allMatch(l -> CUSTOM_KINDS.stream().anyMatch(k -> l.contains("kind " + k + " ")));
            assertThat(passed + unchecked.size()).as(name + ": every document checked or named\n" + said)
                    .isEqualTo(documents(manifest));
            assertThat(passed).as(name + ": documents that passed").isPositive();
        }
    }

    @Test
    void theValidatorRejectsAServeDeploymentWithAWrongTypeOrAFieldKubernetesDoesNotKnow(@TempDir Path dir)
            throws IOException {
        String serve = Files.readString(KUBERNETES.resolve("serve.yaml"));
        assertThat(serve).contains("  replicas: 1\n").contains("  strategy:\n");
        Path wrongType = dir.resolve("wrong-type.yaml");
        Files.writeString(wrongType, serve.replace("  replicas: 1\n", "  replicas: one\n"));
        Path unknownField = dir.resolve("unknown-field.yaml");
        Files.writeString(unknownField, serve.replace("  strategy:\n", "  stratgey: {}\n  strategy:\n"));

        for (Path broken : List.of(wrongType, unknownField)) {
            TestTools.Result result = validate(broken);
            assertThat(result.exitCode()).as(broken.getFileName() + "\n" + result).isNotZero();
            assertThat(result.out() + result.err()).as(broken.getFileName().toString()).contains("deployment");
        }
    }

    private static TestTools.Result validate(Path manifest) {
        return TestTools.run(List.of(TestTools.kubernetesValidate().toString(), "--strict", manifest.toString()),
                Map.of(), Duration.ofMinutes(2));
    }

    private static long documents(Path manifest) throws IOException {
        return Files.readAllLines(manifest).stream().filter(l -> l.startsWith("kind: ")).count();
    }
}
