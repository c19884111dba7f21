package org.hemowatch.domain.coldchain;

/**
 * Where a temperature lies relative to a profile's limits, ordered from good to bad. Escalation
 * uses the raw band; stepping down uses limits pulled inwards by the hysteresis, so a value that
 * flickers across a limit does not flip the state on every reading.
 */
enum Band {
    NORMAL, ALARM, OUT, HARD;

    /** Guards the boundary comparisons against binary rounding (5.7 vs 6.0 - 0.3). */
    private static final double EPS = 1e-9;

    /** The band of {@code t} with every limit moved inwards by {@code shrink} °C (0 for the raw band). */
    static Band of(DeviceProfile p, double t, double shrink) {
        if (above(t, p.hardHigh(), shrink) || below(t, p.hardLow(), shrink)) {
            return HARD;
        }
        if (above(t, p.safeMax(), shrink) || below(t, p.safeMin(), shrink)) {
            return OUT;
        }
        if (above(t, p.alarmHigh(), shrink) || below(t, p.alarmLow(), shrink)) {
            return ALARM;
        }
        return NORMAL;
    }

    /**
     * The band to act on when the current state stands for {@code current}: worse bands are taken at
     * once, better ones only when {@code t} is inside them by the hysteresis.
     */
    static Band stepped(DeviceProfile p, double t, Band current) {
        Band raw = of(p, t, 0);
        if (raw.compareTo(current) >= 0) {
            return raw;
        }
        Band tight = of(p, t, p.hysteresis());
        return tight.compareTo(current) < 0 ? tight : current;
    }

    boolean atLeast(Band other) {
        return compareTo(other) >= 0;
    }

    private static boolean above(double t, Double limit, double shrink) {
        return limit != null && t - (limit - shrink) > EPS;
    }

    private static boolean below(double t, Double limit, double shrink) {
        return limit != null && (limit + shrink) - t > EPS;
    }
}
