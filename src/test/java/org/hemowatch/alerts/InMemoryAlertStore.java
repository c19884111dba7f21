package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertKey;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An {@link AlertStore} in memory; {@link #hold()} keeps saves pending until {@link #release()}. */
final class InMemoryAlertStore implements AlertStore {

    final Map<String, Alert> saved = new LinkedHashMap<>();
    private final List<CompletableFuture<Set<String>>> held = new ArrayList<>();
    private boolean holding;
    private int failing;

    @Override
    public synchronized List<Alert> loadAll() {
        return List.copyOf(saved.values());
    }

    /** Like the database: each alert over its base version only, a new one only while its key is free. */
    @Override
    public synchronized CompletableFuture<Set<String>> save(List<Write> writes) {
        if (failing > 0) {
            failing--;
            return CompletableFuture.failedFuture(new java.sql.SQLException("injected store failure"));
        }
        Set<String> lost = new HashSet<>();
        for (Write w : writes) {
            Alert a = w.alert();
            Alert stored = saved.get(a.id());
            boolean ok = w.basedOn() == null
                    ? stored == null && saved.values().stream().noneMatch(s -> s.active() && s.key().equals(a.key()))
                    : stored != null && stored.version() == w.basedOn().version();
            if (ok) {
                saved.put(a.id(), a);
            } else {
                lost.add(a.id());
            }
        }
        if (holding) {
            CompletableFuture<Set<String>> f = new CompletableFuture<>();
            held.add(f);
            return f.thenApply(v -> lost);
        }
        return CompletableFuture.completedFuture(lost);
    }

    /** Stores an alert as another instance would. */
    synchronized void storeAsAnotherInstance(Alert a) {
        saved.put(a.id(), a);
    }

    @Override
    public synchronized Optional<Alert> find(String id) {
        return Optional.ofNullable(saved.get(id));
    }

    @Override
    public synchronized Optional<Alert> findActive(AlertKey key) {
        return saved.values().stream().filter(a -> a.active() && a.key().equals(key)).findFirst();
    }

    @Override
    public synchronized CompletableFuture<Void> delete(List<String> ids) {
        ids.forEach(saved::remove);
        return CompletableFuture.completedFuture(null);
    }

    /** The next {@code n} saves fail and store nothing. */
    synchronized void failNext(int n) {
        failing = n;
    }

    synchronized void hold() {
        holding = true;
    }

    void release() {
        List<CompletableFuture<Set<String>>> copy;
        synchronized (this) {
            holding = false;
            copy = List.copyOf(held);
            held.clear();
        }
        copy.forEach(f -> f.complete(Set.of()));
    }
}
