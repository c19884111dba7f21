package org.hemowatch.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the store holds and what the service shows stay the same: old resolved alerts are deleted
 * from the store, webhook deliveries pending at a stop are resumed after the restart, and a person's
 * change that cannot be stored is not made (503). A whole service on SQLite; its par level of 2 O-
 * red cells with no stock opens a shortage alert at start.
 */
@Timeout(120)
class AlertsDurabilityIT {

    private static final String TRIGGER = "test_alert_store_failure";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = AlertsHarness.extension(clock);
    private AlertsHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void deletesResolvedAlertsOlderThanTheRetentionFromTheStoreOnTheTick() throws Exception {
        h = AlertsHarness.start(service, "  retentionDays: 3");
        String first = h.nextHook("shortage", "OPENED", 10_000).body().getJsonObject("alert").getString("id");
        assertThat(resolve(first).status()).isEqualTo(200);
        // the condition persists, so the next evaluation opens a new alert
        h.service().alerts().service().evaluate().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(h.documents(DocumentAlertStore.COLLECTION)).isEqualTo(2);

        clock.advance(Duration.ofDays(2));
        tick();
        assertThat(h.documents(DocumentAlertStore.COLLECTION)).as("resolved 2 days ago: kept").isEqualTo(2);
        assertThat(h.http().get("/api/v1/alerts/" + first, h.admin()).status()).isEqualTo(200);

        clock.advance(Duration.ofDays(1).plusMinutes(1));
        tick();
        assertThat(h.documents(DocumentAlertStore.COLLECTION)).as("resolved 3 days ago: deleted").isEqualTo(1);
        assertThat(h.http().get("/api/v1/alerts/" + first, h.admin()).status()).isEqualTo(404);
        JsonArray active = h.http().get("/api/v1/alerts?state=active", h.admin()).json().getJsonArray("items");
        assertThat(active).hasSize(1);
        assertThat(active.getJsonObject(0).getString("id")).isNotEqualTo(first);
    }

    @Test
    void aDeliveryPendingAtAStopArrivesAfterTheRestartWithTheSameDeliveryId() throws Exception {
        h = AlertsHarness.start(service, "", null, yaml -> yaml.replace("retryForSeconds: 2", "retryForSeconds: 600"));
        String id = h.nextHook("shortage", "OPENED", 10_000).body().getJsonObject("alert").getString("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.documents(DocumentWebhookOutbox.COLLECTION) == 0);

        h.receiverStatus.set(503);
        assertThat(resolve(id).status()).isEqualTo(200);
        AlertsHarness.Hook refused = nextHookOf(id, "RESOLVED", 10_000);
        assertThat(refused).isNotNull();
        assertThat(refused.status()).isEqualTo(503);
        String deliveryId = refused.deliveryId();
        assertThat(h.documents(DocumentWebhookOutbox.COLLECTION)).as("pending deliveries kept").isGreaterThanOrEqualTo(1);

        h.restart(() -> {
            h.hooks.clear();
            h.receiverStatus.set(204);
        });

        AlertsHarness.Hook delivered = nextHookOf(id, "RESOLVED", 10_000);
        assertThat(delivered).as("the RESOLVED change after the restart").isNotNull();
        assertThat(delivered.status()).isEqualTo(204);
        assertThat(delivered.deliveryId()).isEqualTo(deliveryId);
        assertThat(delivered.signatureValid()).isTrue();
        assertThat(delivered.body().getString("deliveryId")).isEqualTo(deliveryId);
        assertThat(delivered.body().getJsonObject("alert").getString("state")).isEqualTo("RESOLVED");
        await().atMost(Duration.ofSeconds(10)).until(() -> h.documents(DocumentWebhookOutbox.COLLECTION) == 0);
    }

    @Test
    void anAcknowledgementThatCannotBeStoredIsNotMadeAndAnswers503() throws Exception {
        h = AlertsHarness.start(service, "");
        String id = h.nextHook("shortage", "OPENED", 10_000).body().getJsonObject("alert").getString("id");
        h.sql("CREATE TRIGGER " + TRIGGER + " BEFORE UPDATE ON documents WHEN NEW.collection = 'alerts'"
                + " BEGIN SELECT RAISE(ABORT, 'injected store failure'); END");
        try {
            Http.Response failed = h.http().post("/api/v1/alerts/" + id + "/ack", h.admin(), "{\"comment\":\"ordering\"}");
            assertThat(failed.status()).as(failed.body()).isEqualTo(503);
            assertThat(failed.contentType()).startsWith("application/problem+json");
            assertThat(failed.json().getString("rule")).isEqualTo("store-unavailable");
            Http.Response resolveFailed = h.http().post("/api/v1/alerts/" + id + "/resolve", h.admin(), "{\"comment\":\"done\"}");
            assertThat(resolveFailed.status()).isEqualTo(503);

            JsonObject unchanged = h.http().get("/api/v1/alerts/" + id, h.admin()).json();
            assertThat(unchanged.getString("state")).isEqualTo("OPEN");
            assertThat(unchanged.getValue("ackBy")).isNull();
        } finally {
            h.sql("DROP TRIGGER IF EXISTS " + TRIGGER);
        }
        assertThat(nextHookOf(id, "ACKNOWLEDGED", 300)).as("nothing delivered for the failed change").isNull();

        Http.Response ack = h.http().post("/api/v1/alerts/" + id + "/ack", h.admin(), "{\"comment\":\"ordering\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(nextHookOf(id, "ACKNOWLEDGED", 10_000)).isNotNull();
        h.restart();
        assertThat(h.http().get("/api/v1/alerts/" + id, h.admin()).json().getString("state")).isEqualTo("ACKNOWLEDGED");
    }

    private Http.Response resolve(String id) throws Exception {
        return h.http().post("/api/v1/alerts/" + id + "/resolve", h.admin(), "{\"comment\":\"checked\"}");
    }

    private void tick() throws Exception {
        h.service().alerts().service().tick().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Next webhook call with this alert id and change type (others skipped), or null. */
    private AlertsHarness.Hook nextHookOf(String alertId, String changeType, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            AlertsHarness.Hook hook = h.hooks.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (hook != null && hook.body().getJsonObject("alert").getString("id").equals(alertId)
                    && hook.body().getString("changeType").equals(changeType)) {
                return hook;
            }
        }
        return null;
    }
}
