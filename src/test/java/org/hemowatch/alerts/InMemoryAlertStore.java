package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** An {@link AlertStore} in memory; {@link #hold()} keeps saves pending until {@link #release()}. */
final class InMemoryAlertStore implements AlertStore {

    final Map<String, Alert> saved = new LinkedHashMap<>();
    private final List<CompletableFuture<Void>> held = new ArrayList<>();
    private boolean holding;
    private int failing;

    @Override
    public synchronized List<Alert> loadAll() {
        return List.copyOf(saved.values());
    }

    @Override
    public synchronized CompletableFuture<Void> save(List<Alert> alerts) {
        if (failing > 0) {
            failing--;
            return CompletableFuture.failedFuture(new java.sql.SQLException("injected store failure"));
        }
        alerts.forEach(a -> saved.put(a.id(), a));
        if (holding) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            held.add(f);
            return f;
        }
        return CompletableFuture.completedFuture(null);
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
        List<CompletableFuture<Void>> copy;
        synchronized (this) {
            holding = false;
            copy = List.copyOf(held);
            held.clear();
        }
        copy.forEach(f -> f.complete(null));
    }
}
