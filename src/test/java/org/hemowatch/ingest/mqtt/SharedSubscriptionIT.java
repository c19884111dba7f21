package org.hemowatch.ingest.mqtt;

import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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

    /** Two instances on one Mosquitto, client ids hw-1 and hw-2 in the group hw, each started subscribed. */
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z")))
            .extension().instances(2);

    private Mosquitto broker;

    @BeforeAll
    void start() {
        broker = service.broker();
    }

    /** What instance {@code i} (0: a, 1: b) stored. */
    private static List<String> stored(int i) throws Exception {
        List<String> keys = new ArrayList<>();
        for (String device : DEVICES) {
            for (TemperatureReading r : new ServiceProbe(service.instance(i)).stored(device)) {
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

        await().atMost(Duration.ofSeconds(30)).until(() -> stored(0).size() + stored(1).size() >= 200);
        Thread.sleep(500); // a message delivered to both would show up now
        List<String> inA = stored(0);
        List<String> inB = stored(1);
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
        int aBefore = stored(0).size();
        int before = aBefore + stored(1).size();
        service.stop(1);
        for (String device : DEVICES) {
            Mosquitto.Run r = Mosquitto.pub(broker.port(), null, null, lines(50, 60), "-q", "1",
                    "-t", "hemowatch/v1/main/devices/" + device + "/readings", "-l");
            assertThat(r.exit()).as(r.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(0).size() > aBefore);
        Thread.sleep(1000);
        int aWhileBDown = stored(0).size();

        service.start(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> stored(0).size() + stored(1).size() >= before + 40);
        Thread.sleep(500);
        List<String> inA = stored(0);
        List<String> inB = stored(1);
        Set<String> all = new HashSet<>(inA);
        all.addAll(inB);
        assertThat(inA.size() + inB.size()).as("a had %d while b was down", aWhileBDown).isEqualTo(before + 40);
        assertThat(all).hasSize(before + 40);
    }
}
