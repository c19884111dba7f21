package org.hemowatch.ingest.serial;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decides when to log a repeated error: once per burst instead of once per line. A burst is a run of
 * errors with the same key (e.g. {@code /dev/ttyUSB0:bad-checksum}) with gaps shorter than
 * {@code quiet}. Counting is the caller's job (every error is counted); this only limits logging.
 * Pure: time is passed in. Not thread-safe.
 */
public final class ErrorBurstGate {
    private final Duration quiet;
    private final Map<String, Burst> bursts = new HashMap<>();

    private static final class Burst {
        Instant last;
        long suppressed;
    }

    public ErrorBurstGate(Duration quiet) {
        if (quiet == null || quiet.isNegative() || quiet.isZero()) {
            throw new IllegalArgumentException("quiet must be positive, was " + quiet);
        }
        this.quiet = quiet;
    }

    /**
     * Records an error. Returns the number of errors suppressed in the previous burst of this key when
     * this one starts a new burst and should be logged; empty when it belongs to the current burst.
     */
    public OptionalLong admit(String key, Instant now) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(now, "now");
        Burst b = bursts.get(key);
        if (b == null) {
            b = new Burst();
            b.last = now;
            bursts.put(key, b);
            return OptionalLong.of(0);
        }
        boolean newBurst = !now.isBefore(b.last.plus(quiet));
        b.last = now;
        if (newBurst) {
            long previous = b.suppressed;
            b.suppressed = 0;
            return OptionalLong.of(previous);
        }
        b.suppressed++;
        return OptionalLong.empty();
    }
}
