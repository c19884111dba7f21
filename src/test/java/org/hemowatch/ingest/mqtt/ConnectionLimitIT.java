package org.hemowatch.ingest.mqtt;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
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
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** {@code mqtt.maxConnections}: clients beyond the limit are refused at CONNECT with the version's code, and counted. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ConnectionLimitIT {

    static final String READING = "firmware-protocols/mqtt/examples/reading.json";

    @TempDir
    static Path tmp;

    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z"))).env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).config("mqtt:\n  maxConnections: 2\n").extension();
    private ServiceProbe probe;
    private String deviceKey;
    private int port;

    @BeforeAll
    void start() throws Exception {
        probe = new ServiceProbe(service.running());
        deviceKey = probe.key("device", "main", "fridges");
        port = service.service().mqtt().port();
    }

    private Process subscriber(String device) throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> probe.metric("hemowatch_mqtt_connections") < 2); // the other test's clients are gone
        Path out = tmp.resolve(device + ".txt");
        Process p = Mosquitto.sub(port, device, deviceKey, out, "-d", "-i", device, "-t", "hemowatch/v1/main/devices/" + device + "/errors");
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(out) && Files.readString(out).contains("SUBACK"));
        return p;
    }

    private Mosquitto.Run publish(String device, String version) throws Exception {
        return Mosquitto.pub(port, device, deviceKey, null, "-V", version, "-d", "-q", "1",
                "-t", "hemowatch/v1/main/devices/" + device + "/readings", "-f", READING);
    }

    @Test
    void refusesTheThirdClientWithServerUnavailableOrServerBusyAndCountsIt() throws Exception {
        Process first = subscriber("fridge-a");
        Process second = subscriber("fridge-b");
        try {
            assertThat(probe.metric("hemowatch_mqtt_connections")).isEqualTo(2);

            Mosquitto.Run v311 = publish("fridge-c", "mqttv311");
            Mosquitto.Run v5 = publish("fridge-c", "mqttv5");

            assertThat(v311.exit()).isNotZero();
            assertThat(v311.output()).as("3 = server unavailable").contains("received CONNACK (3)");
            assertThat(v5.exit()).isNotZero();
            assertThat(v5.output()).as("0x89 = server busy").contains("received CONNACK (137)");
            assertThat(probe.stored("fridge-c")).isEmpty();
            assertThat(probe.metric("hemowatch_mqtt_connections_refused_total{reason=\"limit\"}")).isEqualTo(2);
            assertThat(probe.metric("hemowatch_mqtt_connections")).isEqualTo(2);

            // a freed place is available again
            second.destroy();
            second.waitFor(5, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(10)).until(() -> probe.metric("hemowatch_mqtt_connections") == 1);
            Mosquitto.Run later = publish("fridge-c", "mqttv311");
            assertThat(later.exit()).as(later.output()).isZero();
            assertThat(probe.stored("fridge-c")).extracting(TemperatureReading::seq).containsExactly(42L);
        } finally {
            first.destroy();
            second.destroy();
        }
    }

    @Test
    void letsADeviceReconnectWithItsClientIdAtTheLimitTakingOverItsOldConnection() throws Exception {
        Process first = subscriber("fridge-d");
        Process second = subscriber("fridge-e");
        try {
            double refused = probe.metric("hemowatch_mqtt_connections_refused_total{reason=\"limit\"}");

            // e.g. the device rebooted and its old connection is still open: the new one replaces it (MQTT 3.1.1 §3.1.4)
            Mosquitto.Run again = Mosquitto.pub(port, "fridge-d", deviceKey, null, "-i", "fridge-d", "-d", "-q", "1",
                    "-t", "hemowatch/v1/main/devices/fridge-d/readings", "-f", READING);

            assertThat(again.exit()).as(again.output()).isZero();
            assertThat(probe.stored("fridge-d")).extracting(TemperatureReading::seq).containsExactly(42L);
            assertThat(probe.metric("hemowatch_mqtt_connections_refused_total{reason=\"limit\"}")).isEqualTo(refused);
            assertThat(probe.metric("hemowatch_mqtt_connections")).isLessThanOrEqualTo(2);
        } finally {
            first.destroy();
            second.destroy();
        }
    }
}
