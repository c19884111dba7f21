package org.hemowatch.alerts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertBook;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Forgets resolved alerts last changed more than {@code alerts.retentionDays} ago and deletes them
 * from the store, so start-up does not load an ever-growing history. Should the deletion fail, the
 * next start loads them and deletes them again. Called on the alert service's context.
 */
final class AlertRetention {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRetention.class);

    private final AlertBook book;
    private final AlertStore store;
    private final Context context;
    private final int retentionDays;

    AlertRetention(AlertBook book, AlertStore store, Context context, int retentionDays) {
        this.book = book;
        this.store = store;
        this.context = context;
        this.retentionDays = retentionDays;
    }

    /** Prunes at {@code now}; completes with how many were deleted from the store (0 when that failed). */
    Future<Integer> prune(Instant now) {
        List<Alert> gone = book.pruneResolved(now.minus(Duration.ofDays(retentionDays)));
        if (gone.isEmpty()) {
            return Future.succeededFuture(0);
        }
        List<String> ids = gone.stream().map(Alert::id).toList();
        return Future.fromCompletionStage(store.delete(ids), context)
                .onSuccess(v -> LOG.info("alerts: {} resolved alerts older than {} days deleted", ids.size(), retentionDays))
                .onFailure(e -> LOG.warn("alerts: {} old resolved alerts could not be deleted; the next start tries again", ids.size(), e))
                .map(ids.size())
                .recover(e -> Future.succeededFuture(0));
    }
}
