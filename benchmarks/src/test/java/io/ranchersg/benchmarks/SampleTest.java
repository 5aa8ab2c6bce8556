package io.ranchersg.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleTest {

    @Test
    void reportsMeasuredValuesByNearestRank() {
        Sample sample = Sample.of(List.of(5.0, 1.0, 4.0, 2.0, 3.0, 10.0, 6.0, 7.0, 8.0, 9.0));

        assertThat(sample.median()).as("median of 1..10: the lower middle value").isEqualTo(5.0);
        assertThat(sample.percentile(90)).as("p90 of 1..10").isEqualTo(9.0);
        assertThat(sample.min()).isEqualTo(1.0);
        assertThat(sample.max()).isEqualTo(10.0);
    }

    @Test
    void formatsCallsByActionWithTheirTotal() {
        assertThat(Format.calls(new LinkedHashMap<>(Map.of("DescribeSecurityGroups", 4))))
                .isEqualTo("4: DescribeSecurityGroups ×4");
    }
}
