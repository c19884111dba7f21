package org.hemowatch.api;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.DIN_1;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/** 21 CFR Part 11 style signatures on release, discard and device limits, end to end with a person's session. */
@Timeout(120)
class ElectronicSignatureIT {

    static final String PASSWORD = "correct horse battery";
    static final String RELEASE = "I release unit " + DIN_1 + " E0398-00 for issue";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).extension();
    private Http http;
    private String admin;
    private SessionClient tech;

    @BeforeEach
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
        for (String[] u : new String[][]{{"tina", "technician"}, {"adam", "admin"}}) {
            assertThat(http.post("/api/v1/users", admin, new JsonObject().put("username", u[0]).put("role", u[1])
                    .put("password", PASSWORD).encode()).status()).isEqualTo(201);
        }
        tech = new SessionClient(service.httpPort());
        assertThat(tech.login("tina", PASSWORD).status()).isEqualTo(200);
        assertThat(tech.post("/api/v1/scans", new JsonObject().put("action", "RECEIVE")
                .put("data", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 3))).encode()).status()).isEqualTo(201);
        assertThat(tech.post("/api/v1/units/" + DIN_1 + "/E0398/quarantine", "{\"comment\":\"recall R-17\"}").status()).isEqualTo(200);
    }

    private String status() throws Exception {
        return tech.get("/api/v1/units/" + DIN_1).json().getJsonArray("units").getJsonObject(0).getString("status");
    }

    private SessionClient.Response release(JsonObject signature) throws Exception {
        JsonObject body = new JsonObject().put("comment", "recall withdrawn by supplier");
        if (signature != null) {
            body.put("signature", signature);
        }
        return tech.post("/api/v1/units/" + DIN_1 + "/E0398/release", body.encode());
    }

    @Test
    void aReleaseWithoutASignatureIsRefusedWithTheMeaningToConfirm() throws Exception {
        SessionClient.Response r = release(null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.rule()).isEqualTo("signature-required");
        assertThat(r.json().getString("meaning")).isEqualTo(RELEASE);
        assertThat(status()).isEqualTo("QUARANTINED");
    }

    @Test
    void aWrongPasswordOrAnotherMeaningChangesNothing() throws Exception {
        assertThat(release(new JsonObject().put("password", "not my password").put("meaning", RELEASE)).rule()).isEqualTo("signature-invalid");
        assertThat(release(new JsonObject().put("password", PASSWORD).put("meaning", "I agree")).rule()).isEqualTo("signature-meaning-mismatch");
        assertThat(status()).isEqualTo("QUARANTINED");
        assertThat(auditActions()).doesNotContain("unit.release");
    }

    @Test
    void aSignedReleaseIsMadeAndItsAuditEntryRecordsSignerTimeMeaningAndComment() throws Exception {
        SessionClient.Response r = release(new JsonObject().put("password", PASSWORD).put("meaning", RELEASE));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(status()).isEqualTo("AVAILABLE");
        JsonObject entry = audit().stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals("unit.release")).findFirst().orElseThrow();
        assertThat(entry.getString("actor")).isEqualTo("tina");
        JsonObject detail = entry.getJsonObject("detail");
        assertThat(detail.getString("comment")).isEqualTo("recall withdrawn by supplier");
        JsonObject sig = detail.getJsonObject("signature");
        assertThat(sig.getString("signer")).isEqualTo("tina");
        assertThat(sig.getString("meaning")).isEqualTo(RELEASE);
        assertThat(sig.getString("at")).isEqualTo(clock.instant().toString());
        assertThat(entry.encode()).doesNotContain(PASSWORD);
    }

    @Test
    void aPersonDiscardsOnlyBySigningNotByAScan() throws Exception {
        SessionClient.Response scan = tech.post("/api/v1/scans", new JsonObject().put("action", "DISCARD").put("reason", "bag leaking")
                .put("data", DIN_1_READ + RED_CELLS).encode());
        assertThat(scan.rule()).isEqualTo("discard-needs-signature");
        assertThat(status()).isEqualTo("QUARANTINED");

        SessionClient.Response signed = tech.post("/api/v1/units/" + DIN_1 + "/E0398/discard", new JsonObject().put("comment", "bag leaking")
                .put("signature", new JsonObject().put("password", PASSWORD)
                        .put("meaning", "I discard unit " + DIN_1 + " E0398-00; it must not be transfused")).encode());
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(status()).isEqualTo("DISCARDED");
    }

    @Test
    void changingADevicesLimitsIsSigned() throws Exception {
        SessionClient adam = new SessionClient(service.httpPort());
        adam.login("adam", PASSWORD);
        JsonObject device = new JsonObject().put("kind", "freezer").put("name", "Plasma freezer").put("holds", new JsonArray().add("FFP"));

        SessionClient.Response unsigned = adam.put("/api/v1/devices/freezer-1", device.encode());
        assertThat(unsigned.rule()).isEqualTo("signature-required");
        assertThat(unsigned.json().getString("meaning")).isEqualTo("I change the limits of device freezer-1 at site main");
        assertThat(http.get("/api/v1/devices/freezer-1", admin).status()).isEqualTo(404);

        SessionClient.Response signed = adam.put("/api/v1/devices/freezer-1", device.copy().put("comment", "new freezer")
                .put("signature", new JsonObject().put("password", PASSWORD).put("meaning", unsigned.json().getString("meaning"))).encode());
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(auditActions()).contains("device.signed");
    }

    private JsonArray audit() throws Exception {
        return http.get("/api/v1/audit", admin).json().getJsonArray("items");
    }

    private java.util.List<String> auditActions() throws Exception {
        return audit().stream().map(e -> ((JsonObject) e).getString("action")).toList();
    }
}
