package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;

/**
 * A condition that alarms once it has held for a limit, and reports its end only if it alarmed:
 * a door left open, an agitator that stopped. Mutable; owned by one {@link DeviceMonitor}.
 */
final class HeldCondition {

    private Instant since;
    private boolean alarmed;

    HeldCondition(Instant since, boolean alarmed) {
        this.since = since;
        this.alarmed = alarmed;
    }

    /** The condition is observed at {@code at}; true if this observation made it pass the limit. */
    boolean holds(Instant at, Duration limit) {
        if (since == null) {
            since = at;
        }
        return check(at, limit);
    }

    /** Timer check; true if the condition has now held for the limit (once per occurrence). */
    boolean check(Instant now, Duration limit) {
        if (since != null && !alarmed && limit != null && Durations.elapsed(since, now, limit)) {
            alarmed = true;
            return true;
        }
        return false;
    }

    /** The condition is over. Returns when it began if it had alarmed (an "ended" event is due), else null. */
    Instant ends() {
        Instant began = alarmed ? since : null;
        since = null;
        alarmed = false;
        return began;
    }

    Instant since() {
        return since;
    }

    boolean alarmed() {
        return alarmed;
    }
}
