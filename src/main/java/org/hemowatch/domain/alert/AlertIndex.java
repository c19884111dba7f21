package org.hemowatch.domain.alert;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alerts an {@link AlertBook} holds: every alert by id, and the one unresolved alert per
 * {@link AlertKey}. Keeps the invariant that a key has at most one unresolved alert; the book's
 * transitions decide what to put here. Not thread-safe: owned by one book.
 */
final class AlertIndex {

    private final Map<String, Alert> byId = new LinkedHashMap<>();
    private final Map<AlertKey, String> activeByKey = new HashMap<>();

    /**
     * Replaces the content with stored alerts.
     *
     * @throws IllegalArgumentException on a repeated id or two unresolved alerts for the same key (nothing is replaced then)
     */
    void replaceAll(List<Alert> stored) {
        Map<String, Alert> ids = new LinkedHashMap<>();
        Map<AlertKey, String> active = new HashMap<>();
        List<Alert> sorted = new ArrayList<>(stored);
        sorted.sort(Comparator.comparing(Alert::opened).thenComparing(Alert::id));
        for (Alert a : sorted) {
            if (ids.put(a.id(), a) != null) {
                throw new IllegalArgumentException("alert id " + a.id() + " appears twice");
            }
            if (a.active()) {
                String other = active.put(a.key(), a.id());
                if (other != null) {
                    throw new IllegalArgumentException("alerts " + other + " and " + a.id() + " are both unresolved for " + a.key());
                }
            }
        }
        byId.clear();
        byId.putAll(ids);
        activeByKey.clear();
        activeByKey.putAll(active);
    }

    Alert get(String id) {
        return byId.get(id);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** The unresolved alert for a key, if any. */
    Optional<Alert> active(AlertKey key) {
        String id = activeByKey.get(key);
        return id == null ? Optional.empty() : Optional.of(byId.get(id));
    }

    /** Every alert held, in insertion order (unmodifiable view). */
    Collection<Alert> all() {
        return Collections.unmodifiableCollection(byId.values());
    }

    /** Stores a version of an alert; an unresolved one becomes its key's unresolved alert, a resolved one stops being it. */
    void put(Alert a) {
        byId.put(a.id(), a);
        if (a.active()) {
            activeByKey.put(a.key(), a.id());
        } else {
            activeByKey.remove(a.key(), a.id());
        }
    }

    /** Forgets an alert entirely (a newly opened one taken back). */
    void forget(Alert a) {
        byId.remove(a.id());
        activeByKey.remove(a.key(), a.id());
    }

    /**
     * Puts back the previous version of {@code current}, unless that would make two unresolved
     * alerts for one key (a newer alert for the key was opened meanwhile).
     *
     * @return whether it was put back
     */
    boolean restore(Alert current, Alert previous) {
        String holder = activeByKey.get(previous.key());
        if (previous.active() && holder != null && !holder.equals(previous.id())) {
            return false;
        }
        activeByKey.remove(current.key(), current.id());
        put(previous);
        return true;
    }

    /** Takes an alert as stored elsewhere: it replaces the alert of the same id (unless that is newer), or is added. */
    boolean follow(Alert stored) {
        Alert before = byId.get(stored.id());
        if (before != null && before.version() > stored.version()) {
            return false;
        }
        if (before != null && before.active()) {
            activeByKey.remove(before.key(), before.id());
        }
        put(stored);
        return true;
    }

    /** Forgets RESOLVED alerts last changed before {@code cutoff} and returns them, oldest first. */
    List<Alert> pruneResolved(Instant cutoff) {
        List<Alert> gone = byId.values().stream().filter(a -> !a.active() && a.lastChanged().isBefore(cutoff))
                .sorted(Comparator.comparing(Alert::lastChanged)).toList();
        gone.forEach(a -> byId.remove(a.id()));
        return gone;
    }
}
