package org.hemowatch.ingest.serial;

import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.SocatPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The serial adapter inside the whole service, over real pseudo-terminals made by socat: fridge
 * lines become stored readings, scanner reads become scans, a lost port marks its devices offline,
 * and a new pty at the same path is picked up without a restart.
 */
@Timeout(120)
class SerialIngestIT {

    @TempDir
    Path dir;

    private SocatPair fridge;
    private SocatPair scanner;
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().env(Map.of("HEMOWATCH_ZONE", "Europe/London")).extension().startedByTest();
    private final List<TemperatureReading> stored = new CopyOnWriteArrayList<>();
    private final List<DeviceStatusReport> statuses = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        fridge = SocatPair.start(dir.resolve("fridge-sim"), dir.resolve("fridge-port"));
        scanner = SocatPair.start(dir.resolve("scanner-sim"), dir.resolve("scanner-port"));
        service.start(b -> b.config("""
                serial:
                  ports:
                    - path: %s
                      kind: fridge
                      devices: { "1": fridge-1, "2": freezer-1 }
                    - path: %s
                      kind: scanner
                      scanner: recv-1
                      action: RECEIVE
                      location: receiving
                      quietTime: PT0.3S
                coldChain:
                  devices:
                    - { id: fridge-1, kind: refrigerator }
                    - { id: freezer-1, kind: freezer }
                """.formatted(fridge.b(), scanner.b())));
        service.service().readings().onReadings(stored::addAll);
        service.service().readings().onStatus(statuses::add);
        awaitPortState(fridge.b(), "OPEN");
        awaitPortState(scanner.b(), "OPEN");
    }

    @AfterEach
    void stop() throws Exception {
        service.stop(); // before its ports go
        fridge.close();
        scanner.close();
    }

    @Test
    void storesReadingsFromControllerLinesOfSeveralDevicesOnOnePort() throws Exception {
        fridge.writeToA(line("HWT,1,7,air,4.2,C,-") + line("HWT,2,8,product,-30.5,-,-"));

        await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 2);
        assertThat(stored).extracting(TemperatureReading::device).containsExactlyInAnyOrder("fridge-1", "freezer-1");
        assertThat(stored).filteredOn(r -> r.device().equals("freezer-1")).singleElement()
                .satisfies(r -> {
                    assertThat(r.tempC()).isEqualTo(-30.5);
                    assertThat(r.probe()).isEqualTo("product");
                    assertThat(r.seq()).isEqualTo(8);
                    assertThat(r.source()).isEqualTo("serial:" + fridge.b());
                });
    }

    @Test
    void dropsAndCountsALineWithAWrongChecksum() throws Exception {
        fridge.writeToA("$HWT,1,9,air,4.2,C,-*00\r\n" + line("HWT,1,10,air,4.3,C,-"));

        await().atMost(Duration.ofSeconds(10)).until(() -> stored.size() == 1);
        assertThat(stored.get(0).seq()).isEqualTo(10);
        String metrics = service.http().get("/metrics", null).body();
        assertThat(metrics).containsPattern("hemowatch_serial_lines_rejected_total\\{path=\"[^\"]*fridge-port\",reason=\"bad-checksum\"} 1.0");
    }

    @Test
    void assemblesSeparateScannerReadsIntoOneReceipt() throws Exception {
        String din = "A999926000777";
        scanner.writeToA("]C0" + Labels.dinRead(din) + "\r\n");
        scanner.writeToA(Labels.O_NEG + "\r\n" + Labels.RED_CELLS + "\n" + Labels.expiryInDays(Clock.systemUTC(), 3) + "\r\n");

        Http http = service.http();
        String key = service.adminKey();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/api/v1/units/" + din, key).status() == 200);
        var unit = http.get("/api/v1/units/" + din, key).json().getJsonArray("units").getJsonObject(0);
        assertThat(unit.getString("status")).isEqualTo("RECEIVED");
        assertThat(unit.getString("location")).isEqualTo("receiving");
        assertThat(unit.getJsonArray("history").getJsonObject(0).getString("source")).isEqualTo("serial:recv-1");
    }

    @Test
    void rejectsAScanWithoutProductCodeAndCountsIt() throws Exception {
        scanner.writeToA(Labels.dinRead("A999926000778") + "\r\n" + Labels.O_NEG + "\r\n");

        Http http = service.http();
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get("/metrics", null).body()
                .contains("hemowatch_scans_rejected_total{path=\"serial\",reason=\"product-code-missing\",site=\"main\"} 1.0"));
    }

    @Test
    void marksDevicesOfALostPortOfflineAndReconnectsToANewPtyAtTheSamePath() throws Exception {
        fridge.kill();

        await().atMost(Duration.ofSeconds(10)).until(() -> statuses.stream()
                .filter(s -> s.code().equals("offline")).map(DeviceStatusReport::device).distinct().count() == 2);
        assertThat(portState(fridge.b())).isNotEqualTo("OPEN");

        fridge = SocatPair.start(dir.resolve("fridge-sim"), dir.resolve("fridge-port"));
        awaitPortState(fridge.b(), "OPEN");
        fridge.writeToA(line("HWT,1,11,air,4.4,C,-"));

        await().atMost(Duration.ofSeconds(10)).until(() -> stored.stream().anyMatch(r -> r.seq() == 11));
        assertThat(statuses).anyMatch(s -> s.code().equals("online") && s.device().equals("fridge-1"));
    }

    private void awaitPortState(Path path, String state) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> state.equals(portState(path)));
    }

    private String portState(Path path) throws Exception {
        var ports = service.http().get("/api/v1/serial", service.adminKey()).json().getJsonArray("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (ports.getJsonObject(i).getString("path").equals(path.toString())) {
                return ports.getJsonObject(i).getString("state");
            }
        }
        return null;
    }

    private static String line(String body) {
        return "$" + body + "*" + ControllerLineDecoder.checksumHex(body) + "\r\n";
    }
}
