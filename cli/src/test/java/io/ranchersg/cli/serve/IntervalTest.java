package io.ranchersg.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IntervalTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "5m, PT5M", "1h, PT1H", "90s, PT1M30S", "168h, PT168H"})
    void readsSecondsMinutesAndHours(String text, String expected) {
        assertThat(Interval.parse(text).period()).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "m", "5 m", "5d", "-5m", "1.5h", "0s", "169h", "5M", "fivem"})
    void refusesWhatIsNotAWholeNumberAndAUnitWithinRange(String text) {
        assertThatIllegalArgumentException().isThrownBy(() -> Interval.parse(text))
                .withMessageContaining("'" + text + "'");
    }

    @Test
    void waitsStayWithinTenPercentOfThePeriodAndVary() {
        Interval interval = Interval.parse("100s");
        Random random = new Random(19);
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 0; i < 1000; i++) {
            long wait = interval.nextWait(random).toMillis();
            min = Math.min(min, wait);
            max = Math.max(max, wait);
        }
        assertThat(min).as("shortest wait").isGreaterThanOrEqualTo(90_000).isLessThan(92_000);
        assertThat(max).as("longest wait").isLessThanOrEqualTo(110_000).isGreaterThan(108_000);
    }

    @Test
    void aPassIsStuckAfterThreePeriods() {
        assertThat(Interval.parse("5m").stuckAfter()).isEqualTo(Duration.ofMinutes(15));
    }
}
