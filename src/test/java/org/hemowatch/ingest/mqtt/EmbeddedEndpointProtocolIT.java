package org.hemowatch.ingest.mqtt;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.testing.Mosquitto;
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
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Protocol corners of the embedded endpoint with real peers: QoS 2, MQTT 5 clients, oversized
 * packets, keep-alive and the last will of a silent client.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class EmbeddedEndpointProtocolIT {

    static final String READING = "firmware-protocols/mqtt/examples/reading.json";
    static final int MAX_PAYLOAD = 64 * 1024; // the default mqtt.maxMessageBytes

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z"))).env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).extension();
    private ServiceProbe probe;
    private String deviceKey;
    private int port;
    private final List<DeviceStatusReport> statuses = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        probe = new ServiceProbe(service.running());
        deviceKey = probe.key("device", "main", "fridges");
        port = service.service().mqtt().port();
        service.service().readings().onStatus(statuses::add);
    }

    private static String topic(String device) {
        return "hemowatch/v1/main/devices/" + device + "/readings";
    }

    private static String lines(long from, long to) {
        return LongStream.range(from, to).mapToObj(s -> "{\"seq\":" + s + ",\"tempC\":4." + (s % 10) + "}").collect(Collectors.joining("\n")) + "\n";
    }

    private static long count(String text, String what) {
        return text.lines().filter(l -> l.contains(what)).count();
    }

    // ---- QoS 2 ----

    @Test
    void storesEveryQos2MessageFromMosquittoPubExactlyOnce() throws Exception {
        Mosquitto.Run r = Mosquitto.pub(port, "fridge-q2", deviceKey, lines(0, 20), "-d", "-q", "2", "-t", topic("fridge-q2"), "-l");

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(count(r.output(), "received PUBREC")).as(r.output()).isEqualTo(20);
        assertThat(count(r.output(), "received PUBCOMP")).as(r.output()).isEqualTo(20);
        assertThat(probe.stored("fridge-q2")).extracting(TemperatureReading::seq)
                .containsExactlyElementsOf(LongStream.range(0, 20).boxed().toList());
    }

    @Test
    void sendsPubrecForQos2OnlyAfterTheCommit() throws Exception {
        Vertx vertx = Vertx.vertx();
        Path out = tmp.resolve("q2-pub.txt");
        try {
            MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId("fridge-q2a").setUsername("fridge-q2a").setPassword(deviceKey));
            AtomicInteger completed = new AtomicInteger();
            client.publishCompletionHandler(id -> completed.incrementAndGet()); // QoS 2: on PUBCOMP, which follows PUBREC
            client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            service.service().writer().pause();
            Process cli;
            try {
                client.publish(topic("fridge-q2a"), Buffer.buffer(Files.readString(Path.of(READING))), MqttQoS.EXACTLY_ONCE, false, false);
                List<String> cmd = new java.util.ArrayList<>(List.of("stdbuf", "-oL")); // line-buffered: the test reads the log as it grows
                cmd.addAll(Mosquitto.client("mosquitto_pub", port, "fridge-q2b", deviceKey, "-d", "-q", "2", "-t", topic("fridge-q2b"), "-f", READING));
                cli = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
                await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("sending PUBLISH"));
                Thread.sleep(1500);
                assertThat(completed.get()).as("QoS 2 handshake completed while the writer is paused").isZero();
                assertThat(Files.readString(out)).doesNotContain("PUBREC");
                assertThat(cli.isAlive()).as("mosquitto_pub -q 2 waits for PUBREC/PUBCOMP").isTrue();
                assertThat(probe.stored("fridge-q2a")).isEmpty();
            } finally {
                service.service().writer().resume();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> completed.get() == 1);
            assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(cli.exitValue()).as(Files.readString(out)).isZero();
            assertThat(Files.readString(out)).contains("received PUBREC").contains("received PUBCOMP");
            assertThat(probe.stored("fridge-q2a")).extracting(TemperatureReading::seq).containsExactly(42L);
            assertThat(probe.stored("fridge-q2b")).extracting(TemperatureReading::seq).containsExactly(42L);
            client.disconnect();
        } finally {
            vertx.close();
        }
    }

    // ---- MQTT 5 ----

    @Test
    void storesAReadingFromAnMqtt5Client() throws Exception {
        Mosquitto.Run r = Mosquitto.pub(port, "fridge-v5", deviceKey, null, "-V", "mqttv5", "-d", "-q", "1", "-t", topic("fridge-v5"), "-f", READING);

        assertThat(r.exit()).as(r.output()).isZero();
        assertThat(r.output()).contains("received PUBACK");
        assertThat(probe.stored("fridge-v5")).extracting(TemperatureReading::seq).containsExactly(42L);
    }

    @Test
    void refusesMqtt5ClientsWithMqtt5ReasonCodes() throws Exception {
        Mosquitto.Run wrong = Mosquitto.pub(port, "fridge-v5x", "hw_not-a-key", null, "-V", "mqttv5", "-d", "-q", "1", "-t", topic("fridge-v5x"), "-f", READING);
        Mosquitto.Run anonymous = Mosquitto.pub(port, null, null, null, "-V", "mqttv5", "-d", "-q", "1", "-t", topic("fridge-v5x"), "-f", READING);

        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.output()).as("0x86 bad user name or password").contains("received CONNACK (134)");
        assertThat(anonymous.exit()).isNotZero();
        assertThat(anonymous.output()).as("0x87 not authorized").contains("received CONNACK (135)");
        assertThat(probe.stored("fridge-v5x")).isEmpty();
    }

    @Test
    void turnsTheLastWillOfADroppedMqtt5ClientIntoAnOfflineStatus() throws Exception {
        Path out = tmp.resolve("v5-will.txt");
        Process device = Mosquitto.sub(port, "fridge-v5w", deviceKey, out, "-V", "mqttv5", "-d", "-i", "fridge-v5w",
                "-t", "hemowatch/v1/main/devices/fridge-v5w/errors",
                "--will-topic", "hemowatch/v1/main/devices/fridge-v5w/status", "--will-payload", "offline", "--will-qos", "1");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out) && Files.readString(out).contains("SUBACK"));
        device.destroyForcibly().waitFor(); // no DISCONNECT

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.stream().anyMatch(s -> s.device().equals("fridge-v5w")));
        assertThat(statuses).filteredOn(s -> s.device().equals("fridge-v5w")).extracting(DeviceStatusReport::code).containsExactly("offline");
    }

    // ---- oversized packets ----

    @Test
    void rejectsAPayloadJustOverTheLimitButClosesTheConnectionOfOneFarOverIt() throws Exception {
        String errors = "hemowatch/v1/main/devices/fridge-big/errors";
        Path out = tmp.resolve("big-errors.txt");
        Process sub = Mosquitto.sub(port, "fridge-big", deviceKey, out, "-d", "-v", "-q", "1", "-t", errors);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("SUBACK"));
            double before = probe.metric("hemowatch_mqtt_messages_rejected_total{reason=\"too-large\"}");

            // just over mqtt.maxMessageBytes: acknowledged, rejected on the errors topic, counted
            Mosquitto.Run slightly = Mosquitto.pub(port, "fridge-big", deviceKey, "x".repeat(MAX_PAYLOAD + 1), "-d", "-q", "1", "-t", topic("fridge-big"), "-s");
            assertThat(slightly.exit()).as(slightly.output()).isZero();
            assertThat(slightly.output()).contains("received PUBACK");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("\"rule\":\"too-large\""));
            assertThat(probe.metric("hemowatch_mqtt_messages_rejected_total{reason=\"too-large\"}")).isEqualTo(before + 1);

            // beyond the limit + 2 KiB header room: the MQTT codec gives up and the connection is closed, no PUBACK
            Mosquitto.Run far = Mosquitto.pub(port, "fridge-big", deviceKey, "x".repeat(MAX_PAYLOAD + 4096), "-d", "-q", "1", "-t", topic("fridge-big"), "-s");
            assertThat(far.exit()).as(far.output()).isNotZero();
            assertThat(far.output()).contains("connection was lost").doesNotContain("received PUBACK");

            // the service and the other connection (the subscriber) carry on
            assertThat(probe.healthy()).isTrue();
            assertThat(probe.metric("hemowatch_mqtt_messages_rejected_total{reason=\"too-large\"}")).isEqualTo(before + 1);
            assertThat(sub.isAlive()).isTrue();
            assertThat(Mosquitto.pub(port, "fridge-big", deviceKey, "{\"seq\":7,\"tempC\":4.5,\"door\":\"ajar\"}", "-q", "1", "-t", topic("fridge-big"), "-s").exit()).isZero();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("\"rule\":\"bad-door\""));
            assertThat(Mosquitto.pub(port, "fridge-big", deviceKey, null, "-q", "1", "-t", topic("fridge-big"), "-f", READING).exit()).isZero();
            assertThat(probe.stored("fridge-big")).extracting(TemperatureReading::seq).containsExactly(42L);
        } finally {
            sub.destroy();
        }
    }

    // ---- keep-alive and last will ----

    @Test
    void closesASilentClientAfterOneAndAHalfKeepAlivesAndProcessesItsWill() throws Exception {
        for (int keepAlive : new int[]{1, 2}) {
            String device = "fridge-silent-" + keepAlive;
            long closedAfterMs;
            try (RawMqttConnection c = RawMqttConnection.connect(port, device, device, deviceKey, keepAlive,
                    "hemowatch/v1/main/devices/" + device + "/status", "offline")) {
                long t0 = System.nanoTime();
                assertThat(c.awaitClosedByServer(10_000)).as("closed by the server").isTrue();
                closedAfterMs = (System.nanoTime() - t0) / 1_000_000;
            }
            // 1.5 × keep-alive, in whole seconds rounded up (vertx-mqtt's idle timer): 1 s -> 2 s, 2 s -> 3 s
            long expectedMs = (long) Math.ceil(keepAlive * 1.5) * 1000;
            assertThat(closedAfterMs).as("keep-alive %d s", keepAlive).isBetween(1500L * keepAlive - 100, expectedMs + 1000);
            await().atMost(Duration.ofSeconds(5)).until(() -> statuses.stream().anyMatch(s -> s.device().equals(device)));
            assertThat(statuses).filteredOn(s -> s.device().equals(device)).extracting(DeviceStatusReport::code).containsExactly("offline");
        }
    }
}
