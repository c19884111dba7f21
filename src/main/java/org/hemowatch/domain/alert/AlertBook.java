package org.hemowatch.domain.alert;

import org.hemowatch.domain.rule.Rejection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Every alert and its lifecycle, as a pure state machine (time is a parameter, nothing is
 * stored or sent here):
 * <pre>
 * raise ──▶ OPEN ──acknowledge(comment)──▶ ACKNOWLEDGED
 *            │  ▲                               │
 *            │  └── raise with higher severity ─┘
 *            └──── clear / resolve ──▶ RESOLVED ◀── clear / resolve
 * </pre>
 * At most one unresolved alert exists per {@link AlertKey}; raising it again updates it. A raise
 * after resolution opens a new alert. While OPEN, {@link #tick} sends reminders and escalates
 * per {@link AlertPolicy}. Every operation returns the {@link AlertChange}s to store and publish.
 * The book holds the alerts and their ids; each arrow's new version of an alert is built by
 * {@link AlertMoves} (raise, acknowledge, clear and resolve) or {@link AlertSchedule} (reminders, escalations).
 * <p>
 * Not thread-safe: one owner calls it.
 */
public final class AlertBook {

    /** Actor of automatic changes. */
    public static final String SYSTEM = "system";

    private final Map<AlertKind, AlertPolicy> policies;
    private final IdSource ids;
    private final AlertIndex alerts = new AlertIndex();

    /** Default policies. */
    public AlertBook(IdSource ids) {
        this(Map.of(), ids);
    }

    /** @param overrides policies replacing {@link AlertPolicy#defaults(AlertKind)} for some kinds */
    public AlertBook(Map<AlertKind, AlertPolicy> overrides, IdSource ids) {
        Map<AlertKind, AlertPolicy> all = new EnumMap<>(AlertKind.class);
        for (AlertKind k : AlertKind.values()) {
            all.put(k, overrides.getOrDefault(k, AlertPolicy.defaults(k)));
        }
        this.policies = Map.copyOf(all);
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    /**
     * Replaces the book's content with stored alerts (at start-up). Schedules stored in the alerts
     * are kept, so reminders and escalations continue where they were.
     *
     * @throws IllegalArgumentException on a repeated id or two unresolved alerts for the same key
     */
    public void restore(List<Alert> stored) {
        alerts.replaceAll(stored);
    }

    /**
     * Opens an alert for (kind, site, subject), or updates the unresolved one.
     * <p>
     * On an existing alert the message and details are replaced; severity only goes up (an
     * escalated alert is not lowered by a repeated raise). A higher severity re-opens an
     * acknowledged alert, so someone acknowledges the worse condition.
     *
     * @return {@link AlertOutcome.Applied} with OPENED or UPDATED, or {@link AlertOutcome.Unchanged}
     *         when the unresolved alert already says the same
     */
    public AlertOutcome raise(AlertKind kind, String site, String subject, Severity severity, String message,
                              Map<String, Object> details, Instant now) {
        AlertKey key = new AlertKey(kind, site, subject);
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(now, "now");
        Map<String, Object> facts = details == null ? Map.of() : details;
        String text = message == null ? "" : message;
        AlertPolicy policy = policies.get(kind);
        Alert current = active(key).orElse(null);
        if (current == null) {
            Alert opened = AlertMoves.open(newId(), key, severity, text, facts, policy, now);
            alerts.put(opened);
            return applied(opened, ChangeType.OPENED, null);
        }
        Optional<Alert> updated = AlertMoves.raiseAgain(current, severity, text, facts, policy, now);
        if (updated.isEmpty()) {
            return new AlertOutcome.Unchanged(current);
        }
        alerts.put(updated.get());
        return applied(updated.get(), ChangeType.UPDATED, current);
    }

    /** Resolves the unresolved alert for (kind, site, subject) because its condition cleared. */
    public AlertOutcome clear(AlertKind kind, String site, String subject, Instant now) {
        Optional<Alert> current = active(new AlertKey(kind, site, subject));
        if (current.isEmpty()) {
            return new AlertOutcome.Unchanged(null);
        }
        return applied(close(current.get(), SYSTEM, "condition cleared", now), ChangeType.RESOLVED, current.get());
    }

    /** Acknowledges an OPEN alert; a comment is required. Stops reminders and escalation. */
    public AlertOutcome acknowledge(String id, String actor, String comment, Instant now) {
        Alert a = alerts.get(id);
        Optional<Rejection> refused = AlertMoves.refusePersonAction(a, id, actor, comment, "acknowledge");
        if (refused.isPresent()) {
            return new AlertOutcome.Refused(refused.get());
        }
        Alert acked = AlertMoves.acknowledge(a, actor, comment, now);
        alerts.put(acked);
        return applied(acked, ChangeType.ACKNOWLEDGED, a);
    }

    /** A person resolves an OPEN or ACKNOWLEDGED alert; a comment is required. */
    public AlertOutcome resolve(String id, String actor, String comment, Instant now) {
        Alert a = alerts.get(id);
        Optional<Rejection> refused = AlertMoves.refusePersonAction(a, id, actor, comment, "resolve");
        if (refused.isPresent()) {
            return new AlertOutcome.Refused(refused.get());
        }
        return applied(close(a, actor, comment, now), ChangeType.RESOLVED, a);
    }

    /** Applies a rule's intent: {@link #raise} or {@link #clear}. */
    public AlertOutcome apply(AlertIntent intent, Instant now) {
        AlertKey k = intent.key();
        if (intent instanceof AlertIntent.Raise r) {
            return raise(k.kind(), k.site(), k.subject(), r.severity(), r.message(), r.details(), now);
        }
        return clear(k.kind(), k.site(), k.subject(), now);
    }

    /** Applies intents in order and collects their changes. */
    public List<AlertChange> applyAll(Collection<? extends AlertIntent> intents, Instant now) {
        List<AlertChange> changes = new ArrayList<>();
        for (AlertIntent i : intents) {
            changes.addAll(apply(i, now).changes());
        }
        return changes;
    }

    /**
     * Sends due reminders and escalations of OPEN alerts. When both are due, the escalation is
     * sent instead of the reminder, and the next reminder is one interval after it. Reminders keep
     * their cadence; ones missed while the service was down are not sent one by one.
     */
    public List<AlertChange> tick(Instant now) {
        return tick(now, site -> true);
    }

    /** Like {@link #tick(Instant)}, for the alerts of the sites {@code ofSite} accepts only (the sites this instance owns). */
    public List<AlertChange> tick(Instant now, java.util.function.Predicate<String> ofSite) {
        List<AlertChange> changes = new ArrayList<>();
        List<Alert> open = alerts.all().stream().filter(a -> a.state() == AlertState.OPEN && ofSite.test(a.site())).toList();
        for (Alert a : open) {
            AlertSchedule.due(a, policies.get(a.kind()), now).ifPresent(c -> {
                alerts.put(c.alert());
                changes.add(c);
            });
        }
        return changes;
    }

    /** Forgets RESOLVED alerts last changed before {@code cutoff}; returns how many. */
    public int prune(Instant cutoff) {
        return pruneResolved(cutoff).size();
    }

    /**
     * Forgets RESOLVED alerts last changed before {@code cutoff} and returns them (oldest first),
     * so the caller can delete them from its store too.
     */
    public List<Alert> pruneResolved(Instant cutoff) {
        return alerts.pruneResolved(cutoff);
    }

    /**
     * Takes back a change that could not be stored: when the book still holds exactly the changed
     * version, the previous version is put back (a newly opened alert is forgotten). When the alert
     * changed again since, nothing happens: the later version was built on this one and is stored
     * (or taken back) on its own. Undo the changes of one operation in reverse order.
     *
     * @return whether the book was changed
     */
    public boolean undo(AlertChange change) {
        Alert current = alerts.get(change.alert().id());
        if (current == null || !current.equals(change.alert())) {
            return false;
        }
        if (change.previous() == null) {
            alerts.forget(current);
            return true;
        }
        // refused when a newer alert for the key was opened meanwhile: two unresolved alerts must not exist
        return alerts.restore(current, change.previous());
    }

    public Optional<Alert> get(String id) {
        return Optional.ofNullable(alerts.get(id));
    }

    /** The unresolved alert for a key, if any. */
    public Optional<Alert> active(AlertKey key) {
        return alerts.active(key);
    }

    /** Unresolved alerts, oldest first. */
    public List<Alert> active() {
        return alerts.all().stream().filter(Alert::active).sorted(Comparator.comparing(Alert::opened)).toList();
    }

    /** Every alert held, oldest first. */
    public List<Alert> all() {
        return alerts.all().stream().sorted(Comparator.comparing(Alert::opened)).toList();
    }

    public AlertPolicy policy(AlertKind kind) {
        return policies.get(kind);
    }

    private Alert close(Alert a, String actor, String comment, Instant now) {
        Alert resolved = AlertMoves.close(a, actor, comment, now);
        alerts.put(resolved);
        return resolved;
    }

    /**
     * Takes an alert as stored (another instance's change followed from the change log, or the
     * stored version after this book's change lost a race): it replaces the book's alert of the same
     * id, or is added, and the unresolved index follows. A stored version older than the book's is
     * ignored (the book's newer change is on its way to the store, and will win or be taken back);
     * returns whether the book took it.
     */
    public boolean follow(Alert stored) {
        return alerts.follow(stored);
    }

    private String newId() {
        String id = ids.next();
        while (alerts.contains(id)) {
            id = ids.next();
        }
        return id;
    }

    private static AlertOutcome applied(Alert a, ChangeType type, Alert previous) {
        return new AlertOutcome.Applied(List.of(new AlertChange(a, type, previous)));
    }
}
