package org.hemowatch.domain.coldchain;

import java.time.Instant;

/**
 * A temperature outside the safe range that has not yet lasted {@link DeviceProfile#excursionDelay()}
 * (state PENDING): since when, and the lowest and highest value seen. It becomes an excursion that
 * starts at {@code since} with that min/max, or is forgotten when the temperature comes back.
 */
record PendingBreach(Instant since, Double minC, Double maxC) {

    static PendingBreach at(Instant since, double t) {
        return new PendingBreach(since, t, t);
    }

    /** Restored from a snapshot's fields; null when no breach was pending. */
    static PendingBreach restored(Instant since, Double minC, Double maxC) {
        return since == null ? null : new PendingBreach(since, minC, maxC);
    }

    PendingBreach including(double t) {
        return new PendingBreach(since, Math.min(minC, t), Math.max(maxC, t));
    }
}
