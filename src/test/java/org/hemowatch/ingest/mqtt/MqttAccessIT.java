package org.hemowatch.ingest.mqtt;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11 over MQTT, as an attacker would try it with real mosquitto_pub / mosquitto_sub against the
 * embedded endpoint: two sites (main = A, north = B), device keys that name their ids, stations with
 * persistent sessions. Every refusal is checked to have changed nothing stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MqttAccessIT {

    @TempDir
    static Path tmp;

    private static final TestClock clock = new TestClock(Instant.now());
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).config("sites:\n  north:\n    name: North blood station\n    zone: Europe/London\n").extension();
    private Http http;
    private String admin;
    private int port;
    private String fridgeA1;
    private String scannerA1;
    private String scannerB1;
    private String stationA;
    private String stationAId;
    private String gatewayB;
    private final List<DeviceStatusReport> statuses = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
        port = service.service().mqtt().port();
        fridgeA1 = key("device", "main", "fridge a1", "fridge-a1").getString("key");
        scannerA1 = key("device", "main", "scanner a1", "scan-a1").getString("key");
        scannerB1 = key("device", "north", "scanner b1", "scan-b1").getString("key");
        gatewayB = key("device", "north", "edge box B", "*").getString("key");
        JsonObject station = key("station", "main", "desk-a", null);
        stationA = station.getString("key");
        stationAId = station.getString("id");
        service.service().readings().onStatus(statuses::add);
    }

    private JsonObject key(String role, String site, String name, String device) throws Exception {
        JsonObject body = new JsonObject().put("role", role).put("site", site).put("name", name);
        if (device != null) {
            body.put("devices", new JsonArray().add(device));
        }
        Http.Response r = http.post("/api/v1/keys", admin, body.encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private List<TemperatureReading> stored(String site, String device) {
        return service.service().database().read(c -> ReadingRecords.range(c, site, device, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 100_000, 0));
    }

    private String storedState() {
        return ServiceState.stored(service);
    }

    private double metric(String line) throws Exception {
        return ServiceState.metric(http, admin, line);
    }

    private static String scan(long seq, String action, String din, String extra) {
        return "{\"seq\":" + seq + ",\"action\":\"" + action + "\",\"data\":\"" + din + "\"" + extra + "}";
    }

    private static String receive(long seq, String dinRead, Instant now) {
        return scan(seq, "RECEIVE", Labels.label(dinRead, Labels.O_NEG, Labels.RED_CELLS,
                Labels.expiryInDays(java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), 20)), ",\"location\":\"receiving\"");
    }

    @Test
    @Order(1)
    void oneFridgeCannotConnectAsAnotherNorPublishItsReadingsOrStatus() throws Exception {
        String before = storedState();
        Mosquitto.Run asOther = Mosquitto.pub(port, "fridge-a2", fridgeA1, null, "-i", "fridge-a2", "-q", "1",
                "-t", "hemowatch/v1/main/devices/fridge-a2/readings", "-m", "{\"seq\":1,\"tempC\":30}");
        assertThat(asOther.exit()).isNotZero();
        assertThat(asOther.output()).containsIgnoringCase("not authori");

        // connected as itself, it names the other fridge in the topic: acknowledged (not redelivered forever), refused, counted
        Mosquitto.Run reading = Mosquitto.pub(port, "fridge-a1", fridgeA1, null, "-q", "1",
                "-t", "hemowatch/v1/main/devices/fridge-a2/readings", "-m", "{\"seq\":1,\"tempC\":30}");
        Mosquitto.Run offline = Mosquitto.pub(port, "fridge-a1", fridgeA1, null, "-q", "1",
                "-t", "hemowatch/v1/main/devices/fridge-a2/status", "-m", "offline");
        assertThat(reading.exit()).as(reading.output()).isZero();
        assertThat(offline.exit()).as(offline.output()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("hemowatch_mqtt_messages_rejected_total{reason=\"device-forbidden\"}") >= 2);
        assertThat(metric("hemowatch_mqtt_connections_refused_total{reason=\"wrong-username\"}")).isGreaterThanOrEqualTo(1);
        assertThat(stored("main", "fridge-a2")).isEmpty();
        assertThat(statuses).noneMatch(s -> s.device().equals("fridge-a2"));
        assertThat(storedState()).isEqualTo(before);

        // its own topic works
        assertThat(Mosquitto.pub(port, "fridge-a1", fridgeA1, null, "-q", "1", "-t", "hemowatch/v1/main/devices/fridge-a1/readings",
                "-m", "{\"seq\":1,\"tempC\":4}").exit()).isZero();
        assertThat(stored("main", "fridge-a1")).hasSize(1);
    }

    @Test
    @Order(2)
    void anotherSitesKeyCannotTakeOverAStationsPersistentSessionNorDisconnectIt() throws Exception {
        Path out = tmp.resolve("desk-a.txt");
        Process station = Mosquitto.sub(port, "desk-a", stationA, out, "-d", "-v", "-c", "-i", "desk-a", "-q", "1",
                "-t", "hemowatch/v1/main/alerts/#");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out) && Files.readString(out).contains("SUBACK"));
            String before = storedState();

            Path intruderOut = tmp.resolve("intruder.txt");
            Process intruder = Mosquitto.sub(port, "edge-b", gatewayB, intruderOut, "-d", "-v", "-c", "-i", "desk-a", "-q", "1",
                    "-t", "hemowatch/v1/north/alerts/#");
            assertThat(intruder.waitFor(10, TimeUnit.SECONDS)).as("the intruder's client gives up").isTrue();
            assertThat(Files.readString(intruderOut)).containsIgnoringCase("not authori");

            assertThat(station.isAlive()).as("the owner stays connected").isTrue();
            service.service().mqtt().publisher().publish("hemowatch/v1/main/alerts/shortage/O-", io.vertx.core.buffer.Buffer.buffer("{\"after\":\"intruder\"}"),
                    io.netty.handler.codec.mqtt.MqttQoS.AT_LEAST_ONCE, false).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("{\"after\":\"intruder\"}"));
            assertThat(Files.readString(intruderOut)).doesNotContain("after");
            assertThat(metric("hemowatch_mqtt_connections_refused_total{reason=\"session-owned\"}")).isGreaterThanOrEqualTo(1);
            assertThat(storedState()).isEqualTo(before);
        } finally {
            station.destroy();
            station.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(3)
    void aSiteAScannerCannotScanOnSiteBsTopics() throws Exception {
        Instant now = clock.instant();
        assertThat(Mosquitto.pub(port, "scan-b1", scannerB1, null, "-q", "1", "-t", "hemowatch/v1/north/scanners/scan-b1/scans",
                "-m", receive(1, Labels.DIN_2_READ, now)).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/units/" + Labels.DIN_2, admin).status() == 200);
        String status = http.get("/api/v1/units/" + Labels.DIN_2, admin).json().getString("status");
        String before = storedState();

        Mosquitto.Run discard = Mosquitto.pub(port, "scan-a1", scannerA1, null, "-q", "1", "-t", "hemowatch/v1/north/scanners/scan-a1/scans",
                "-m", scan(2, "DISCARD", Labels.DIN_2_READ, ",\"reason\":\"x\""));
        Mosquitto.Run asB = Mosquitto.pub(port, "scan-a1", scannerA1, null, "-q", "1", "-t", "hemowatch/v1/north/scanners/scan-b1/scans",
                "-m", scan(3, "DISCARD", Labels.DIN_2_READ, ",\"reason\":\"x\""));
        assertThat(discard.exit()).as(discard.output()).isZero();
        assertThat(asB.exit()).as(asB.output()).isZero();

        await().atMost(Duration.ofSeconds(10)).until(() -> metric("hemowatch_mqtt_messages_rejected_total{reason=\"site-forbidden\"}") >= 2);
        assertThat(http.get("/api/v1/units/" + Labels.DIN_2, admin).json().getString("status")).isEqualTo(status).isNotEqualToIgnoringCase("discarded");
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void revokingAStationsKeyEndsItsLiveConnectionAndForgetsItsPersistentSession() throws Exception {
        Path out = tmp.resolve("desk-a-2.txt");
        Process station = Mosquitto.sub(port, "desk-a", stationA, out, "-d", "-c", "-i", "desk-a", "-q", "1", "-t", "hemowatch/v1/main/alerts/#");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out) && Files.readString(out).contains("SUBACK"));

            long t0 = System.nanoTime();
            assertThat(http.delete("/api/v1/keys/" + stationAId, admin).status()).isBetween(200, 204);
            // mosquitto_sub without a reconnect gives up when the connection ends; with one it is refused at its reconnect
            await().atMost(Duration.ofSeconds(10)).until(() -> !station.isAlive() || Files.readString(out).contains("Connection Refused"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("connection ended %d ms after the revocation", ms).isLessThan(10_000);
            assertThat(metric("hemowatch_mqtt_sessions_revoked_total")).isGreaterThanOrEqualTo(1);

            // the session is gone: another key may now use the client id, and finds nothing of the station's
            JsonObject other = key("station", "main", "desk-a", null);
            Path again = tmp.resolve("desk-a-3.txt");
            Process next = Mosquitto.sub(port, "desk-a", other.getString("key"), again, "-d", "-c", "-i", "desk-a", "-q", "1", "-t", "hemowatch/v1/main/alerts/#");
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(again) && Files.readString(again).contains("SUBACK"));
                assertThat(Files.readString(again)).contains("CONNACK (0)");
            } finally {
                next.destroy();
            }
        } finally {
            station.destroyForcibly();
        }
    }

    @Test
    @Order(5)
    void aPublishBeforeAnyConnectIsCountedAndTheConnectionClosed() throws Exception {
        String before = storedState();
        double counted = metric("hemowatch_mqtt_protocol_errors_total");
        // a well-formed packet before CONNECT (bytes the decoder cannot read: the next test)
        List<byte[]> junk = List.of(new byte[] {0x30, 0x05, 0x00, 0x01, 'x', 'y', 'z'}, new byte[] {0x30, 0x03, 0x00, 0x01, 'q'});
        sendEachAndAssertCountedAndClosed(junk, counted);
        assertThat(storedState()).isEqualTo(before);
    }

    @Test
    @Order(5)
    void bytesTheMqttDecoderCannotReadAreCountedAndTheEndpointStillServes() throws Exception {
        String before = storedState();
        double counted = metric("hemowatch_mqtt_protocol_errors_total");
        // reserved packet type 0; a header byte with illegal flag bits (PUBREL must carry 0010); not MQTT at all
        List<byte[]> junk = List.of(new byte[] {0x00, 0x00}, new byte[] {0x60, 0x02, 0x00, 0x01},
                "GET / HTTP/1.1\r\nHost: hemowatch\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        sendEachAndAssertCountedAndClosed(junk, counted);
        assertThat(storedState()).isEqualTo(before);
        Mosquitto.Run normal = Mosquitto.pub(port, "fridge-a1", fridgeA1, null, "-q", "1", "-t", "hemowatch/v1/main/devices/fridge-a1/readings",
                "-m", "{\"seq\":7001,\"tempC\":4}");
        assertThat(normal.exit()).as(normal.output()).isZero();
    }

    @Test
    @Order(6)
    void failedConnectsFromOneAddressAreThrottledAndCounted() throws Exception {
        String before = storedState();
        int throttled = 0;
        for (int i = 0; i < 16; i++) {
            Mosquitto.Run r = Mosquitto.pub(port, "fridge-a1", "hw_guess-" + i, null, "-q", "1", "-t", "hemowatch/v1/main/devices/fridge-a1/readings",
                    "-m", "{\"seq\":99,\"tempC\":4}");
            assertThat(r.exit()).isNotZero();
            if (r.output().toLowerCase().contains("unavailable")) {
                throttled++;
            }
        }
        assertThat(throttled).as("later attempts are refused without looking at the key").isPositive();
        assertThat(metric("hemowatch_mqtt_connections_refused_total{reason=\"throttled\"}")).isEqualTo(throttled);
        // even the right key is refused while the address is locked out
        Mosquitto.Run right = Mosquitto.pub(port, "fridge-a1", fridgeA1, null, "-q", "1", "-t", "hemowatch/v1/main/devices/fridge-a1/readings",
                "-m", "{\"seq\":99,\"tempC\":4}");
        assertThat(right.output()).containsIgnoringCase("unavailable");
        assertThat(storedState()).isEqualTo(before);
    }

    /** Sends each chunk on a fresh raw socket, expects it closed without an answer and each counted once. */
    private void sendEachAndAssertCountedAndClosed(List<byte[]> junk, double counted) throws Exception {
        for (byte[] bytes : junk) {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                s.setSoTimeout(30_000);
                s.getOutputStream().write(bytes);
                s.getOutputStream().flush();
                assertThat(s.getInputStream().read()).as("closed without an answer").isEqualTo(-1);
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> metric("hemowatch_mqtt_protocol_errors_total") >= counted + junk.size());
        assertThat(metric("hemowatch_mqtt_protocol_errors_total")).isEqualTo(counted + junk.size());
    }
}
