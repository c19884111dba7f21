package org.hemowatch.alerts;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.GroupCommitWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Alerts in the {@code documents} table, collection {@value #COLLECTION}, id = alert id, written through the group-commit writer. */
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
    public static java.util.Optional<Alert> find(Database database, String id) {
        return database.read(c -> DocumentRecords.get(c, COLLECTION, id)).map(json -> AlertJson.fromJson(new JsonObject(json)));
    }

    @Override
    public List<Alert> loadAll() throws Exception {
        List<Alert> out = new ArrayList<>();
        for (String json : database.read(c -> DocumentRecords.all(c, COLLECTION)).values()) {
            out.add(AlertJson.fromJson(new JsonObject(json)));
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> save(List<Alert> alerts) {
        List<String> docs = alerts.stream().map(a -> AlertJson.alert(a).encode()).toList();
        return writer.submit(tx -> {
            for (int i = 0; i < alerts.size(); i++) {
                Alert a = alerts.get(i);
                DocumentRecords.put(tx, COLLECTION, a.id(), docs.get(i), a.lastChanged());
                changes.record(tx, ChangeLog.Kind.ALERT, a.id());
            }
            return null;
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
