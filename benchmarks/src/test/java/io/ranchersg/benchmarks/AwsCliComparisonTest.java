package io.ranchersg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ranchersg.benchmarks.AwsCliComparison.Load;
import io.ranchersg.benchmarks.AwsCliComparison.Result;
import io.ranchersg.benchmarks.AwsCliComparison.Run;
import java.util.List;
import org.junit.jupiter.api.Test;

class AwsCliComparisonTest {

    private static final Load LOAD = new Load(1.0, 1.5);

    @Test
    void ratiosArePairedRunByRunNotMedianOverMedian() {
        // The second round ran on a busy machine: both tools slowed down together.
        Result result = new Result("vpc-1", "aws-cli/1", List.of(new Run(0.4, 0.5, 90), new Run(0.8, 1.0, 90)),
                List.of(new Run(0.5, 0.5, 80), new Run(1.0, 1.0, 80)), LOAD);

        assertThat(result.ratio(Run::wallSeconds).values()).as("wall ratios").containsExactly(0.8, 0.8);
        assertThat(result.ratio(Run::cpuSeconds).median()).as("CPU ratio").isEqualTo(1.0);
    }

    @Test
    void namesEachFigureThatMissesTheGoal() {
        Result within = new Result("vpc-1", "aws-cli/1", List.of(new Run(0.4, 0.5, 99)),
                List.of(new Run(0.5, 0.5, 70)), LOAD);
        Result beyond = new Result("vpc-1", "aws-cli/1", List.of(new Run(0.5, 0.7, 121)),
                List.of(new Run(0.5, 0.5, 70)), LOAD);

        assertThat(within.missed()).as("within the goal").isEmpty();
        assertThat(beyond.missed()).as("beyond it").containsExactly("wall", "CPU", "peak memory");
    }

    @Test
    void runsMustPairUp() {
        assertThatThrownBy(() -> new Result("vpc-1", "aws-cli/1", List.of(new Run(1, 1, 1)), List.of(), LOAD))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1 and 0");
    }
}
