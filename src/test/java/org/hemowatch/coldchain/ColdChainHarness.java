package org.hemowatch.coldchain;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.RunningService;
import org.hemowatch.testing.TestClock;
import org.hemowatch.testing.ThrowingRunnable;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole service with {@code coldchain-service/hemowatch.yaml} (plus extra {@code coldChain} keys per test),
 * driven by a {@link TestClock}: readings arrive over the embedded MQTT endpoint with {@code mosquitto_pub}
 * (QoS 1, firmware timestamps) and a device key; everything else is asserted over HTTP. The service is the
 * test's {@link HemowatchExtension}, made by {@link #extension(TestClock)}:
 * <pre>
 * &#64;RegisterExtension
 * final HemowatchExtension service = ColdChainHarness.extension(clock);
 * ... h = ColdChainHarness.start(service, "  readingRetention: P30D\n");
 * </pre>
 */
final class ColdChainHarness {

    static final String SITE = "main";

    private final HemowatchExtension service;
    private final TestClock clock;
    private String admin;
    private String deviceKey;
    private long seq;

    private ColdChainHarness(HemowatchExtension service) {
        this.service = service;
        this.clock = (TestClock) service.clock();
    }

    /** The extension of a cold-chain test, started by {@link #start}, on {@code clock}. */
    static HemowatchExtension extension(TestClock clock) {
        return ServiceBuilder.service().clock(clock).extension().startedByTest();
    }

    /** Starts the service; {@code extraColdChainYaml} are lines indented by two spaces (keys of {@code coldChain}). */
    static ColdChainHarness start(HemowatchExtension service, String extraColdChainYaml) throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/coldchain-service/hemowatch.yaml")) + extraColdChainYaml;
        service.start(b -> b.config(yaml));
        ColdChainHarness h = new ColdChainHarness(service);
        h.admin = service.adminKey();
        h.deviceKey = h.createKey("device", "cold-chain sensors");
        return h;
    }

    /** Stops the service and starts it again on the same data directory. */
    void restart() throws Exception {
        service.restart();
    }

    /** As {@link #restart()}, running {@code whileStopped} between the stop and the start. */
    void restart(ThrowingRunnable whileStopped) throws Exception {
        service.restart(whileStopped);
    }

    RunningService service() {
        return service.running();
    }

    ColdChainService coldChain() {
        return service.service().coldChain();
    }

    Path databaseFile() throws Exception {
        return service.dataDir().resolve("hemowatch.db");
    }

    String admin() {
        return admin;
    }

    Http http() {
        return service.http();
    }

    String createKey(String role, String name) throws Exception {
        Http.Response r = http().post("/api/v1/keys", admin, new JsonObject().put("role", role).put("name", name).put("devices", "device".equals(role) ? new io.vertx.core.json.JsonArray().add("*") : null).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("key");
    }

    Http.Response get(String path) throws Exception {
        return http().get(path, admin);
    }

    /** GET that must answer 200; its JSON body. */
    JsonObject json(String path) throws Exception {
        Http.Response r = http().get(path, admin);
        assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
        return r.json();
    }

    /** The device as GET /api/v1/devices lists it (null if not listed). */
    JsonObject listedDevice(String id) throws Exception {
        JsonArray items = json("/api/v1/devices").getJsonArray("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.getJsonObject(i).getString("id").equals(id)) {
                return items.getJsonObject(i);
            }
        }
        return null;
    }

    /** Alerts of a kind (topic name, e.g. {@code sensor-offline}) for a device, any state. */
    List<JsonObject> alerts(String kind, String device) throws Exception {
        return json("/api/v1/alerts?kind=" + kind).getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(a -> device.equals(a.getString("subject"))).toList();
    }

    /** One reading with its own timestamp; returns once the monitor has processed it. */
    void reading(String device, Instant at, double tempC) throws Exception {
        reading(device, at, tempC, null, null);
    }

    /** One reading with door ({@code open}/{@code closed}) and agitator ({@code on}/{@code off}) fields when not null. */
    void reading(String device, Instant at, double tempC, String door, String agitator) throws Exception {
        JsonObject r = new JsonObject().put("seq", seq++).put("ts", at.toString()).put("tempC", tempC).put("probe", "air");
        if (door != null) {
            r.put("door", door);
        }
        if (agitator != null) {
            r.put("agitator", agitator);
        }
        clock.set(at);
        publish(device, new JsonArray().add(r).encode());
        awaitLastReading(device, at);
    }

    /** Publishes a readings payload as the device (QoS 1: mosquitto_pub returns after the service stored it). */
    void publish(String device, String payload) throws Exception {
        Mosquitto.Run pub = Mosquitto.pub(service.service().mqtt().port(), device, deviceKey, null, "-q", "1",
                "-t", "hemowatch/v1/" + SITE + "/devices/" + device + "/readings", "-m", payload);
        assertThat(pub.exit()).as(pub.output()).isZero();
    }

    void awaitLastReading(String device, Instant at) {
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(5))
                .until(() -> coldChain().state(SITE, device).map(s -> at.equals(s.lastReadingAt())).orElse(false));
    }

    DeviceMonitorState state(String device) {
        return coldChain().state(SITE, device).orElseThrow();
    }

    /** Runs one tick at the clock's time and waits until its changes are stored. */
    void tick() throws Exception {
        coldChain().tick().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
