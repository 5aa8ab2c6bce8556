package io.ranchersg.testsupport;

import java.util.List;
import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/** The Testcontainers path: only taken when a Docker engine answers. */
final class Containers {
    private Containers() {}

    static Optional<Ec2Emulator> start(List<String> tried) {
        boolean docker;
        try {
            docker = DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            docker = false;
        }
        if (!docker) {
            tried.add("no Docker engine answers");
            return Optional.empty();
        }
        LocalStackContainer container =
                new LocalStackContainer(DockerImageName.parse(Ec2Emulators.image())).withServices("ec2", "sts", "sqs", "events");
        try {
            container.start();
        } catch (RuntimeException e) {
            tried.add("Testcontainers could not start " + Ec2Emulators.image() + ": " + e.getMessage());
            return Optional.empty();
        }
        // Testcontainers' Ryuk removes the container when this JVM ends, however it ends.
        return Optional.of(
                new Ec2Emulator(
                        container.getEndpoint(),
                        container.getRegion(),
                        container.getAccessKey(),
                        container.getSecretKey(),
                        "testcontainers",
                        Ec2Emulators.versionOf(container.getEndpoint()).orElse(Ec2Emulators.localStackVersion())));
    }
}
