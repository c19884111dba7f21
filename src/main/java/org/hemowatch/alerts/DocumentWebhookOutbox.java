package org.hemowatch.alerts;

import io.vertx.core.json.JsonObject;
import org.hemowatch.store.Database;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.GroupCommitWriter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The webhook outbox in the {@code documents} table, collection {@value #COLLECTION}, id = delivery id. */
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
            JsonObject o = new JsonObject(json);
            out.add(new Pending(o.getString("deliveryId"), o.getString("webhook"), o.getString("body"), o.getInteger("attempts"),
                    Instant.parse(o.getString("nextAttempt")), o.getLong("elapsedMillis", 0L)));
        }
        return out;
    }

    @Override
    public CompletableFuture<Void> put(Pending p) {
        String json = new JsonObject().put("deliveryId", p.deliveryId()).put("webhook", p.webhook()).put("body", p.body())
                .put("attempts", p.attempts()).put("nextAttempt", p.nextAttempt().toString()).put("elapsedMillis", p.elapsedMillis())
                .encode();
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
