package org.hemowatch.alerts;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Webhook deliveries not yet delivered or given up, kept so that their retries survive a restart.
 * {@link WebhookChannel} puts an entry when it takes a change (right after the alert change was
 * stored), updates it before each retry and deletes it on success or final failure; at start the
 * entries are resumed with the same delivery id.
 */
public interface WebhookOutbox {

    /**
     * One pending delivery.
     *
     * @param body          the exact JSON body (with its {@code deliveryId}); signed again per attempt
     * @param attempts      attempts made so far
     * @param nextAttempt   when the next attempt is due
     * @param elapsedMillis time spent on this delivery while the service ran (counts towards giving up)
     */
    record Pending(String deliveryId, String webhook, String body, int attempts, Instant nextAttempt, long elapsedMillis) {
    }

    /** Every pending delivery (blocking: call off the event loop). */
    List<Pending> loadAll() throws Exception;

    /** Inserts or replaces the entry; completes once durable. */
    CompletableFuture<Void> put(Pending pending);

    /** Deletes the entry; completes once durable. */
    CompletableFuture<Void> delete(String deliveryId);

    /** Keeps nothing (tests and set-ups without a store): retries end with the process. */
    WebhookOutbox NONE = new WebhookOutbox() {
        @Override
        public List<Pending> loadAll() {
            return List.of();
        }

        @Override
        public CompletableFuture<Void> put(Pending pending) {
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> delete(String deliveryId) {
            return CompletableFuture.completedFuture(null);
        }
    };
}
