package org.hemowatch.ingest.mqtt;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.publish.MqttPublisher;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
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
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded endpoint end to end: a whole service on SQLite, third-party clients (mosquitto_pub,
 * mosquitto_sub) and a vertx MqttClient to watch PUBACK timing. Payloads are the shipped protocol examples.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class EmbeddedEndpointIT {

    static final Path EXAMPLES = Path.of("firmware-protocols/mqtt/examples");

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z"))).env(Map.of("HEMOWATCH_MQTT_PORT", "0", "HEMOWATCH_UNKNOWN_DEVICES", "register")).extension();
    private Http http;
    private String admin;
    private String deviceKey;
    private String stationKey;
    private int port;
    private final List<DeviceStatusReport> statuses = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
        deviceKey = key("device", "main", "fridges");
        stationKey = key("station", "main", "desk");
        port = service.service().mqtt().port();
        service.service().readings().onStatus(statuses::add);
    }

    private String key(String role, String site, String name) throws Exception {
        Http.Response r = http.post("/api/v1/keys", admin, new JsonObject().put("role", role).put("site", site).put("name", name).put("devices", "device".equals(role) ? new io.vertx.core.json.JsonArray().add("*") : null).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("key");
    }

    private List<TemperatureReading> stored(String device) {
        return service.service().database().read(c -> ReadingRecords.range(c, "main", device, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 100_000, 0));
    }

    private static String example(String name) throws Exception {
        return Files.readString(EXAMPLES.resolve(name));
    }

    private double metric(String line) throws Exception {
        String body = http.get("/metrics", admin).body();
        return body.lines().filter(l -> l.startsWith(line + " ")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    @Test
    void storesABatchFromMosquittoPubAndStoresARepeatedSeqOnlyOnce() throws Exception {
        String topic = "hemowatch/v1/main/devices/fridge-1/readings";
        Mosquitto.Run first = Mosquitto.pub(port, "fridge-1", deviceKey, null, "-q", "1", "-t", topic, "-f", EXAMPLES.resolve("reading-batch.json").toString());
        Mosquitto.Run again = Mosquitto.pub(port, "fridge-1", deviceKey, null, "-q", "1", "-t", topic, "-f", EXAMPLES.resolve("reading-batch.json").toString());

        assertThat(first.exit()).as(first.output()).isZero();
        assertThat(again.exit()).as(again.output()).isZero();
        assertThat(stored("fridge-1")).extracting(TemperatureReading::seq).containsExactly(100L, 101L, 102L);
        assertThat(stored("fridge-1").get(1).probe()).isEqualTo("product");
        assertThat(metric("hemowatch_readings_duplicates_total{path=\"mqtt\",site=\"main\"}")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void appliesAScanPublishedByAScannerToTheInventory() throws Exception {
        Mosquitto.Run r = Mosquitto.pub(port, "scan-1", deviceKey, null, "-q", "1",
                "-t", "hemowatch/v1/main/scanners/scan-1/scans", "-f", EXAMPLES.resolve("scan-receive.json").toString());

        assertThat(r.exit()).as(r.output()).isZero();
        Http.Response unit = http.get("/api/v1/units/" + Labels.DIN_1, admin);
        assertThat(unit.status()).as(unit.body()).isEqualTo(200);
        assertThat(unit.body()).contains("E0398");
    }

    @Test
    void sendsPubackOnlyAfterTheCommit() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            MqttClientOptions o = new MqttClientOptions().setClientId("fridge-7").setUsername("fridge-7").setPassword(deviceKey);
            MqttClient client = MqttClient.create(vertx, o);
            AtomicInteger acked = new AtomicInteger();
            client.publishCompletionHandler(id -> acked.incrementAndGet());
            client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            service.service().writer().pause();
            Process cli;
            try {
                client.publish("hemowatch/v1/main/devices/fridge-7/readings", Buffer.buffer(example("reading.json")), MqttQoS.AT_LEAST_ONCE, false, false);
                cli = new ProcessBuilder(Mosquitto.client("mosquitto_pub", port, "fridge-8", deviceKey, "-q", "1",
                        "-t", "hemowatch/v1/main/devices/fridge-8/readings", "-f", EXAMPLES.resolve("reading.json").toString()))
                        .redirectErrorStream(true).start();
                Thread.sleep(1500);
                assertThat(acked.get()).as("PUBACK while the writer is paused").isZero();
                assertThat(cli.isAlive()).as("mosquitto_pub -q 1 waits for its PUBACK").isTrue();
                assertThat(stored("fridge-7")).isEmpty();
            } finally {
                service.service().writer().resume();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() == 1);
            assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).isZero();
            assertThat(stored("fridge-7")).extracting(TemperatureReading::seq).containsExactly(42L);
            assertThat(stored("fridge-8")).extracting(TemperatureReading::seq).containsExactly(42L);
            client.disconnect();
        } finally {
            vertx.close();
        }
    }

    @Test
    void rejectsBadMessagesOnTheErrorsTopicAcknowledgesThemAndCountsThem() throws Exception {
        Path out = tmp.resolve("errors.txt");
        Process sub = Mosquitto.sub(port, "fridge-2", deviceKey, out, "-d", "-v", "-q", "1", "-t", "hemowatch/v1/main/devices/fridge-2/errors");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out) && Files.readString(out).contains("SUBACK"));
            String readings = "hemowatch/v1/main/devices/fridge-2/readings";
            assertThat(Mosquitto.pub(port, "fridge-2", deviceKey, null, "-q", "1", "-t", readings, "-m", "{\"seq\": 9, tempC: 4}").exit()).isZero();
            assertThat(Mosquitto.pub(port, "fridge-2", deviceKey, null, "-q", "1", "-t", "hemowatch/v1/main/devices/fridge-2/scans",
                    "-f", EXAMPLES.resolve("reading.json").toString()).exit()).isZero();
            assertThat(Mosquitto.pub(port, "fridge-2", deviceKey, null, "-q", "1", "-t", readings, "-m", "{\"seq\": 10, \"tempC\": 4.2, \"door\": \"ajar\"}").exit()).isZero();
            assertThat(Mosquitto.pub(port, "fridge-2", deviceKey, "x".repeat(65 * 1024), "-q", "1", "-t", readings, "-s").exit()).isZero();
            assertThat(Mosquitto.pub(port, "fridge-2", deviceKey, null, "-q", "1", "-t", "hemowatch/v1/north/devices/fridge-2/readings",
                    "-f", EXAMPLES.resolve("reading.json").toString()).exit()).isZero();

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("too-large"));
            String errors = Files.readString(out);
            assertThat(errors).contains("{\"seq\":null,\"error\":{\"rule\":\"bad-json\"")
                    .contains("\"rule\":\"wrong-topic\"")
                    .contains("{\"seq\":10,\"error\":{\"rule\":\"bad-door\"")
                    .contains("\"rule\":\"too-large\"");
            assertThat(stored("fridge-2")).isEmpty();
            assertThat(metric("hemowatch_mqtt_messages_rejected_total{reason=\"bad-json\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metric("hemowatch_mqtt_messages_rejected_total{reason=\"too-large\"}")).isGreaterThanOrEqualTo(1);
            assertThat(metric("hemowatch_mqtt_messages_rejected_total{reason=\"site-forbidden\"}")).isGreaterThanOrEqualTo(1);
        } finally {
            sub.destroy();
        }
    }

    @Test
    void refusesWrongCredentialsAndAnonymousClientsAtConnect() throws Exception {
        String topic = "hemowatch/v1/main/devices/fridge-3/readings";
        Mosquitto.Run wrong = Mosquitto.pub(port, "fridge-3", "hw_not-a-key", null, "-q", "1", "-t", topic, "-m", "{\"seq\":1,\"tempC\":4}");
        Mosquitto.Run anonymous = Mosquitto.pub(port, null, null, null, "-q", "1", "-t", topic, "-m", "{\"seq\":1,\"tempC\":4}");

        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.output()).containsIgnoringCase("bad user name or password");
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.output()).containsIgnoringCase("not authori");
        assertThat(stored("fridge-3")).isEmpty();
        assertThat(metric("hemowatch_mqtt_connections_refused_total{reason=\"bad-credentials\"}")).isGreaterThanOrEqualTo(1);
        assertThat(metric("hemowatch_mqtt_connections_refused_total{reason=\"anonymous\"}")).isGreaterThanOrEqualTo(1);
    }

    @Test
    void turnsTheLastWillOfADroppedDeviceIntoAnOfflineStatus() throws Exception {
        Process device = Mosquitto.sub(port, "fridge-4", deviceKey, tmp.resolve("will.txt"), "-d", "-i", "fridge-4",
                "-t", "hemowatch/v1/main/devices/fridge-4/errors",
                "--will-topic", "hemowatch/v1/main/devices/fridge-4/status", "--will-payload", example("will-offline.txt").trim(), "--will-qos", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(tmp.resolve("will.txt")).contains("SUBACK"));
        device.destroyForcibly().waitFor(); // no DISCONNECT: the connection just drops

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.stream().anyMatch(s -> s.device().equals("fridge-4")));
        assertThat(statuses).filteredOn(s -> s.device().equals("fridge-4")).extracting(DeviceStatusReport::code).containsExactly("offline");
    }

    @Test
    void deliversRetainedStateAndQueuesForAnOfflinePersistentStation() throws Exception {
        MqttPublisher publisher = service.service().mqtt().publisher();
        String state = "hemowatch/v1/main/alerts/cold-chain/fridge-1";
        publisher.publish(state, Buffer.buffer("{\"state\":\"open\"}"), MqttQoS.AT_LEAST_ONCE, true).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

        // a persistent station session: subscribe, then go away
        Path first = tmp.resolve("station-1.txt");
        Process station = Mosquitto.sub(port, "desk-1", stationKey, first, "-d", "-v", "-c", "-i", "desk-1", "-q", "1",
                "-t", "hemowatch/v1/main/alerts/#");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(first).contains("{\"state\":\"open\"}"));
        station.destroy();
        station.waitFor(5, TimeUnit.SECONDS);

        publisher.publish("hemowatch/v1/main/alerts/shortage/O-", Buffer.buffer("{\"while\":\"offline\"}"), MqttQoS.AT_LEAST_ONCE, false)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);

        Path second = tmp.resolve("station-2.txt");
        Process again = Mosquitto.sub(port, "desk-1", stationKey, second, "-d", "-v", "-c", "-i", "desk-1", "-q", "1",
                "-t", "hemowatch/v1/main/alerts/#");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(second).contains("{\"while\":\"offline\"}"));
        } finally {
            again.destroy();
        }
        // a station may not read another site's alerts
        Path other = tmp.resolve("other.txt");
        Process denied = Mosquitto.sub(port, "desk-1", stationKey, other, "-d", "-t", "hemowatch/v1/north/alerts/#");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !denied.isAlive() && Files.readString(other).contains("denied"));
            assertThat(Files.readString(other)).containsIgnoringCase("denied");
        } finally {
            denied.destroy();
        }
    }
}
