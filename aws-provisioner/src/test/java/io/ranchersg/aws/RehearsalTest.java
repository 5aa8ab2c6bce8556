package io.ranchersg.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The rehearsal plays a scan's first calls on its recorded answers only. Offline (no endpoint, no
 * credentials of any account), so a call that left the process would fail here; and the recorded
 * group must still be one a scan checks as in sync, or the rehearsal would warm the wrong path (a
 * refusal, a drift report) instead of a scan's usual one.
 */
class RehearsalTest {

    @Test
    void theRecordedAnswerIsCheckedAsAScanChecksAManagedGroupInSync() {
        for (boolean assumeRole : List.of(true, false)) {
            List<GroupCheck> checks = Rehearsal.run(assumeRole);

            assertThat(checks).as("assumeRole=" + assumeRole).singleElement().isInstanceOfSatisfying(
                    GroupCheck.Checked.class, checked -> {
                        assertThat(checked.madeBy()).isEqualTo(GroupCheck.Maker.RANCHER_SG);
                        Outcome outcome = checked.outcome();
                        assertThat(outcome.profile()).isEqualTo("rancher-nodes");
                        assertThat(outcome.location().account()).isEqualTo(Rehearsal.ACCOUNT);
                        assertThat(outcome.location().region()).isEqualTo(Rehearsal.REGION);
                        assertThat(outcome.inSync()).as("missing, extra or changed rules: the recording no longer"
                                + " matches the profile").isTrue();
                    });
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void startsOnADaemonThreadThatEnds() throws InterruptedException {
        Thread rehearsal = Rehearsal.start(true);

        assertThat(rehearsal.isDaemon()).as("never keeps the JVM alive").isTrue();
        rehearsal.join();
        assertThat(rehearsal.isAlive()).isFalse();
    }
}
