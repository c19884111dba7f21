package org.hemowatch.ingest.serial;

import java.time.Duration;

/**
 * Timing of {@link SerialPortSupervisor}.
 *
 * @param pollInterval   pause between reads when no bytes are waiting (also the disconnect detection delay)
 * @param initialBackoff first retry delay after a failed open or a lost port
 * @param maxBackoff     the delay doubles per failed attempt up to this
 */
public record SupervisorSettings(Duration pollInterval, Duration initialBackoff, Duration maxBackoff) {
    public SupervisorSettings {
        if (pollInterval.isNegative() || pollInterval.isZero()
                || initialBackoff.isNegative() || initialBackoff.isZero()
                || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < pollInterval, 0 < initialBackoff <= maxBackoff");
        }
    }

    /** 20 ms poll, backoff 0.5 s doubling to 30 s. */
    public static SupervisorSettings defaults() {
        return new SupervisorSettings(Duration.ofMillis(20), Duration.ofMillis(500), Duration.ofSeconds(30));
    }
}
