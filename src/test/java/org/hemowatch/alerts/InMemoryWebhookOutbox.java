package org.hemowatch.alerts;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link WebhookOutbox} in memory that remembers every entry it was given. */
final class InMemoryWebhookOutbox implements WebhookOutbox {

    final Map<String, Pending> entries = new ConcurrentHashMap<>();
    final List<Pending> history = new CopyOnWriteArrayList<>();

    @Override
    public List<Pending> loadAll() {
        return List.copyOf(entries.values());
    }

    @Override
    public CompletableFuture<Void> put(Pending p) {
        entries.put(p.deliveryId(), p);
        history.add(p);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> delete(String deliveryId) {
        entries.remove(deliveryId);
        return CompletableFuture.completedFuture(null);
    }
}
