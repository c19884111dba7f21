package org.hemowatch.auth;

import org.hemowatch.domain.TimePlausibility;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class FailureThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    @Test
    void aSubjectOverTheLimitWaitsUntilItsWindowEndsAndOthersAreNotSlowed() {
        FailureThrottle t = new FailureThrottle(3, Duration.ofMinutes(1));
        for (int i = 0; i < 2; i++) {
            t.failed("addr:10.0.0.1", T0.plusSeconds(i));
        }
        assertThat(t.retryAfter("addr:10.0.0.1", T0.plusSeconds(2))).isZero();
        t.failed("addr:10.0.0.1", T0.plusSeconds(2));
        assertThat(t.retryAfter("addr:10.0.0.1", T0.plusSeconds(10))).isEqualTo(Duration.ofSeconds(50));
        assertThat(t.retryAfter("addr:10.0.0.2", T0.plusSeconds(10))).isZero();
        assertThat(t.retryAfter("addr:10.0.0.1", T0.plusSeconds(60))).isZero();
        t.failed("addr:10.0.0.1", T0.plusSeconds(61));
        assertThat(t.retryAfter("addr:10.0.0.1", T0.plusSeconds(62))).isZero();
    }

    @Test
    void sprayingAddressesCannotGrowTheTableBeyondItsBound() {
        FailureThrottle t = new FailureThrottle(1, Duration.ofMinutes(1));
        for (int i = 0; i < FailureThrottle.MAX_SUBJECTS * 3; i++) {
            t.failed("addr:" + i, T0);
        }
        // the newest subject is still counted
        assertThat(t.retryAfter("addr:" + (FailureThrottle.MAX_SUBJECTS * 3 - 1), T0)).isPositive();
    }

    @Test
    void timestampsAreOnTimeLateOrFromTheFutureAgainstTheServerClock() {
        TimePlausibility p = TimePlausibility.DEFAULT;
        assertThat(p.judge(T0.plus(Duration.ofMinutes(5)), T0)).isEqualTo(TimePlausibility.Verdict.ON_TIME);
        assertThat(p.judge(T0.plus(Duration.ofMinutes(5)).plusSeconds(1), T0)).isEqualTo(TimePlausibility.Verdict.FUTURE);
        assertThat(p.judge(Instant.parse("2099-01-01T00:00:00Z"), T0)).isEqualTo(TimePlausibility.Verdict.FUTURE);
        assertThat(p.judge(T0.minus(Duration.ofHours(24)), T0)).isEqualTo(TimePlausibility.Verdict.ON_TIME);
        assertThat(p.judge(T0.minus(Duration.ofHours(24)).minusSeconds(1), T0)).isEqualTo(TimePlausibility.Verdict.LATE);
    }
}
