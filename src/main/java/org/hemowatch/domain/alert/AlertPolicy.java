package org.hemowatch.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Reminder and escalation timing of one alert kind.
 *
 * @param reminderInterval time between reminders while an alert is OPEN; null: no reminders
 * @param escalateAfter    time an alert may stay OPEN before its severity goes up one step
 *                         (and again after each further period); null: never escalates
 * @param ceiling          escalation stops at this severity (a raise may still open above it)
 */
public record AlertPolicy(Duration reminderInterval, Duration escalateAfter, Severity ceiling) {

    public AlertPolicy {
        Objects.requireNonNull(ceiling, "ceiling");
        if (reminderInterval != null && (reminderInterval.isNegative() || reminderInterval.isZero())) {
            throw new IllegalArgumentException("reminderInterval must be positive but was " + reminderInterval);
        }
        if (escalateAfter != null && (escalateAfter.isNegative() || escalateAfter.isZero())) {
            throw new IllegalArgumentException("escalateAfter must be positive but was " + escalateAfter);
        }
    }

    /** Whether an alert at {@code current} severity will escalate further. */
    public boolean escalates(Severity current) {
        return escalateAfter != null && ceiling.higherThan(current);
    }

    /** When the first reminder of an alert opened (or re-opened) at {@code now} is due; null without reminders. */
    public Instant firstReminder(Instant now) {
        return reminderInterval == null ? null : now.plus(reminderInterval);
    }

    /** When an alert at {@code severity} from {@code now} escalates next; null when it will not. */
    public Instant escalation(Severity severity, Instant now) {
        return escalates(severity) ? now.plus(escalateAfter) : null;
    }

    /**
     * The reminder after the one {@code due} and sent at {@code now}: one interval later, keeping the
     * cadence, or one interval from now when several were missed (the service was down); null without reminders.
     */
    public Instant reminderAfter(Instant due, Instant now) {
        if (reminderInterval == null) {
            return null;
        }
        Instant next = due.plus(reminderInterval);
        return next.isAfter(now) ? next : now.plus(reminderInterval);
    }

    /** Defaults per kind; the table is in {@code docs/supply-and-alerts.md}. */
    public static AlertPolicy defaults(AlertKind kind) {
        return switch (kind) {
            case EXCURSION -> new AlertPolicy(Duration.ofMinutes(15), Duration.ofMinutes(30), Severity.EMERGENCY);
            case WARNING -> new AlertPolicy(Duration.ofMinutes(30), Duration.ofMinutes(60), Severity.CRITICAL);
            case SENSOR_OFFLINE, AGITATOR_STOPPED -> new AlertPolicy(Duration.ofMinutes(15), Duration.ofMinutes(30), Severity.CRITICAL);
            case DOOR_OPEN -> new AlertPolicy(Duration.ofMinutes(5), Duration.ofMinutes(15), Severity.CRITICAL);
            case DEVICE_STATUS, DELIVERY_FAILURE, OUT_OF_STORAGE -> new AlertPolicy(Duration.ofMinutes(15), Duration.ofMinutes(60), Severity.CRITICAL);
            case SHORTAGE -> new AlertPolicy(Duration.ofHours(2), Duration.ofHours(8), Severity.EMERGENCY);
            case NEAR_EXPIRY -> new AlertPolicy(Duration.ofHours(12), null, Severity.WARNING);
            case EXPIRED_IN_STOCK -> new AlertPolicy(Duration.ofHours(4), Duration.ofHours(24), Severity.CRITICAL);
        };
    }
}
