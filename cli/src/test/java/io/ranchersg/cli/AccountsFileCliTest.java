package io.ranchersg.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scan --accounts} with files that must be refused before any call: exit 64, one line,
 * nothing printed of what must stay unsaid. Runs in process, against an endpoint where nothing
 * listens.
 */
class AccountsFileCliTest {

    @Test
    void anEndlessDeviceIsRefusedAsNotARegularFile() {
        assumeTrue(Files.exists(Path.of("/dev/zero")), "a system with /dev/zero");

        CliRun scan = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CliRun.of("scan", "--accounts", "/dev/zero", "--output", "json"));

        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(scan.errLines()).as(scan.toString()).singleElement().asString()
                .contains("'/dev/zero' is not a regular file");
        assertThat(Json.read(scan.out()).get("error").get("exit_code").asInt()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aFifoIsRefusedWithoutWaitingForAWriter(@TempDir Path dir) throws IOException, InterruptedException {
        Path fifo = dir.resolve("accounts.yml");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        } catch (IOException e) {
            assumeTrue(false, "mkfifo is not available");
            return;
        }
        assumeTrue(mkfifo.waitFor() == 0 && Files.exists(fifo), "mkfifo made a FIFO");

        CliRun scan = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> CliRun.of("scan", "--accounts", fifo.toString()));

        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(scan.errLines()).as(scan.toString()).singleElement().asString().contains("not a regular file");
    }

    @Test
    void aKeyGivenTwiceIsRefusedNamingItsLine(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("accounts.yml"), """
                accounts:
                  - account_id: "111111111111"
                    name: prod
                    role: audit
                    account_id: "222222222222"
                """);

        CliRun scan = CliRun.of("scan", "--accounts", file.toString());

        assertThat(scan.exitCode()).as(scan.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(scan.errLines()).as(scan.toString()).singleElement().asString().contains("--accounts")
                .contains("given twice").contains("line 5");
    }

    @Test
    void aMalformedFileNeverShowsItsExternalIdInTextOrJson(@TempDir Path dir) throws IOException {
        String secret = "s3cr3t-ext-1d";
        Path file = Files.writeString(dir.resolve("accounts.yml"), """
                accounts:
                  - account_id: "111111111111"
                    name: prod
                    role: audit
                    external_id: %s: oops
                """.formatted(secret));

        CliRun text = CliRun.of("scan", "--accounts", file.toString());
        CliRun json = CliRun.of("scan", "--accounts", file.toString(), "--output", "json");
        CliRun verbose = CliRun.of("scan", "--accounts", file.toString(), "-v");

        assertThat(text.exitCode()).as(text.toString()).isEqualTo(ExitCodes.USAGE);
        assertThat(text.errLines()).as(text.toString()).singleElement().asString().contains("not valid YAML")
                .contains("line 5");
        assertThat(text.err() + json.out() + json.err() + verbose.err()).doesNotContain(secret);
        assertThat(Json.read(json.out()).get("error").get("message").asText()).contains("line 5");
    }
}
