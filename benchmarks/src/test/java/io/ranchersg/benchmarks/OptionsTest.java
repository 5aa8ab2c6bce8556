package io.ranchersg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {

    @Test
    void quickMakesASmallRunThatExplicitOptionsStillOverride() {
        Options options = Options.parse("--endpoint", "http://127.0.0.1:4566", "--quick", "--runs", "5");

        assertThat(options.groups()).as("groups with --quick").isEqualTo(100);
        assertThat(options.runs()).as("--runs wins over --quick").isEqualTo(5);
        assertThat(options.growthSizes()).as("growth steps of 100 groups").isEqualTo(List.of(10, 25, 50, 100));
    }

    @Test
    void theFullRunGrowsTo1000GroupsInFourSteps() {
        Options options = Options.parse("--endpoint", "http://127.0.0.1:4566");

        assertThat(options.growthSizes()).isEqualTo(List.of(100, 250, 500, 1000));
        assertThat(options.parallelism()).isEqualTo(List.of(1, 2, 4, 8));
    }

    @Test
    void theFleetScanDefaultsToTwentyAccountsAt300MillisecondsForPools1To16() {
        Options.Fleet fleet = Options.parse("--endpoint", "http://127.0.0.1:4566").fleet();

        assertThat(fleet).isEqualTo(new Options.Fleet(20, 3, 2, 300, List.of(1, 4, 16), false));
        assertThat(Options.parse("--endpoint", "http://x:1", "--fleet-only", "--fleet-parallelism", "2,8").fleet())
                .isEqualTo(new Options.Fleet(20, 3, 2, 300, List.of(2, 8), true));
        assertThat(Options.parse("--endpoint", "http://x:1", "--fleet-accounts", "200", "--fleet-regions", "4")
                .fleet()).isEqualTo(new Options.Fleet(200, 4, 2, 300, List.of(1, 4, 16), false));
        assertThatThrownBy(() -> Options.parse("--endpoint", "http://x:1", "--fleet-regions", "5"))
                .hasMessageContaining("--fleet-regions takes 1 to 4, not 5");
        assertThatThrownBy(() -> Options.parse("--endpoint", "http://x:1", "--fleet-parallelism", "32"))
                .hasMessageContaining("1 to 16");
    }

    @Test
    void serveDefaultsToFiftyEventsAndReadsMemoryAfter50And500Passes() {
        assertThat(Options.parse("--endpoint", "http://x:1").serve())
                .isEqualTo(new Options.Serve(50, List.of(50, 500), false));
        assertThat(Options.parse("--endpoint", "http://x:1", "--serve-only", "--serve-passes", "10,20",
                "--serve-events", "5").serve()).isEqualTo(new Options.Serve(5, List.of(10, 20), true));
        assertThatThrownBy(() -> Options.parse("--endpoint", "http://x:1", "--serve-passes", "500,50"))
                .hasMessageContaining("ascending");
    }

    @Test
    void refusesGroupsThatDoNotSplitOverFourRegions() {
        assertThatThrownBy(() -> Options.parse("--endpoint", "http://x:1", "--groups", "10"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--groups must be a multiple of 4");
    }
}
