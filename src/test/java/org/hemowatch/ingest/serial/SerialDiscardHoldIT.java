package org.hemowatch.ingest.serial;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.SocatPair;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scanner on a serial port (a socat pseudo-terminal) configured to DISCARD: it cannot sign, so each
 * unit it scans is held for a person's signed discard, and its errors topic (read here with a real
 * mosquitto_sub) says so.
 */
@Timeout(120)
class SerialDiscardHoldIT {

    @TempDir
    Path dir;

    /** Started by the test once the pseudo-terminal its config names exists. */
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(Clock.systemUTC()).env(Map.of("HEMOWATCH_ZONE", "Europe/London"))
            .extension().startedByTest();
    private SocatPair scanner;

    @AfterEach
    void stop() throws Exception {
        service.stop(); // before its serial port goes away
        if (scanner != null) {
            scanner.close();
        }
    }

    @Test
    void aSerialDiscardScanHoldsTheUnitAndTellsTheScanner() throws Exception {
        scanner = SocatPair.start(dir.resolve("scanner-sim"), dir.resolve("scanner-port"));
        service.start(b -> b.config("""
                        serial:
                          ports:
                            - path: %s
                              kind: scanner
                              scanner: disp-1
                              action: DISCARD
                              location: disposal-bin
                              quietTime: PT0.3S
                        """.formatted(scanner.b())));
        Http http = service.http();
        String admin = service.adminKey();
        String din = "A999926000779";
        assertThat(http.post("/api/v1/scans", admin, new JsonObject().put("action", "RECEIVE").put("data", Labels.label(Labels.dinRead(din),
                Labels.O_NEG, Labels.RED_CELLS, Labels.expiryInDays(Clock.systemUTC(), 5))).encode()).status()).isEqualTo(201);
        String scannerKey = http.post("/api/v1/keys", admin, new JsonObject().put("role", "device").put("name", "disposal scanner")
                .put("devices", new JsonArray().add("disp-1")).encode()).json().getString("key");
        Path errors = dir.resolve("errors.txt");
        Process sub = Mosquitto.sub(service.service().mqtt().port(), "disp-1", scannerKey, errors, "-d", "-v", "-q", "1",
                "-t", "hemowatch/v1/main/scanners/disp-1/errors");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(errors) && Files.readString(errors).contains("SUBACK"));
            await().atMost(Duration.ofSeconds(20)).until(() -> "OPEN".equals(portState(http, admin, scanner.b())));

            scanner.writeToA("]C0" + Labels.dinRead(din) + "\r\n");

            await().atMost(Duration.ofSeconds(10)).until(() -> "QUARANTINED".equals(unit(http, admin, din).getString("status")));
            JsonObject unit = unit(http, admin, din);
            assertThat(unit.getString("statusReason")).isEqualTo("discard-pending-signature");
            JsonArray history = unit.getJsonArray("history");
            assertThat(history.getJsonObject(history.size() - 1).getString("source")).isEqualTo("serial:disp-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(errors).contains("\"rule\":\"discard-pending-signature\""));
            assertThat(ServiceState.metric(http, admin, "hemowatch_scans_accepted_total{action=\"DISCARD_HELD\",path=\"serial\",site=\"main\"}"))
                    .isEqualTo(1.0);
            assertThat(http.get("/api/v1/audit", admin).body()).doesNotContain("unit.discard");
        } finally {
            sub.destroy();
        }
    }

    private static JsonObject unit(Http http, String admin, String din) throws Exception {
        Http.Response r = http.get("/api/v1/units/" + din, admin);
        return r.status() == 200 ? r.json().getJsonArray("units").getJsonObject(0) : new JsonObject();
    }

    private static String portState(Http http, String admin, Path path) throws Exception {
        JsonArray ports = http.get("/api/v1/serial", admin).json().getJsonArray("ports");
        for (int i = 0; i < ports.size(); i++) {
            if (ports.getJsonObject(i).getString("path").equals(path.toString())) {
                return ports.getJsonObject(i).getString("state");
            }
        }
        return null;
    }
}
