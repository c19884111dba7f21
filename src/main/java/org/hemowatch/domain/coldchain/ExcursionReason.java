package org.hemowatch.domain.coldchain;

import java.time.Duration;

/** The reason text an excursion starts with, e.g. {@code above safe max for 30 min} or {@code beyond hard limit (below -5.0 °C)}. */
final class ExcursionReason {

    private ExcursionReason() {
    }

    /** Outside the safe range for the excursion delay (or at once, with no delay). */
    static String delay(DeviceProfile profile, double t) {
        String side = high(profile, t) ? "above safe max" : "below safe min";
        Duration d = profile.excursionDelay();
        return d.isZero() ? side : side + " for " + Durations.human(d);
    }

    /** Beyond a hard limit: an excursion at once. */
    static String hard(DeviceProfile profile, double t) {
        return high(profile, t) ? "beyond hard limit (above " + profile.hardHigh() + " °C)"
                : "beyond hard limit (below " + profile.hardLow() + " °C)";
    }

    /** Which side a value out of range is on; with hysteresis it may sit just inside the limit it crossed. */
    private static boolean high(DeviceProfile profile, double t) {
        if (profile.safeMax() == null) {
            return false;
        }
        return profile.safeMin() == null || t >= (profile.safeMin() + profile.safeMax()) / 2;
    }
}
