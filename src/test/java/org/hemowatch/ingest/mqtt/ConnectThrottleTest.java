package org.hemowatch.ingest.mqtt;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed-CONNECT throttling per source address and per key id, with time as a parameter. */
class ConnectThrottleTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private final ConnectThrottle throttle = new ConnectThrottle(3, Duration.ofSeconds(1), Duration.ofSeconds(8), Duration.ofMinutes(10), 100);

    private void fail(String address, String key, int times, Instant at) {
        for (int i = 0; i < times; i++) {
            throttle.failed(address, key, at);
        }
    }

    @Test
    void locksAnAddressOutAfterItsFreeFailuresForALockoutThatDoublesUpToTheMaximum() {
        fail("10.0.0.1", null, 3, T0);
        assertThat(throttle.allowed("10.0.0.1", null, T0)).as("three free failures").isTrue();

        throttle.failed("10.0.0.1", null, T0);
        assertThat(throttle.allowed("10.0.0.1", null, T0.plusMillis(999))).isFalse();
        assertThat(throttle.allowed("10.0.0.1", null, T0.plusSeconds(1))).isTrue();
        assertThat(throttle.allowed("10.0.0.2", null, T0)).as("other addresses are not affected").isTrue();

        Instant t = T0.plusSeconds(1);
        throttle.failed("10.0.0.1", null, t);
        assertThat(throttle.lockout("10.0.0.1", t)).isEqualTo(Duration.ofSeconds(2));
        fail("10.0.0.1", null, 10, t);
        assertThat(throttle.lockout("10.0.0.1", t)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void locksAKeyOutWhateverAddressItIsTriedFrom() {
        for (int i = 0; i < 4; i++) {
            throttle.failed("10.0.1." + i, "key-1", T0);
        }
        assertThat(throttle.allowed("10.9.9.9", "key-1", T0)).isFalse();
        assertThat(throttle.allowed("10.9.9.9", "key-2", T0)).isTrue();
        assertThat(throttle.allowed("10.9.9.9", null, T0)).isTrue();
    }

    @Test
    void aSuccessOrALongQuietClearsTheCount() {
        fail("10.0.0.1", "key-1", 3, T0);
        throttle.succeeded("10.0.0.1", "key-1");
        throttle.failed("10.0.0.1", "key-1", T0);
        assertThat(throttle.allowed("10.0.0.1", "key-1", T0)).as("counting starts again after a success").isTrue();

        fail("10.0.0.3", null, 4, T0);
        assertThat(throttle.allowed("10.0.0.3", null, T0.plusMillis(10))).isFalse();
        throttle.failed("10.0.0.3", null, T0.plus(Duration.ofMinutes(11)));
        assertThat(throttle.allowed("10.0.0.3", null, T0.plus(Duration.ofMinutes(11)))).as("forgotten after 10 min of quiet").isTrue();
    }

    @Test
    void remembersABoundedNumberOfAddresses() {
        for (int i = 0; i < 500; i++) {
            fail("10.1." + (i / 256) + "." + (i % 256), null, 4, T0);
        }
        assertThat(throttle.allowed("10.1.0.0", null, T0)).as("the oldest was evicted").isTrue();
        assertThat(throttle.allowed("10.1.1.243", null, T0)).isFalse();
    }
}
