package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertKey;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Where alert state is kept: every changed alert is saved; all are loaded at start; old resolved ones are deleted.
 * <p>
 * Contract (several instances share the store): a save writes each alert only over the version it was
 * derived from ({@link Write#basedOn}), and a new alert only when no unresolved alert holds its
 * {@link AlertKey}; what it could not write it leaves as stored and names in its result. The
 * stored versions are read back with {@link #find} and {@link #findActive}.
 */
public interface AlertStore {

    /**
     * One alert to save.
     *
     * @param alert   the version to store
     * @param basedOn the stored version it was derived from; null for a newly opened alert
     */
    record Write(Alert alert, Alert basedOn) {
    }

    /** Every stored alert (blocking: call off the event loop). */
    List<Alert> loadAll() throws Exception;

    /**
     * Saves the alerts in one transaction; completes after they are durably stored, with the ids of
     * those not written because the stored alert had changed since {@code basedOn}, or (a new one)
     * because another unresolved alert of its key was stored first.
     */
    CompletableFuture<Set<String>> save(List<Write> writes);

    /** Deletes alerts by id (pruned resolved ones); completes after the deletion is durable. */
    CompletableFuture<Void> delete(List<String> ids);

    /** The stored alert of an id (blocking: call off the event loop). */
    Optional<Alert> find(String id) throws Exception;

    /** The stored unresolved alert of a key (blocking: call off the event loop). */
    Optional<Alert> findActive(AlertKey key) throws Exception;
}
