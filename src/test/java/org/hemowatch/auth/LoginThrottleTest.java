package org.hemowatch.auth;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LoginThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final LoginThrottle throttle = new LoginThrottle(3, 5, Duration.ofMinutes(15), Duration.ofMinutes(5));

    private void fail(String user, String address, int n, Instant at) {
        for (int i = 0; i < n; i++) {
            throttle.failed(user, address, at);
        }
    }

    @Test
    void locksAUsernameAtItsLimitUntilTheLockoutHasPassed() {
        fail("alice", "10.0.0.1", 2, T0);
        assertThat(throttle.check("alice", "10.0.0.1", T0)).isEmpty();
        fail("alice", "10.0.0.1", 1, T0);

        assertThat(throttle.check("alice", "10.0.0.2", T0.plusSeconds(60)))
                .hasValue(new LoginThrottle.Refusal(LoginThrottle.Scope.USER, Duration.ofMinutes(4)));
        assertThat(throttle.check("ALICE", "10.0.0.2", T0.plusSeconds(60))).isPresent();
        assertThat(throttle.check("bob", "10.0.0.2", T0.plusSeconds(60))).isEmpty();
        assertThat(throttle.check("alice", "10.0.0.2", T0.plus(Duration.ofMinutes(5)))).isEmpty();
    }

    @Test
    void locksAnAddressSprayingManyUsernames() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i, "10.0.0.9", T0);
        }
        assertThat(throttle.check("someone-else", "10.0.0.9", T0))
                .hasValueSatisfying(r -> assertThat(r.scope()).isEqualTo(LoginThrottle.Scope.ADDRESS));
        assertThat(throttle.check("someone-else", "10.0.0.10", T0)).isEmpty();
    }

    @Test
    void aSuccessClearsTheUsernameButNotTheAddress() {
        fail("alice", "10.0.0.1", 2, T0);
        throttle.succeeded("alice");
        fail("alice", "10.0.0.1", 2, T0);
        assertThat(throttle.check("alice", "10.0.0.1", T0)).isEmpty();
        fail("mallory", "10.0.0.1", 1, T0);
        assertThat(throttle.check("x", "10.0.0.1", T0)).isPresent();
    }

    @Test
    void failuresOlderThanTheWindowNoLongerCount() {
        fail("alice", "a", 2, T0);
        fail("alice", "a", 1, T0.plus(Duration.ofMinutes(16)));
        assertThat(throttle.check("alice", "a", T0.plus(Duration.ofMinutes(16)))).isEmpty();
    }

    @Test
    void refusesALockoutLongerThanTheWindow() {
        assertThatThrownBy(() -> new LoginThrottle(3, 5, Duration.ofMinutes(5), Duration.ofMinutes(6)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
