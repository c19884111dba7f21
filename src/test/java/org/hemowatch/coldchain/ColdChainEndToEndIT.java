package org.hemowatch.coldchain;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.api.Signatures;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.ingest.serial.ControllerLineDecoder;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.MqttSubscriber;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.SocatPair;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.label;

/**
 * A fridge holding red cells goes warm. Its controller sends {@code $HWT} lines through a real
 * pseudo-terminal (socat) to the serial port configured with {@code devices: {"1": fridge-1}};
 * the lines carry no time, so each is stamped with the service's clock, which the test advances
 * one minute per line after the previous reading is stored. The readings open an excursion after
 * the 30-minute delay, the units in the fridge become quarantined, the service restarts in the
 * middle of the excursion and continues it (a batch with firmware timestamps arrives over the
 * embedded MQTT endpoint with {@code mosquitto_pub} and a device key), a technician releases one
 * unit and discards another over HTTP, and the report shows the excursion.
 */
@Timeout(180)
class ColdChainEndToEndIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String DIN_A = "A999926000101";
    private static final String DIN_B = "A999926000102";
    private static final String DIN_C = "A999926000103";
    private static final String DIN_LATE = "A999926000104";
    private static final String DIN_PLT = "A999926000105";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(T0);
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).extension().startedByTest();
    private SocatPair controller;
    private Http http;
    private String admin;
    private String deviceKey;
    /** The controller's line counter (one per line, kept across the service restart, like the real controller's). */
    private long seq;

    @AfterEach
    void stop() throws Exception {
        if (controller != null) {
            controller.close();
        }
    }

    @Test
    void excursionQuarantinesUnitsSurvivesARestartAndIsReported() throws Exception {
        controller = SocatPair.start(dir.resolve("controller"), dir.resolve("fridge-port"));
        start();
        String tech = createKey("technician", "tech anna");
        deviceKey = createKey("device", "fridge controllers");
        for (String din : List.of(DIN_A, DIN_B, DIN_C)) {
            Http.Response r = scan("STORE", label(Labels.dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 3)), "fridge-1");
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        // platelets do not belong in a 4 °C fridge
        Http.Response plt = scan("STORE", label(Labels.dinRead(DIN_PLT), O_NEG, "=<E7777V00", expiryInDays(clock, 3)), "fridge-1");
        assertThat(plt.status()).as(plt.body()).isEqualTo(409);
        assertThat(plt.json().getString("rule")).isEqualTo("wrong-storage-device");
        // readings of an unregistered sensor are refused on its MQTT errors topic, naming how to register it
        String errors = "hemowatch/v1/main/devices/fridge-9/errors";
        try (MqttSubscriber sub = MqttSubscriber.start(mqttPort(), "fridge-9", deviceKey, errors)) {
            Mosquitto.Run pub = Mosquitto.pub(mqttPort(), "fridge-9", deviceKey, null, "-q", "1",
                    "-t", "hemowatch/v1/main/devices/fridge-9/readings", "-m", "{\"seq\": 1, \"tempC\": 4.0}");
            assertThat(pub.exit()).as(pub.output()).isZero();
            MqttSubscriber.Message refused = sub.next(errors, 10_000);
            assertThat(refused).as("error for fridge-9; got " + sub.log()).isNotNull();
            JsonObject error = new JsonObject(refused.payload()).getJsonObject("error");
            assertThat(error.getString("rule")).isEqualTo("unknown-device");
            assertThat(error.getString("message")).contains("PUT /api/v1/devices/fridge-9");
        }
        assertThat(get("/api/v1/devices/fridge-9", admin).status()).isEqualTo(404);

        // over the serial line: 4 °C for 5 min, then 7 °C (outside 1-6) from 10:05; the delay of 30 min elapses at 10:35
        feed(0, 4, 4.0);
        feed(5, 34, 7.0);
        // no time on the wire: the reading is stamped with the service's clock on arrival
        JsonObject lastReading = get("/api/v1/devices/fridge-1", admin).json().getJsonObject("lastReading");
        assertThat(lastReading.getString("at")).isEqualTo("2026-11-23T10:34:00Z");
        assertThat(lastReading.getDouble("tempC")).isEqualTo(7.0);
        assertThat(deviceState()).isEqualTo("PENDING");
        assertThat(unitStatus(DIN_A)).isEqualTo("AVAILABLE");
        feed(35, 35, 7.2);
        await().atMost(10, TimeUnit.SECONDS).until(() -> "EXCURSION".equals(deviceState()));
        await().atMost(10, TimeUnit.SECONDS).until(() -> "QUARANTINED".equals(unitStatus(DIN_C)));
        assertThat(unitStatus(DIN_A)).isEqualTo("QUARANTINED");
        assertThat(unitStatus(DIN_B)).isEqualTo("QUARANTINED");
        String excursionId = get("/api/v1/devices/fridge-1", admin).json().getJsonObject("openExcursion").getString("id");
        assertThat(excursionId).isEqualTo("main/fridge-1@2026-11-23T10:05:00Z");

        assertThat(get("/metrics", null).body()).contains("hemowatch_excursions_total{device=\"fridge-1\",site=\"main\"} 1.0");

        // restart in the middle of the excursion: it continues, no second start, no second quarantine
        restart();
        JsonObject device = get("/api/v1/devices/fridge-1", admin).json();
        assertThat(device.getString("state")).isEqualTo("EXCURSION");
        assertThat(device.getJsonObject("openExcursion").getString("id")).isEqualTo(excursionId);
        // five minutes the controller buffered, sent as one MQTT batch with its own timestamps
        feedOverMqtt(36, 40, 7.5);
        // a unit stored during the open excursion is quarantined on arrival, in the same write
        Http.Response late = scan("STORE", label(Labels.dinRead(DIN_LATE), O_NEG, RED_CELLS, expiryInDays(clock, 3)), "fridge-1");
        assertThat(late.status()).as(late.body()).isEqualTo(201);
        assertThat(late.json().getJsonArray("units").getJsonObject(0).getString("status")).isEqualTo("QUARANTINED");
        // back in range from 10:41; confirmed after 10 min
        feed(41, 52, 4.0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> "IN_RANGE".equals(deviceState()));

        // the technician decides
        // the technician decides, signing with her password; her API key cannot sign and changes nothing
        assertThat(http.post("/api/v1/units/" + DIN_A + "/E0398-00/release", tech, "{\"comment\":\"x\"}").json().getString("rule"))
                .isEqualTo("signature-requires-user");
        SessionClient anna = SessionClient.person(service.httpPort(), admin, "anna", "technician", "a long passphrase for the lab");
        SessionClient.Response released = anna.post("/api/v1/units/" + DIN_A + "/E0398-00/release", SessionClient.decision(
                "product probe stayed below 6 °C", "a long passphrase for the lab", Signatures.releaseMeaning(DIN_A, "E0398-00")));
        assertThat(released.status()).as(released.body()).isEqualTo(200);
        assertThat(released.json().getString("status")).isEqualTo("AVAILABLE");
        SessionClient.Response discarded = anna.post("/api/v1/units/" + DIN_B + "/E0398/discard", SessionClient.decision(
                "top shelf, 7.5 °C", "a long passphrase for the lab", Signatures.discardMeaning(DIN_B, "E0398-00")));
        assertThat(discarded.status()).as(discarded.body()).isEqualTo(200);
        assertThat(discarded.json().getString("status")).isEqualTo("DISCARDED");
        assertThat(anna.post("/api/v1/units/" + DIN_C + "/E0398/release", "{}").status()).isEqualTo(400);
        // a quarantined unit cannot be issued
        assertThat(scanIssue(DIN_C).status()).isEqualTo(409);

        JsonArray historyA = history(DIN_A);
        assertThat(historyA.stream().map(e -> ((JsonObject) e).getString("action")).toList())
                .containsExactly("RECEIVE", "STORE", "QUARANTINE", "RELEASE");
        JsonObject quarantine = historyA.getJsonObject(2);
        assertThat(quarantine.getString("actor")).isEqualTo("system");
        assertThat(quarantine.getString("source")).isEqualTo("coldchain:fridge-1");
        assertThat(quarantine.getString("reason")).contains(excursionId).contains("above safe max for 30 min");
        JsonObject release = historyA.getJsonObject(3);
        assertThat(release.getString("actor")).isEqualTo("anna");
        assertThat(release.getString("reason")).isEqualTo("product probe stayed below 6 °C");
        JsonArray historyB = history(DIN_B);
        assertThat(historyB.stream().map(e -> ((JsonObject) e).getString("action")).toList())
                .containsExactly("RECEIVE", "STORE", "QUARANTINE", "DISCARD");
        assertThat(historyB.getJsonObject(3).getString("actor")).isEqualTo("anna");
        assertThat(history(DIN_LATE).stream().map(e -> ((JsonObject) e).getString("action")).toList())
                .containsExactly("RECEIVE", "STORE", "QUARANTINE");

        // the report: one excursion 10:05-10:41, 7.0-7.5 °C
        JsonArray excursions = get("/api/v1/devices/fridge-1/excursions?from=2026-11-23T09:00:00Z&to=2026-11-23T12:00:00Z", admin)
                .json().getJsonArray("items");
        assertThat(excursions).hasSize(1);
        JsonObject x = excursions.getJsonObject(0);
        assertThat(x.getString("id")).isEqualTo(excursionId);
        assertThat(x.getString("start")).isEqualTo("2026-11-23T10:05:00Z");
        assertThat(x.getString("end")).isEqualTo("2026-11-23T10:41:00Z");
        assertThat(x.getLong("durationSeconds")).isEqualTo(Duration.ofMinutes(36).getSeconds());
        assertThat(x.getDouble("minC")).isEqualTo(7.0);
        assertThat(x.getDouble("maxC")).isEqualTo(7.5);
        JsonObject summary = get("/api/v1/devices/fridge-1/summary?from=2026-11-23T10:00:00Z&to=2026-11-23T10:53:00Z", admin).json();
        assertThat(summary.getInteger("excursions")).isEqualTo(1);
        assertThat(summary.getDouble("minC")).isEqualTo(4.0);
        assertThat(summary.getDouble("maxC")).isEqualTo(7.5);
        assertThat(summary.getLong("outOfRangeSeconds")).isEqualTo(Duration.ofMinutes(36).getSeconds());
        assertThat(summary.getLong("longestExcursionSeconds")).isEqualTo(Duration.ofMinutes(36).getSeconds());

        // the readings record, paged JSON and CSV
        JsonObject page = get("/api/v1/devices/fridge-1/readings?from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z&limit=10&offset=5", admin).json();
        assertThat(page.getJsonArray("items")).hasSize(10);
        assertThat(page.getJsonArray("items").getJsonObject(0).getString("at")).isEqualTo("2026-11-23T10:05:00Z");
        String csv = getCsv("/api/v1/devices/fridge-1/readings?from=2026-11-23T10:00:00Z&to=2026-11-23T11:00:00Z&limit=3", admin);
        String source = "serial:" + controller.b();
        assertThat(csv.lines().toList()).containsExactly("at,tempC,probe,door,agitator,seq,source,late",
                "2026-11-23T10:00:00Z,4.0,air,CLOSED,UNKNOWN,0," + source + ",false",
                "2026-11-23T10:01:00Z,4.0,air,CLOSED,UNKNOWN,1," + source + ",false",
                "2026-11-23T10:02:00Z,4.0,air,CLOSED,UNKNOWN,2," + source + ",false");
        JsonArray fromMqtt = get("/api/v1/devices/fridge-1/readings?from=2026-11-23T10:36:00Z&to=2026-11-23T10:40:30Z", admin)
                .json().getJsonArray("items");
        assertThat(fromMqtt.stream().map(o -> ((JsonObject) o).getString("source")).distinct().toList()).containsExactly("mqtt");

        String metrics = get("/metrics", null).body();
        // the counter restarted with the process and the continued excursion did not start again
        assertThat(metrics).doesNotContain("hemowatch_excursions_total{device=\"fridge-1\"")
                .contains("hemowatch_device_state{device=\"fridge-1\",site=\"main\",state=\"in_range\"} 1.0")
                .contains("hemowatch_device_temperature_celsius{device=\"fridge-1\",site=\"main\"} 4.0")
                .contains("hemowatch_device_limit_celsius{bound=\"safe_max\",device=\"fridge-1\",site=\"main\"} 6.0")
                // after the restart: 5 readings over MQTT, 12 over the serial line
                .contains("hemowatch_readings_accepted_total{path=\"mqtt\",site=\"main\"} 5.0")
                .contains("hemowatch_readings_accepted_total{path=\"serial\",site=\"main\"} 12.0");
    }

    private void start() throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/coldchain-e2e/hemowatch.yaml")) + """
                serial:
                  ports:
                    - path: %s
                      kind: fridge
                      devices: { "1": fridge-1 }
                """.formatted(controller.b());
        service.start(b -> b.config(yaml));
        http = service.http();
        admin = service.adminKey();
        awaitPortOpen();
    }

    private void awaitPortOpen() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> "OPEN".equals(portState()));
    }

    private void restart() throws Exception {
        service.restart();
        http = service.http();
        awaitPortOpen();
    }

    private int mqttPort() {
        return service.service().mqtt().port();
    }

    /**
     * One controller line a minute from T0+fromMin to T0+toMin over the pseudo-terminal. The line
     * is stamped with the service clock on arrival, so the clock is set first and moves on only
     * once the monitor has seen the reading.
     */
    private void feed(int fromMin, int toMin, double tempC) throws Exception {
        for (int m = fromMin; m <= toMin; m++) {
            Instant at = T0.plus(Duration.ofMinutes(m));
            clock.set(at);
            controller.writeToA(controllerLine("HWT,1," + seq++ + ",air," + tempC + ",C,-"));
            awaitLastReading(at);
        }
    }

    /** A batch with firmware timestamps, one per minute, published with mosquitto_pub (QoS 1: it returns after the commit). */
    private void feedOverMqtt(int fromMin, int toMin, double tempC) throws Exception {
        Instant last = T0.plus(Duration.ofMinutes(toMin));
        clock.set(last);
        StringJoiner batch = new StringJoiner(",", "[", "]");
        for (int m = fromMin; m <= toMin; m++) {
            batch.add(new JsonObject().put("seq", seq++).put("ts", T0.plus(Duration.ofMinutes(m)).toString()).put("tempC", tempC)
                    .put("probe", "air").put("door", "closed").encode());
        }
        Mosquitto.Run pub = Mosquitto.pub(mqttPort(), "fridge-1", deviceKey, null, "-q", "1",
                "-t", "hemowatch/v1/main/devices/fridge-1/readings", "-m", batch.toString());
        assertThat(pub.exit()).as(pub.output()).isZero();
        awaitLastReading(last);
    }

    private void awaitLastReading(Instant at) {
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5)).until(() -> service.service().coldChain()
                .state("main", "fridge-1").map(s -> at.equals(s.lastReadingAt())).orElse(false));
    }

    private static String controllerLine(String body) {
        return "$" + body + "*" + ControllerLineDecoder.checksumHex(body) + "\r\n";
    }

    private String portState() throws Exception {
        JsonArray ports = get("/api/v1/serial", admin).json().getJsonArray("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (ports.getJsonObject(i).getString("path").equals(controller.b().toString())) {
                return ports.getJsonObject(i).getString("state");
            }
        }
        return null;
    }

    private String deviceState() {
        return service.service().coldChain().state("main", "fridge-1").map(s -> s.state().name()).orElse(DeviceState.NO_DATA.name());
    }

    private String unitStatus(String din) throws Exception {
        return get("/api/v1/units/" + din, admin).json().getJsonArray("units").getJsonObject(0).getString("status");
    }

    private JsonArray history(String din) throws Exception {
        return get("/api/v1/units/" + din, admin).json().getJsonArray("units").getJsonObject(0).getJsonArray("history");
    }

    private Http.Response scan(String action, String data, String location) throws Exception {
        return http.post("/api/v1/scans", admin, new JsonObject().put("action", action).put("data", data).put("location", location).encode());
    }

    private Http.Response scanIssue(String din) throws Exception {
        return http.post("/api/v1/scans", admin, new JsonObject().put("action", "ISSUE")
                .put("data", Labels.dinRead(din) + RED_CELLS).put("destination", "ward-7").encode());
    }

    private Http.Response get(String path, String key) throws Exception {
        return http.get(path, key);
    }

    private String createKey(String role, String name) throws Exception {
        Http.Response r = http.post("/api/v1/keys", admin, new JsonObject().put("role", role).put("name", name).put("devices", "device".equals(role) ? new io.vertx.core.json.JsonArray().add("*") : null).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("key");
    }

    private String getCsv(String path, String key) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .header("Authorization", "Bearer " + key).header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        return r.body();
    }
}
