package io.ranchersg.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepairHoldOffTest {

    private final Instant t0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aGroupDriftedAgainWithinTenSecondsOfItsRepairIsAConflictNotASecondRepair() {
        RepairHoldOff holdOff = new RepairHoldOff();
        assertThat(holdOff.decide("sg-1", t0)).isEqualTo(RepairHoldOff.Verdict.REPAIR);
        holdOff.repaired("sg-1", t0);

        assertThat(holdOff.decide("sg-1", t0.plusSeconds(9))).isEqualTo(RepairHoldOff.Verdict.CONFLICT);
        assertThat(holdOff.decide("sg-2", t0.plusSeconds(9))).as("another group").isEqualTo(RepairHoldOff.Verdict.REPAIR);
        assertThat(holdOff.decide("sg-1", t0.plusSeconds(10))).isEqualTo(RepairHoldOff.Verdict.REPAIR);
    }

    @Test
    void onlyARepairThatWroteStartsTheHoldOff() {
        RepairHoldOff holdOff = new RepairHoldOff();
        holdOff.decide("sg-1", t0);

        assertThat(holdOff.decide("sg-1", t0.plusSeconds(1))).isEqualTo(RepairHoldOff.Verdict.REPAIR);
    }
}
