package org.hemowatch.domain.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * What is due for one OPEN alert at a time, by its kind's {@link AlertPolicy}: an escalation
 * (severity one step up, toward the policy's ceiling) or a reminder. When both are due the
 * escalation is sent instead of the reminder, and the next reminder is one interval after it.
 * Reminders keep their cadence; ones missed while the service was down are not sent one by one.
 * Pure: the caller stores the changed alert.
 */
final class AlertSchedule {

    private AlertSchedule() {
    }

    /** The escalation or reminder of {@code a} due at {@code now}, or empty. */
    static Optional<AlertChange> due(Alert a, AlertPolicy policy, Instant now) {
        if (a.nextEscalationAt() != null && !now.isBefore(a.nextEscalationAt())) {
            Severity next = a.severity().next();
            Alert.Builder b = a.toBuilder();
            b.severity = next;
            b.escalationLevel++;
            b.transition(now, AlertState.OPEN, AlertBook.SYSTEM, "escalated " + a.severity() + " -> " + next + ": not acknowledged");
            b.nextEscalationAt = policy.escalation(next, now);
            b.nextReminderAt = policy.firstReminder(now);
            return Optional.of(new AlertChange(b.build(), ChangeType.ESCALATED, a));
        }
        if (a.nextReminderAt() != null && !now.isBefore(a.nextReminderAt())) {
            Alert.Builder b = a.toBuilder();
            b.remindersSent++;
            b.lastChanged = now;
            b.nextReminderAt = policy.reminderAfter(a.nextReminderAt(), now);
            return Optional.of(new AlertChange(b.build(), ChangeType.REMINDER, a));
        }
        return Optional.empty();
    }
}
