package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.Backoff;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The external broker's reconnect policy with time as a parameter (issue 15: ~69 reconnects at 250 ms and 10 MB of log per outage). */
class ReconnectPolicyTest {

    private static final Duration CEILING = Duration.ofSeconds(30);

    private final ReconnectPolicy policy = new ReconnectPolicy(Backoff.unbounded(Duration.ofMillis(250), CEILING), CEILING);

    @Test
    void failedAttemptsGrowTheDelayToTheCeilingAndStayThereWithOneStateChangeReported() {
        long now = 0;
        List<Long> delays = new ArrayList<>();
        int reported = 0;
        for (int i = 0; i < 12; i++) {
            ReconnectPolicy.Retry r = policy.failed(now);
            delays.add(r.delay().toMillis());
            reported += r.wentDown() ? 1 : 0;
            now += r.delay().toMillis();
        }
        assertThat(delays).containsExactly(250L, 500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L, 30000L);
        assertThat(reported).as("one log line for the whole outage").isEqualTo(1);
        assertThat(policy.downFor(now)).isEqualTo(Duration.ofMillis(now));
        assertThat(policy.connected(now)).as("down -> up is reported").isTrue();
        assertThat(policy.connected(now + 1)).as("up -> up is not").isFalse();
        assertThat(policy.downFor(now + 1)).isZero();
    }

    @Test
    void aConnectionDroppedAtOnceDoesNotBringTheDelayBackToItsStart() {
        long now = 0;
        ReconnectPolicy.Retry r = null;
        int reported = 0;
        for (int i = 0; i < 10; i++) { // the broker accepts, then the bridge drops it (the store cannot take the message)
            r = policy.failed(now);
            reported += r.wentDown() ? 1 : 0;
            now += r.delay().toMillis();
            policy.connected(now);
            now += 100;
        }
        assertThat(r.delay()).as("grown to the ceiling, not 250 ms").isEqualTo(CEILING);
        assertThat(r.failedInARow()).isEqualTo(10);
        assertThat(reported).as("each up -> down is a change of state").isEqualTo(10);
    }

    @Test
    void aConnectionThatStayedUpForTheCeilingStartsTheScheduleAgain() {
        long now = 0;
        for (int i = 0; i < 8; i++) {
            now += policy.failed(now).delay().toMillis();
        }
        policy.connected(now);
        ReconnectPolicy.Retry r = policy.failed(now + CEILING.toMillis());
        assertThat(r.delay()).isEqualTo(Duration.ofMillis(250));
        assertThat(r.failedInARow()).isEqualTo(1);
        assertThat(r.wentDown()).isTrue();
    }

    @Test
    void theFirstFailedAttemptAtStartIsReportedOnce() {
        assertThat(policy.failed(0).wentDown()).isTrue();
        assertThat(policy.failed(250).wentDown()).isFalse();
    }
}
