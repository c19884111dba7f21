package org.hemowatch.ingest.mqtt;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simulate command against the embedded endpoint. The simulator dates its labels from the real
 * clock, so the service runs on a clock starting now (a fixed test date would make its labels implausible).
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SimulatorIT {

    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.now()))
            .env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).extension();

    @Test
    void simulatorPublishesReadingsAndScansThatAreStored() throws Exception {
        Http http = service.http();
        String admin = service.adminKey();
        Http.Response k = http.post("/api/v1/keys", admin, new JsonObject().put("role", "device").put("site", "main").put("name", "simulator")
                .put("devices", new JsonArray().add("*")).encode());
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        int port = service.service().mqtt().port();

        int exit = new picocli.CommandLine(new org.hemowatch.app.cli.SimulateCommand()).execute(
                "--mqtt", "tcp://127.0.0.1:" + port, "--site", "main", "--fridges", "3", "--scanners", "1",
                "--interval", "300ms", "--duration", "2s", "--password", k.json().getString("key"));

        assertThat(exit).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> stored("fridge-03").size() >= 3);
        assertThat(stored("fridge-01")).allSatisfy(r -> assertThat(r.tempC()).isBetween(2.0, 6.0));
        String metrics = http.get("/metrics", admin).body();
        assertThat(metrics.lines().filter(l -> l.startsWith("hemowatch_scans_accepted_total") && l.contains("path=\"mqtt\"")))
                .as(metrics.lines().filter(l -> l.contains("scans_rejected")).toList().toString())
                .isNotEmpty();
    }

    private List<TemperatureReading> stored(String device) {
        return service.service().database().read(c -> ReadingRecords.range(c, "main", device, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 100_000, 0));
    }
}
