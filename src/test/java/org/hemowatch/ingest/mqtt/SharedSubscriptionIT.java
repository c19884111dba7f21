package org.hemowatch.ingest.mqtt;

import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.RunningService;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two Hemowatch instances (each with its own SQLite store) in external-broker mode share the
 * subscription {@code $share/hw/...} on one real Mosquitto: together they store every reading once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SharedSubscriptionIT {

    static final List<String> DEVICES = List.of("fridge-s1", "fridge-s2", "fridge-s3", "fridge-s4");

    @TempDir
    static Path tmp;

    private Mosquitto broker;
    private RunningService a;
    private RunningService b;

    @BeforeAll
    void start() throws Exception {
        broker = Mosquitto.start(Files.createDirectories(tmp.resolve("broker")));
        a = instance("hw-a");
        b = instance("hw-b");
        await().atMost(Duration.ofSeconds(20)).until(() -> a.service().mqtt().ready() && b.service().mqtt().ready());
    }

    private RunningService instance(String clientId) throws Exception {
        Path data = Files.createDirectories(tmp.resolve(clientId).resolve("data")); // YAML goes to tmp/<clientId>
        return ServiceBuilder.service().dataDir(data).clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z"))).env(Map.of("HEMOWATCH_MQTT_BROKER", broker.url(), "HEMOWATCH_UNKNOWN_DEVICES", "register")).config("mqtt:\n  clientId: " + clientId + "\n  sharedGroup: hw\n").start();
    }

    @AfterAll
    void stop() throws Exception {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        broker.close();
    }

    private static List<String> stored(RunningService s) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String device : DEVICES) {
            for (TemperatureReading r : new ServiceProbe(s).stored(device)) {
                keys.add(device + "#" + r.seq());
            }
        }
        return keys;
    }

    private static String lines(long from, long to) {
        return LongStream.range(from, to).mapToObj(s -> "{\"seq\":" + s + ",\"tempC\":4." + (s % 10) + "}").collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    @Order(1)
    void twoInstancesOnASharedSubscriptionStoreEveryReadingExactlyOnceBetweenThem() throws Exception {
        for (String device : DEVICES) {
            Mosquitto.Run r = Mosquitto.pub(broker.port(), null, null, lines(0, 50), "-q", "1",
                    "-t", "hemowatch/v1/main/devices/" + device + "/readings", "-l");
            assertThat(r.exit()).as(r.output()).isZero();
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(a).size() + stored(b).size() >= 200);
        Thread.sleep(500); // a message delivered to both would show up now
        List<String> inA = stored(a);
        List<String> inB = stored(b);
        Set<String> all = new HashSet<>(inA);
        all.addAll(inB);
        assertThat(inA.size() + inB.size()).isEqualTo(200);
        assertThat(all).hasSize(200);
        assertThat(inA).as("instance a got a share").isNotEmpty();
        assertThat(inB).as("instance b got a share").isNotEmpty();
    }

    /**
     * Mosquitto 2.0.11 keeps dealing the group's messages round-robin to a member whose persistent
     * session is offline and queues them there: they arrive when that instance comes back, not at the
     * instance that is still running (documented in firmware-protocols/mqtt.md §9).
     */
    @Test
    @Order(2)
    void readingsQueuedForAStoppedInstanceArriveWhenItIsBackAndNoneIsStoredTwice() throws Exception {
        int aBefore = stored(a).size();
        int before = aBefore + stored(b).size();
        b.close();
        b = null;
        for (String device : DEVICES) {
            Mosquitto.Run r = Mosquitto.pub(broker.port(), null, null, lines(50, 60), "-q", "1",
                    "-t", "hemowatch/v1/main/devices/" + device + "/readings", "-l");
            assertThat(r.exit()).as(r.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(a).size() > aBefore);
        Thread.sleep(1000);
        int aWhileBDown = stored(a).size();

        b = instance("hw-b");
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(a).size() + stored(b).size() >= before + 40);
        Thread.sleep(500);
        List<String> inA = stored(a);
        List<String> inB = stored(b);
        Set<String> all = new HashSet<>(inA);
        all.addAll(inB);
        assertThat(inA.size() + inB.size()).as("a had %d while b was down", aWhileBDown).isEqualTo(before + 40);
        assertThat(all).hasSize(before + 40);
    }
}
