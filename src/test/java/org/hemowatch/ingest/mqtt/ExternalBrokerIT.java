package org.hemowatch.ingest.mqtt;

import org.hemowatch.testing.ServiceBuilder;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** External broker mode against a real Mosquitto: persistent session, ack after commit, broker restarts. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ExternalBrokerIT {

    /** Started subscribed at the broker (a start waits for it). */
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z")))
            .env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).extension().withMosquitto();

    private Mosquitto broker;
    private Http http;

    @BeforeAll
    void start() {
        broker = service.broker();
        http = service.http();
    }

    private List<Long> storedSeqs(String device) {
        return service.service().database().read(c -> ReadingRecords.range(c, "main", device, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 100_000, 0)).stream().map(TemperatureReading::seq).collect(Collectors.toList());
    }

    private static String lines(long from, long to) {
        return LongStream.range(from, to).mapToObj(s -> "{\"seq\":" + s + ",\"tempC\":4." + (s % 10) + "}").collect(Collectors.joining("\n")) + "\n";
    }

    @Test
    void losesNothingPublishedWithQos1AcrossABrokerRestart() throws Exception {
        String topic = "hemowatch/v1/main/devices/fridge-ext/readings";
        assertThat(Mosquitto.pub(broker.port(), null, null, lines(0, 50), "-q", "1", "-t", topic, "-l").exit()).isZero();
        await().atMost(Duration.ofSeconds(20)).until(() -> storedSeqs("fridge-ext").size() == 50);

        // the next ones reach Hemowatch but cannot commit yet: they stay unacknowledged at the broker
        service.service().writer().pause();
        try {
            assertThat(Mosquitto.pub(broker.port(), null, null, lines(50, 100), "-q", "1", "-t", topic, "-l").exit()).isZero();
            Thread.sleep(500);
            broker.stop();
        } finally {
            service.service().writer().resume();
        }
        broker.restart();
        await().atMost(Duration.ofSeconds(30)).until(() -> service.service().mqtt().ready());
        assertThat(Mosquitto.pub(broker.port(), null, null, lines(100, 150), "-q", "1", "-t", topic, "-l").exit()).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> storedSeqs("fridge-ext").size() >= 150);
        Thread.sleep(1000); // any redelivery still in flight must not add rows
        assertThat(storedSeqs("fridge-ext")).hasSize(150).doesNotHaveDuplicates()
                .containsAll(LongStream.range(0, 150).boxed().collect(Collectors.toList()));
    }

    @Test
    void appliesScansFromTheBrokerAndPublishesErrorsAndAlertsThere() throws Exception {
        Path out = service.dir().resolve("errors.txt");
        Process sub = Mosquitto.sub(broker.port(), null, null, out, "-d", "-v", "-q", "1",
                "-t", "hemowatch/v1/main/scanners/scan-ext/errors", "-t", "hemowatch/v1/main/alerts/#");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("SUBACK"));
            assertThat(Mosquitto.pub(broker.port(), null, null, null, "-q", "1", "-t", "hemowatch/v1/main/scanners/scan-ext/scans",
                    "-f", "firmware-protocols/mqtt/examples/scan-reads.json").exit()).isZero();
            assertThat(Mosquitto.pub(broker.port(), null, null, null, "-q", "1", "-t", "hemowatch/v1/main/scanners/scan-ext/scans",
                    "-m", "{\"action\":\"RECEIVE\"}").exit()).isZero();
            service.service().mqtt().publisher().publish("hemowatch/v1/main/alerts/test", Buffer.buffer("{\"alert\":1}"), MqttQoS.AT_LEAST_ONCE, false)
                    .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(out).contains("missing-seq") && Files.readString(out).contains("{\"alert\":1}"));
            await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/units/" + Labels.DIN_2, service.adminKey()).status() == 200);
        } finally {
            sub.destroy();
        }
    }
}
