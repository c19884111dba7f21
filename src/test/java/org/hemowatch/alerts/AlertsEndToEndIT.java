package org.hemowatch.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.MqttSubscriber;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.hemowatch.testing.HemowatchExtension;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Supply and alerts end to end: a whole service on SQLite with a par level of 2 O- red cells;
 * three units received and stored over {@code POST /api/v1/scans}, issued one by one until the
 * stock falls below the par level; the shortage alert arrives on a signed webhook, the SSE
 * stream and a real MQTT station client ({@code mosquitto_sub} on the embedded endpoint, with a
 * station key), is acknowledged over HTTP, and clears when a unit is returned (the retained
 * topic is emptied). The same delivery also goes through an external Mosquitto broker.
 */
@Timeout(120)
class AlertsEndToEndIT {

    private static final String SHORTAGE_TOPIC = "hemowatch/v1/main/alerts/shortage/RBC_O-";
    private static final String STATION_TOPIC = "hemowatch/v1/main/stations/bank-1/alerts";
    /** 2026 day 340 = 6 December 2026, 12:00: far enough for no near-expiry alert. */
    private static final List<String> DINS = List.of("A999926000011", "A999926000012", "A999926000013");

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = AlertsHarness.extension(clock);

    /** Expires 13 days after the test clock's start. */

    private final String expiry = Labels.expiryInDays(clock, 13);
    private AlertsHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @Test
    void shortageBelowParLevelReachesWebhookSseAndAnMqttStationAndItsAcknowledgementToo() throws Exception {
        h = AlertsHarness.start(service, "");
        h.openSse(h.admin());
        // a real station client on the embedded endpoint: user name = station id, password = a station key
        MqttSubscriber station = h.subscribe("hemowatch/v1/main/alerts/#", STATION_TOPIC);
        for (String din : DINS) {
            String read = Labels.dinRead(din);
            assertThat(h.scan("RECEIVE", Labels.label(read, Labels.O_NEG, Labels.RED_CELLS, expiry), "receiving", null).status()).isEqualTo(201);
            assertThat(h.scan("STORE", read + Labels.RED_CELLS, "fridge-1", null).status()).isEqualTo(201);
        }
        // the line was short from the start (no stock, minimum 2); stored units clear that alert
        assertThat(h.nextSse("shortage", "RESOLVED", 10_000)).as("start-up shortage resolved").isNotNull();
        assertThat(h.nextHook("shortage", "RESOLVED", 10_000)).isNotNull();
        assertThat(AlertsHarness.nextMqtt(station, SHORTAGE_TOPIC, "RESOLVED", 10_000)).as("start-up shortage resolved on MQTT").isNotNull();
        assertThat(station.next(m -> m.topic().equals(SHORTAGE_TOPIC) && m.payload().isEmpty(), 10_000))
                .as("retained start-up shortage cleared").isNotNull();
        Thread.sleep(300);
        h.hooks.clear();
        h.sse.clear();
        station.clear();
        JsonObject row = oNegRow();
        assertThat(row.getInteger("available")).isEqualTo(3);
        assertThat(row.getInteger("parMinimum")).isEqualTo(2);
        assertThat(row.getBoolean("belowMinimum")).isFalse();

        // 3 -> 2: at the minimum, no alert yet
        assertThat(h.scan("ISSUE", Labels.dinRead(DINS.get(0)) + Labels.RED_CELLS, null, "ward-7").status()).isEqualTo(201);
        assertThat(h.nextSse("shortage", "OPENED", 600)).isNull();
        assertThat(station.pending()).as("nothing on MQTT at the minimum").isEmpty();
        // 2 -> 1: below the minimum
        assertThat(h.scan("ISSUE", Labels.dinRead(DINS.get(1)) + Labels.RED_CELLS, null, "ward-7").status()).isEqualTo(201);

        AlertsHarness.Hook hook = h.nextHook("shortage", "OPENED", 10_000);
        assertThat(hook).as("webhook delivery").isNotNull();
        assertThat(hook.signatureValid()).as("HMAC signature").isTrue();
        assertThat(hook.deliveryId()).isNotBlank();
        assertThat(Instant.parse(hook.timestamp())).isEqualTo(clock.instant());
        JsonObject alert = hook.body().getJsonObject("alert");
        assertThat(alert.getString("subject")).isEqualTo("RBC/O-");
        assertThat(alert.getString("severity")).isEqualTo("CRITICAL");
        assertThat(alert.getJsonObject("details").getInteger("available")).isEqualTo(1);
        assertThat(alert.getJsonObject("details").getBoolean("belowMinimum")).isTrue();
        String id = alert.getString("id");

        AlertsHarness.Event event = h.nextSse("shortage", "OPENED", 10_000);
        assertThat(event).as("SSE event").isNotNull();
        assertThat(event.event()).isEqualTo("alert");
        assertThat(event.data().getJsonObject("alert").getString("id")).isEqualTo(id);

        MqttSubscriber.Message opened = AlertsHarness.nextMqtt(station, SHORTAGE_TOPIC, "OPENED", 10_000);
        assertThat(opened).as("MQTT alert topic on mosquitto_sub; got " + station.pending()).isNotNull();
        assertThat(opened.qos()).isEqualTo(1);
        JsonObject openedAlert = new JsonObject(opened.payload()).getJsonObject("alert");
        assertThat(openedAlert.getString("id")).isEqualTo(id);
        assertThat(openedAlert.getString("state")).isEqualTo("OPEN");
        MqttSubscriber.Message routed = AlertsHarness.nextMqtt(station, STATION_TOPIC, "OPENED", 10_000);
        assertThat(routed).as("station route bank-1").isNotNull();
        assertThat(new JsonObject(routed.payload()).getJsonObject("alert").getString("id")).isEqualTo(id);
        // retained: a station that connects now gets the open alert at once
        List<MqttSubscriber.Message> late = h.retained(SHORTAGE_TOPIC, 1);
        assertThat(late).singleElement().satisfies(m -> {
            assertThat(m.retain()).isTrue();
            assertThat(new JsonObject(m.payload()).getJsonObject("alert").getString("state")).isEqualTo("OPEN");
        });

        JsonObject stock = oNegRow();
        assertThat(stock.getInteger("available")).isEqualTo(1);
        assertThat(stock.getBoolean("belowMinimum")).isTrue();
        // today's issues count from tomorrow: no demand yet, so no number of days
        assertThat(stock.getBoolean("noDemand")).isTrue();
        assertThat(stock.getValue("daysOfSupply")).isNull();

        Http.Response noComment = h.http().post("/api/v1/alerts/" + id + "/ack", h.admin(), "{}");
        assertThat(noComment.status()).isEqualTo(400);
        assertThat(noComment.json().getString("rule")).isEqualTo("comment-required");
        Http.Response ack = h.http().post("/api/v1/alerts/" + id + "/ack", h.admin(), "{\"comment\":\"ordered 4 O- from the blood service\"}");
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(ack.json().getString("ackBy")).isEqualTo("first admin");
        assertThat(h.http().post("/api/v1/alerts/" + id + "/ack", h.admin(), "{\"comment\":\"again\"}").status()).isEqualTo(409);

        assertThat(h.nextHook("shortage", "ACKNOWLEDGED", 10_000)).as("ack on webhook").isNotNull();
        assertThat(h.nextSse("shortage", "ACKNOWLEDGED", 10_000)).as("ack on SSE").isNotNull();
        MqttSubscriber.Message acked = AlertsHarness.nextMqtt(station, SHORTAGE_TOPIC, "ACKNOWLEDGED", 10_000);
        assertThat(acked).as("ack on MQTT; got " + station.pending()).isNotNull();
        JsonObject ackedAlert = new JsonObject(acked.payload()).getJsonObject("alert");
        assertThat(ackedAlert.getString("id")).isEqualTo(id);
        assertThat(ackedAlert.getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(ackedAlert.getString("ackBy")).isEqualTo("first admin");
        assertThat(h.retained(SHORTAGE_TOPIC, 1)).singleElement().satisfies(m -> assertThat(
                new JsonObject(m.payload()).getJsonObject("alert").getString("state")).isEqualTo("ACKNOWLEDGED"));

        JsonArray listed = h.http().get("/api/v1/alerts?kind=shortage&state=ACKNOWLEDGED", h.admin()).json().getJsonArray("items");
        assertThat(listed).hasSize(1);

        // a return brings the line back to the minimum: the alert clears, and the retained topic is emptied
        assertThat(h.scan("RETURN", Labels.dinRead(DINS.get(1)) + Labels.RED_CELLS, "fridge-1", null).status()).isEqualTo(201);
        assertThat(h.nextSse("shortage", "RESOLVED", 10_000)).as("resolved on SSE").isNotNull();
        MqttSubscriber.Message resolved = AlertsHarness.nextMqtt(station, SHORTAGE_TOPIC, "RESOLVED", 10_000);
        assertThat(resolved).as("resolved on MQTT").isNotNull();
        assertThat(new JsonObject(resolved.payload()).getJsonObject("alert").getString("state")).isEqualTo("RESOLVED");
        MqttSubscriber.Message cleared = station.next(SHORTAGE_TOPIC, 10_000);
        assertThat(cleared).as("empty retained message clearing the topic").isNotNull();
        assertThat(cleared.payload()).isEmpty();
        assertThat(h.retained(SHORTAGE_TOPIC, 1)).as("nothing retained after resolution").isEmpty();
        assertThat(h.http().get("/api/v1/alerts/" + id, h.admin()).json().getString("resolvedBy")).isEqualTo("system");
    }

    @Test
    void deliversTheShortageAndItsAcknowledgementThroughAnExternalBroker(@TempDir Path brokerDir) throws Exception {
        try (Mosquitto broker = Mosquitto.start(brokerDir)) {
            h = AlertsHarness.start(service, "", broker.url());
            // the start-up shortage (no O- stock, minimum 2) goes to the broker, retained for subscribers that come later
            MqttSubscriber sub = h.subscribe("hemowatch/v1/main/alerts/#", STATION_TOPIC);
            MqttSubscriber.Message open = AlertsHarness.nextMqtt(sub, SHORTAGE_TOPIC, "OPENED", 10_000);
            assertThat(open).as("shortage via the broker; broker log:%n%s", broker.log()).isNotNull();
            JsonObject alert = new JsonObject(open.payload()).getJsonObject("alert");
            assertThat(alert.getString("state")).isEqualTo("OPEN");
            assertThat(alert.getString("subject")).isEqualTo("RBC/O-");
            assertThat(h.retained(SHORTAGE_TOPIC, 1)).singleElement().satisfies(m -> {
                assertThat(m.retain()).isTrue();
                assertThat(new JsonObject(m.payload()).getJsonObject("alert").getString("id")).isEqualTo(alert.getString("id"));
            });

            Http.Response ack = h.http().post("/api/v1/alerts/" + alert.getString("id") + "/ack", h.admin(), "{\"comment\":\"ordering\"}");
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            MqttSubscriber.Message acked = AlertsHarness.nextMqtt(sub, SHORTAGE_TOPIC, "ACKNOWLEDGED", 10_000);
            assertThat(acked).as("ack via the broker; got " + sub.pending()).isNotNull();
            assertThat(AlertsHarness.nextMqtt(sub, STATION_TOPIC, "ACKNOWLEDGED", 10_000)).as("station route via the broker").isNotNull();

            for (String din : DINS.subList(0, 2)) {
                assertThat(h.scan("STORE", Labels.label(Labels.dinRead(din), Labels.O_NEG, Labels.RED_CELLS, expiry), "fridge-1", null)
                        .status()).isEqualTo(201);
            }
            assertThat(AlertsHarness.nextMqtt(sub, SHORTAGE_TOPIC, "RESOLVED", 10_000)).as("resolved via the broker").isNotNull();
            assertThat(sub.next(SHORTAGE_TOPIC, 10_000)).as("cleared").satisfies(m -> assertThat(m.payload()).isEmpty());
            assertThat(h.retained(SHORTAGE_TOPIC, 1)).isEmpty();
            h.close();
            h = null;
            service.stop(); // before its broker
        }
    }

    @Test
    void alertsSurviveARestartAndTheStreamStartsWithTheOpenOnesThenKeepsAlive() throws Exception {
        h = AlertsHarness.start(service, "  keepAliveSeconds: 1");
        String read = Labels.dinRead(DINS.get(0));
        assertThat(h.scan("STORE", Labels.label(read, Labels.O_NEG, Labels.RED_CELLS, expiry), "fridge-1", null).status()).isEqualTo(201);
        String id = awaitOpenShortage();

        h.restart();

        JsonObject after = h.http().get("/api/v1/alerts/" + id, h.admin()).json();
        assertThat(after.getString("state")).isEqualTo("OPEN");
        h.openSse(h.admin());
        AlertsHarness.Event current = h.nextSse("shortage", "CURRENT", 10_000);
        assertThat(current).isNotNull();
        assertThat(current.data().getJsonObject("alert").getString("id")).isEqualTo(id);
        int comments = h.sseComments.get(); // the stream's opening comment
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(5)).until(() -> h.sseComments.get() >= comments + 2);
    }

    @Test
    void setsParLevelsOverTheApiAuditedAndPicksSubstitutesFirstExpiredFirst() throws Exception {
        h = AlertsHarness.start(service, "");
        Http.Response put = h.http().put("/api/v1/par-levels", h.admin(), AlertsHarness.parLevels(
                new JsonObject().put("site", "main").put("component", "RBC").put("group", "A-").put("minimum", 1).put("ideal", 3)));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        Http.Response bad = h.http().put("/api/v1/par-levels", h.admin(), AlertsHarness.parLevels(
                new JsonObject().put("site", "main").put("component", "RBC").put("group", "A-").put("minimum", 3).put("ideal", 1)));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().getString("rule")).isEqualTo("par-level-invalid");

        JsonArray pars = h.http().get("/api/v1/par-levels", h.admin()).json().getJsonArray("items");
        assertThat(pars.encode()).contains("\"group\":\"A-\"").contains("\"group\":\"O-\"");
        // A- line with no stock is short at once
        assertThat(awaitAlert("RBC/A-")).isNotNull();

        for (String din : DINS.subList(0, 2)) {
            assertThat(h.scan("STORE", Labels.label(Labels.dinRead(din), Labels.O_NEG, Labels.RED_CELLS, expiry), "fridge-1", null)
                    .status()).isEqualTo(201);
        }
        JsonObject pick = h.http().get("/api/v1/stock/pick?component=RBC&abo=A&rhd=NEG&count=3", h.admin()).json();
        assertThat(pick.getInteger("found")).isEqualTo(2);
        assertThat(pick.getBoolean("short")).isTrue();
        JsonObject first = pick.getJsonArray("items").getJsonObject(0);
        assertThat(first.getBoolean("substitute")).isTrue();
        assertThat(first.getString("reason")).contains("O- for A- recipient");

        h.restart();
        assertThat(h.http().get("/api/v1/par-levels", h.admin()).json().getJsonArray("items").encode()).contains("\"group\":\"A-\"");
    }

    private String awaitOpenShortage() throws Exception {
        return awaitAlert("RBC/O-");
    }

    private String awaitAlert(String subject) throws Exception {
        long end = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < end) {
            JsonArray items = h.http().get("/api/v1/alerts?kind=shortage&state=OPEN", h.admin()).json().getJsonArray("items");
            for (Object o : items) {
                JsonObject a = (JsonObject) o;
                if (a.getString("subject").equals(subject)) {
                    return a.getString("id");
                }
            }
            Thread.sleep(50);
        }
        return null;
    }

    private JsonObject oNegRow() throws Exception {
        JsonArray items = h.http().get("/api/v1/stock?site=main", h.admin()).json().getJsonArray("items");
        return items.stream().map(o -> (JsonObject) o).filter(o -> o.getString("group").equals("O-") && o.getString("component").equals("RBC"))
                .findFirst().orElseThrow();
    }
}
