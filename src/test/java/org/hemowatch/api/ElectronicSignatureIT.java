package org.hemowatch.api;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.ServiceState;
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
    void aPersonsDiscardScanStatesTheMeaningForTheScannedUnitAndDiscardsOnlyWhenSigned() throws Exception {
        String discard = "I discard unit " + DIN_1 + " E0398-00; it must not be transfused";
        String before = ServiceState.stored(service.running());
        JsonObject scan = new JsonObject().put("action", "DISCARD").put("reason", "bag leaking").put("data", DIN_1_READ);

        SessionClient.Response unsigned = tech.post("/api/v1/scans", scan.encode());
        assertThat(unsigned.status()).isEqualTo(400);
        assertThat(unsigned.rule()).isEqualTo("signature-required");
        assertThat(unsigned.json().getString("meaning")).as("a DIN-only read names the donation's one unit").isEqualTo(discard);
        SessionClient.Response wrong = tech.post("/api/v1/scans", scan.copy()
                .put("signature", new JsonObject().put("password", "not my password").put("meaning", discard)).encode());
        assertThat(wrong.rule()).isEqualTo("signature-invalid");
        assertThat(ServiceState.stored(service.running())).isEqualTo(before);
        assertThat(status()).isEqualTo("QUARANTINED");

        SessionClient.Response signed = tech.post("/api/v1/scans", scan.copy().put("comment", "bag leaking at the seam")
                .put("signature", new JsonObject().put("password", PASSWORD).put("meaning", discard)).encode());
        assertThat(signed.status()).as(signed.body()).isEqualTo(201);
        assertThat(signed.json().getJsonArray("units").getJsonObject(0).getString("status")).isEqualTo("DISCARDED");
        assertThat(status()).isEqualTo("DISCARDED");
        JsonObject entry = audit().stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals("unit.discard")).findFirst().orElseThrow();
        assertThat(entry.getString("actor")).isEqualTo("tina");
        assertThat(entry.getJsonObject("detail").getString("comment")).isEqualTo("bag leaking at the seam");
        assertThat(entry.getJsonObject("detail").getJsonObject("signature").getString("meaning")).isEqualTo(discard);
        assertThat(entry.getJsonObject("detail").getJsonObject("signature").getString("signer")).isEqualTo("tina");
        assertThat(entry.encode()).doesNotContain(PASSWORD);
    }

    @Test
    void aPersonDiscardsOnTheDecisionRouteBySigning() throws Exception {
        SessionClient.Response signed = tech.post("/api/v1/units/" + DIN_1 + "/E0398/discard", new JsonObject().put("comment", "bag leaking")
                .put("signature", new JsonObject().put("password", PASSWORD)
                        .put("meaning", "I discard unit " + DIN_1 + " E0398-00; it must not be transfused")).encode());
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(status()).isEqualTo("DISCARDED");
    }

    @Test
    void changingADevicesLimitsIsSignedRegisteringItWithItsKindsDefaultsIsNot() throws Exception {
        SessionClient adam = new SessionClient(service.httpPort());
        adam.login("adam", PASSWORD);
        JsonObject device = new JsonObject().put("kind", "freezer").put("name", "Plasma freezer").put("holds", new JsonArray().add("FFP"));
        JsonObject colder = device.copy().put("safeMax", -30.0).put("alarmHigh", -32.0).put("hardHigh", -27.0);

        SessionClient.Response unsigned = adam.put("/api/v1/devices/freezer-1", colder.encode());
        assertThat(unsigned.rule()).isEqualTo("signature-required");
        assertThat(unsigned.json().getString("meaning")).isEqualTo("I change the limits of device freezer-1 at site main");
        assertThat(http.get("/api/v1/devices/freezer-1", admin).status()).isEqualTo(404);

        SessionClient.Response defaults = adam.put("/api/v1/devices/freezer-1", device.encode());
        assertThat(defaults.status()).as(defaults.body()).isEqualTo(200);
        assertThat(auditActions()).contains("device.register").doesNotContain("device.signed");

        SessionClient.Response signed = adam.put("/api/v1/devices/freezer-1", colder.copy().put("comment", "-30 °C for plasma")
                .put("signature", new JsonObject().put("password", PASSWORD).put("meaning", unsigned.json().getString("meaning"))).encode());
        assertThat(signed.status()).as(signed.body()).isEqualTo(200);
        assertThat(signed.json().getJsonObject("profile").getDouble("safeMax")).isEqualTo(-30.0);
        JsonObject entry = audit().stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals("device.signed")).findFirst().orElseThrow();
        assertThat(entry.getJsonObject("detail").getString("comment")).isEqualTo("-30 °C for plasma");
        assertThat(entry.getJsonObject("detail").getJsonObject("signature").getString("signer")).isEqualTo("adam");
        assertThat(audit().encode()).doesNotContain("unsigned");
    }

    private JsonArray audit() throws Exception {
        return http.get("/api/v1/audit", admin).json().getJsonArray("items");
    }

    private java.util.List<String> auditActions() throws Exception {
        return audit().stream().map(e -> ((JsonObject) e).getString("action")).toList();
    }
}
