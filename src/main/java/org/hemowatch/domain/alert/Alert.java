package org.hemowatch.domain.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One alert, immutable; {@link AlertBook} derives changed copies.
 *
 * @param subject          what it is about within the site: a device id, a stock line ({@code RBC/O-}), ...
 * @param opened           when it was opened
 * @param lastChanged      time of the latest change of any field (including reminders)
 * @param escalationLevel  how many times it was escalated by {@link AlertBook#tick}
 * @param remindersSent    reminders sent while it was open
 * @param details          facts for people and dashboards (counts, days of supply, ...), read-only
 * @param nextReminderAt   when the next reminder is due; null when acknowledged, resolved or reminders are off
 * @param nextEscalationAt when the next escalation is due; null when none is due
 * @param version          the stored version this is: 1 when opened, one more at every change {@link AlertBook}
 *                         makes; the store writes a change only over the version it was derived from
 */
public record Alert(
        String id,
        AlertKind kind,
        Severity severity,
        String site,
        String subject,
        String message,
        Instant opened,
        Instant lastChanged,
        AlertState state,
        int escalationLevel,
        int remindersSent,
        String ackBy,
        String ackComment,
        String resolvedBy,
        List<AlertTransition> history,
        Map<String, Object> details,
        Instant nextReminderAt,
        Instant nextEscalationAt,
        long version) {

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(opened, "opened");
        Objects.requireNonNull(lastChanged, "lastChanged");
        Objects.requireNonNull(state, "state");
        if (message == null) {
            message = "";
        }
        history = history == null ? List.of() : List.copyOf(history);
        details = details == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }

    public AlertKey key() {
        return new AlertKey(kind, site, subject);
    }

    /** Not yet resolved. */
    public boolean active() {
        return state != AlertState.RESOLVED;
    }

    Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable copy used by {@link AlertBook} to derive the next version. */
    static final class Builder {
        String id;
        AlertKind kind;
        Severity severity;
        String site;
        String subject;
        String message;
        Instant opened;
        Instant lastChanged;
        AlertState state;
        int escalationLevel;
        int remindersSent;
        String ackBy;
        String ackComment;
        String resolvedBy;
        List<AlertTransition> history;
        Map<String, Object> details;
        Instant nextReminderAt;
        Instant nextEscalationAt;
        long version;

        Builder(Alert a) {
            id = a.id;
            kind = a.kind;
            severity = a.severity;
            site = a.site;
            subject = a.subject;
            message = a.message;
            opened = a.opened;
            lastChanged = a.lastChanged;
            state = a.state;
            escalationLevel = a.escalationLevel;
            remindersSent = a.remindersSent;
            ackBy = a.ackBy;
            ackComment = a.ackComment;
            resolvedBy = a.resolvedBy;
            history = new java.util.ArrayList<>(a.history);
            details = a.details;
            nextReminderAt = a.nextReminderAt;
            nextEscalationAt = a.nextEscalationAt;
            version = a.version;
        }

        Builder transition(Instant at, AlertState to, String actor, String comment) {
            history.add(new AlertTransition(at, state, to, actor, comment));
            state = to;
            lastChanged = at;
            return this;
        }

        Alert build() {
            return new Alert(id, kind, severity, site, subject, message, opened, lastChanged, state, escalationLevel,
                    remindersSent, ackBy, ackComment, resolvedBy, history, details, nextReminderAt, nextEscalationAt, version + 1);
        }
    }
}
