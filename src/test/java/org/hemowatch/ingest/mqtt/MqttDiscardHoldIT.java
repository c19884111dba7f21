package org.hemowatch.ingest.mqtt;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.api.Signatures;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A DISCARD scan published by a real mosquitto_pub to the embedded endpoint: a scanner cannot sign,
 * so the unit is held for a person's signed discard; the PUBACK comes after the hold's commit and the
 * scanner's errors topic says why nothing was discarded. A person then completes the discard.
 */
@Timeout(120)
class MqttDiscardHoldIT {

    private static final String PASSWORD = "correct horse battery";

    @TempDir
    Path tmp;

    private final TestClock clock = new TestClock(Instant.now());
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).extension();

    @Test
    void aScannersDiscardIsHeldAcknowledgedAndReportedThenAPersonSignsIt() throws Exception {
        Http http = new Http(service.httpPort());
        String admin = service.adminKey();
        int port = service.service().mqtt().port();
        Http.Response key = http.post("/api/v1/keys", admin, new JsonObject().put("role", "device").put("name", "disposal scanner")
                .put("devices", new JsonArray().add("scan-1")).encode());
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        String scanner = key.json().getString("key");
        assertThat(http.post("/api/v1/scans", admin, new JsonObject().put("action", "RECEIVE").put("data", Labels.label(Labels.DIN_1_READ,
                Labels.O_NEG, Labels.RED_CELLS, Labels.expiryInDays(clock, 5))).encode()).status()).isEqualTo(201);
        Path errors = tmp.resolve("errors.txt");
        Process sub = Mosquitto.sub(port, "scan-1", scanner, errors, "-d", "-v", "-q", "1", "-t", "hemowatch/v1/main/scanners/scan-1/errors");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(errors) && Files.readString(errors).contains("SUBACK"));

            Mosquitto.Run pub = Mosquitto.pub(port, "scan-1", scanner, null, "-d", "-q", "1", "-t", "hemowatch/v1/main/scanners/scan-1/scans",
                    "-m", "{\"seq\":1,\"action\":\"DISCARD\",\"data\":\"" + Labels.DIN_1_READ + "\",\"reason\":\"bag leaking\"}");

            assertThat(pub.exit()).as(pub.output()).isZero();
            assertThat(pub.output()).as("acknowledged").contains("PUBACK");
            JsonObject unit = http.get("/api/v1/units/" + Labels.DIN_1, admin).json().getJsonArray("units").getJsonObject(0);
            assertThat(unit.getString("status")).as("the PUBACK follows the commit").isEqualTo("QUARANTINED");
            assertThat(unit.getString("statusReason")).isEqualTo("discard-pending-signature: bag leaking");
            JsonArray history = unit.getJsonArray("history");
            assertThat(history.getJsonObject(history.size() - 1).getString("source")).isEqualTo("mqtt:scan-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(errors).contains("\"rule\":\"discard-pending-signature\""));
            assertThat(Files.readString(errors)).contains("\"seq\":1");
            assertThat(ServiceState.metric(http, admin, "hemowatch_scans_accepted_total{action=\"DISCARD_HELD\",path=\"mqtt\",site=\"main\"}"))
                    .isEqualTo(1.0);
            assertThat(http.get("/api/v1/audit", admin).body()).doesNotContain("unit.discard");
        } finally {
            sub.destroy();
        }

        SessionClient tina = SessionClient.person(service.httpPort(), admin, "tina", "technician", PASSWORD);
        SessionClient.Response signed = tina.post("/api/v1/units/" + Labels.DIN_1 + "/E0398/discard",
                SessionClient.decision("bag leaking", PASSWORD, Signatures.discardMeaning(Labels.DIN_1, "E0398-00")));
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(http.get("/api/v1/units/" + Labels.DIN_1, admin).json().getJsonArray("units").getJsonObject(0).getString("status"))
                .isEqualTo("DISCARDED");
    }
}
