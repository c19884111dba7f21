package org.hemowatch.alerts;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertBook;
import org.hemowatch.domain.alert.AlertChange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Stores the changes an {@link AlertBook} made, and keeps the book equal to the store. On the alert
 * service's context.
 *
 * <p>Contract:
 * <ul>
 *   <li>each alert is written over the stored version its first change was derived from (one
 *       write per alert, its latest version); a new alert only while no unresolved alert holds its key;</li>
 *   <li>what was written is delivered, in order, after the commit; what the store refused because
 *       another instance changed or raised it first is taken back in the book, not delivered, and
 *       replaced by the stored version read back (so an acknowledgement stored by another
 *       instance is never overwritten by this one's reminder or escalation, and one condition has one alert);</li>
 *   <li>when the store fails, every change is taken back, nothing is delivered, and the future fails with
 *       {@link AlertStoreFailed} (a rule raises them again at its next evaluation).</li>
 * </ul>
 * The future holds the changes that were stored.
 */
final class AlertCommits {

    private static final Logger LOG = LoggerFactory.getLogger(AlertCommits.class);

    private final Vertx vertx;
    private final Context context;
    private final AlertStore store;
    private final AlertBook book;
    private final Consumer<AlertChange> deliver;
    private final Runnable bookChanged;

    AlertCommits(Vertx vertx, Context context, AlertStore store, AlertBook book, Consumer<AlertChange> deliver, Runnable bookChanged) {
        this.vertx = vertx;
        this.context = context;
        this.store = store;
        this.book = book;
        this.deliver = deliver;
        this.bookChanged = bookChanged;
    }

    Future<List<AlertChange>> commit(List<AlertChange> changes) {
        if (changes.isEmpty()) {
            return Future.succeededFuture(changes);
        }
        Map<String, AlertStore.Write> writes = new LinkedHashMap<>();
        for (AlertChange c : changes) {
            writes.merge(c.alert().id(), new AlertStore.Write(c.alert(), c.previous()),
                    (first, later) -> new AlertStore.Write(later.alert(), first.basedOn()));
        }
        bookChanged.run();
        return Future.fromCompletionStage(store.save(List.copyOf(writes.values())), context)
                .recover(e -> {
                    int undone = undo(changes);
                    LOG.error("{} alert changes could not be stored; {} taken back, none delivered", changes.size(), undone, e);
                    return Future.failedFuture(new AlertStoreFailed("the alert change could not be stored: " + e.getMessage(), e));
                })
                .map(lost -> settle(changes, writes, lost));
    }

    private List<AlertChange> settle(List<AlertChange> changes, Map<String, AlertStore.Write> writes, Set<String> lost) {
        if (!lost.isEmpty()) {
            undo(changes.stream().filter(c -> lost.contains(c.alert().id())).toList());
            LOG.info("{} alert changes lost a race with another instance; the stored alerts are taken instead", lost.size());
            lost.forEach(id -> readBack(writes.get(id)));
        }
        List<AlertChange> stored = changes.stream().filter(c -> !lost.contains(c.alert().id())).toList();
        stored.forEach(deliver);
        return stored;
    }

    private int undo(List<AlertChange> changes) {
        int undone = 0;
        for (int i = changes.size() - 1; i >= 0; i--) {
            undone += book.undo(changes.get(i)) ? 1 : 0;
        }
        bookChanged.run();
        return undone;
    }

    /** Reads the stored alert that won (the same id, or for a new alert the one holding its key) and takes it. */
    private void readBack(AlertStore.Write w) {
        Alert mine = w.alert();
        vertx.<Optional<Alert>>executeBlocking(() -> w.basedOn() == null ? store.findActive(mine.key()) : store.find(mine.id()))
                .onSuccess(found -> context.runOnContext(v -> {
                    found.ifPresent(book::follow);
                    bookChanged.run();
                }))
                .onFailure(e -> LOG.warn("the stored version of alert {} could not be read back; the change log brings it", mine.id(), e));
    }
}
