package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertKey;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.GroupCommitWriter;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Alerts in the {@code documents} table, collection {@value #COLLECTION}, id = alert id, written through the
 * group-commit writer: compare-and-set on the document version, and an unresolved alert holds its
 * {@link AlertKey} as the document's live key (unique, migration V5_2_1), so two instances raising one
 * condition store one alert.
 */
public final class DocumentAlertStore implements AlertStore {

    public static final String COLLECTION = "alerts";

    private final Database database;
    private final GroupCommitWriter writer;
    private final ChangeLog changes;

    public DocumentAlertStore(Database database, GroupCommitWriter writer, ChangeLog changes) {
        this.database = database;
        this.writer = writer;
        this.changes = changes;
    }

    /** One stored alert, or empty (blocking: call off the event loop); for following other instances' changes. */
    public static Optional<Alert> find(Database database, String id) {
        return database.read(c -> DocumentRecords.versioned(c, COLLECTION, id)).map(DocumentAlertStore::alert);
    }

    @Override
    public Optional<Alert> find(String id) {
        return find(database, id);
    }

    @Override
    public Optional<Alert> findActive(AlertKey key) {
        return database.read(c -> DocumentRecords.byLiveKey(c, COLLECTION, key.toString())).map(DocumentAlertStore::alert);
    }

    /** The stored version (the column) decides, whatever the JSON says. */
    private static Alert alert(DocumentRecords.Versioned d) {
        return AlertJson.stored(d.json(), d.version());
    }

    @Override
    public List<Alert> loadAll() {
        return database.read(c -> DocumentRecords.allVersioned(c, COLLECTION)).stream().map(DocumentAlertStore::alert).toList();
    }

    @Override
    public CompletableFuture<Set<String>> save(List<Write> writes) {
        List<String> docs = writes.stream().map(w -> AlertJson.text(AlertJson.body(w.alert()))).toList();
        return writer.submit(tx -> {
            Set<String> lost = new HashSet<>();
            for (int i = 0; i < writes.size(); i++) {
                Alert a = writes.get(i).alert();
                Alert base = writes.get(i).basedOn();
                String live = a.active() ? a.key().toString() : null;
                boolean written = base == null
                        ? DocumentRecords.insert(tx, COLLECTION, a.id(), docs.get(i), a.lastChanged(), a.version(), live)
                        : DocumentRecords.replace(tx, COLLECTION, a.id(), docs.get(i), a.lastChanged(), base.version(), a.version(), live);
                if (written) {
                    changes.record(tx, ChangeLog.Kind.ALERT, a.id());
                } else {
                    lost.add(a.id());
                }
            }
            return lost;
        });
    }

    @Override
    public CompletableFuture<Void> delete(List<String> ids) {
        List<String> copy = List.copyOf(ids);
        return writer.submit(tx -> {
            for (String id : copy) {
                DocumentRecords.delete(tx, COLLECTION, id);
            }
            return null;
        });
    }
}
