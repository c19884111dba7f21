package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Where alert state is kept: every changed alert is saved; all are loaded at start; old resolved ones are deleted. */
public interface AlertStore {

    /** Every stored alert (blocking: call off the event loop). */
    List<Alert> loadAll() throws Exception;

    /** Saves the current versions of the alerts; completes after they are durably stored. */
    CompletableFuture<Void> save(List<Alert> alerts);

    /** Deletes alerts by id (pruned resolved ones); completes after the deletion is durable. */
    CompletableFuture<Void> delete(List<String> ids);
}
