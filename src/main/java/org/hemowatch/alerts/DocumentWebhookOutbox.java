package org.hemowatch.alerts;

import org.hemowatch.store.Database;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.json.JsonMappers;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The webhook outbox in the {@code documents} table, collection {@value #COLLECTION}, id = delivery id; a document is a {@link Pending} as JSON. */
public final class DocumentWebhookOutbox implements WebhookOutbox {

    public static final String COLLECTION = "webhook-outbox";

    private final Database database;
    private final GroupCommitWriter writer;

    public DocumentWebhookOutbox(Database database, GroupCommitWriter writer) {
        this.database = database;
        this.writer = writer;
    }

    @Override
    public List<Pending> loadAll() throws Exception {
        List<Pending> out = new ArrayList<>();
        for (String json : database.read(c -> DocumentRecords.all(c, COLLECTION)).values()) {
            out.add(JsonMappers.readSnapshot(json, Pending.class));
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> put(Pending p) {
        String json = JsonMappers.writeSnapshot(p); // {deliveryId, webhook, body, attempts, nextAttempt, elapsedMillis}
        return writer.submit(tx -> {
            DocumentRecords.put(tx, COLLECTION, p.deliveryId(), json, p.nextAttempt());
            return null;
        });
    }

    @Override
    public CompletableFuture<Void> delete(String deliveryId) {
        return writer.submit(tx -> {
            DocumentRecords.delete(tx, COLLECTION, deliveryId);
            return null;
        });
    }
}
