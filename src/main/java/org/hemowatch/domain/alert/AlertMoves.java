package org.hemowatch.domain.alert;

import org.hemowatch.domain.rule.Rejection;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The arrows of {@link AlertBook}'s diagram that a raise or a person takes, as pure functions from one version of an
 * alert to the next (the timed arrows, reminders and escalations, are {@link AlertSchedule}'s). Nothing is held here:
 * the book looks the alert up, calls one of these and keeps what it returns.
 */
final class AlertMoves {

    private AlertMoves() {
    }

    /** raise ──▶ OPEN: a new alert, with its first reminder and escalation scheduled by {@code policy}. */
    static Alert open(String id, AlertKey key, Severity severity, String text, Map<String, Object> facts, AlertPolicy policy,
                      Instant now) {
        return new Alert(id, key.kind(), severity, key.site(), key.subject(), text, now, now, AlertState.OPEN, 0, 0,
                null, null, null, List.of(new AlertTransition(now, null, AlertState.OPEN, AlertBook.SYSTEM, text)), facts,
                policy.firstReminder(now), policy.escalation(severity, now), 1);
    }

    /**
     * A raise of an unresolved alert: message and details replaced; severity only goes up, and a higher one re-opens an
     * acknowledged alert (ACKNOWLEDGED ──▶ OPEN) with its schedule restarted. Empty when the alert already says the same.
     */
    static Optional<Alert> raiseAgain(Alert current, Severity severity, String text, Map<String, Object> facts,
                                      AlertPolicy policy, Instant now) {
        Severity next = Severity.max(current.severity(), severity);
        if (next == current.severity() && text.equals(current.message()) && facts.equals(current.details())) {
            return Optional.empty();
        }
        Alert.Builder b = current.toBuilder();
        b.message = text;
        b.details = facts;
        b.lastChanged = now;
        if (next != current.severity()) {
            b.severity = next;
            String comment = "severity " + current.severity() + " -> " + next + ": " + text;
            b.transition(now, AlertState.OPEN, AlertBook.SYSTEM, comment);
            b.ackBy = null;
            b.ackComment = null;
            b.nextReminderAt = policy.firstReminder(now);
            b.nextEscalationAt = policy.escalation(next, now);
        }
        return Optional.of(b.build());
    }

    /** OPEN ──acknowledge(comment)──▶ ACKNOWLEDGED: reminders and escalation stop. */
    static Alert acknowledge(Alert a, String actor, String comment, Instant now) {
        Alert.Builder b = a.toBuilder().transition(now, AlertState.ACKNOWLEDGED, actor, comment);
        b.ackBy = actor;
        b.ackComment = comment;
        b.nextReminderAt = null;
        b.nextEscalationAt = null;
        return b.build();
    }

    /** OPEN or ACKNOWLEDGED ──clear / resolve──▶ RESOLVED. */
    static Alert close(Alert a, String actor, String comment, Instant now) {
        Alert.Builder b = a.toBuilder().transition(now, AlertState.RESOLVED, actor, comment);
        b.resolvedBy = actor;
        b.nextReminderAt = null;
        b.nextEscalationAt = null;
        return b.build();
    }

    /** Why a person may not {@code verb} the alert {@code a} (null when unknown), or empty when they may. */
    static Optional<Rejection> refusePersonAction(Alert a, String id, String actor, String comment, String verb) {
        if (a == null) {
            return Optional.of(Rejection.unknown("alert-unknown", "no alert " + id));
        }
        if (actor == null || actor.isBlank()) {
            return Optional.of(Rejection.invalid("actor-required", "to " + verb + " alert " + id + " say who you are"));
        }
        if (comment == null || comment.isBlank()) {
            return Optional.of(Rejection.invalid("comment-required", "to " + verb + " alert " + id + " a comment is required"));
        }
        if (a.state() == AlertState.RESOLVED) {
            return Optional.of(Rejection.conflict("alert-resolved",
                    "alert " + id + " was already resolved by " + a.resolvedBy() + " at " + a.lastChanged()));
        }
        if (verb.equals("acknowledge") && a.state() == AlertState.ACKNOWLEDGED) {
            return Optional.of(Rejection.conflict("alert-already-acknowledged", "alert " + id + " was already acknowledged by " + a.ackBy()));
        }
        return Optional.empty();
    }
}
