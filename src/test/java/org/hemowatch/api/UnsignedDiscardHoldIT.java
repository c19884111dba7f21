package org.hemowatch.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.DIN_1;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * A DISCARD scan sent with an API key, which cannot sign: the unit is held (QUARANTINED, pending a
 * signed discard) instead of discarded, it can no longer be issued, and a person completes the
 * discard, or releases the unit, with a signature on the decision route.
 */
@Timeout(120)
class UnsignedDiscardHoldIT {

    static final String PASSWORD = "correct horse battery";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).extension();
    private Http http;
    private String admin;
    private String benchKey;
    private SessionClient tina;

    @BeforeEach
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
        Http.Response key = http.post("/api/v1/keys", admin, new JsonObject().put("role", "technician").put("name", "disposal bench").encode());
        assertThat(key.status()).as(key.body()).isEqualTo(201);
        benchKey = key.json().getString("key");
        tina = SessionClient.person(service.httpPort(), admin, "tina", "technician", PASSWORD);
        Http.Response received = http.post("/api/v1/scans", benchKey, new JsonObject().put("action", "RECEIVE")
                .put("data", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 3))).encode());
        assertThat(received.status()).as(received.body()).isEqualTo(201);
    }

    private JsonObject unit() throws Exception {
        return http.get("/api/v1/units/" + DIN_1, admin).json().getJsonArray("units").getJsonObject(0);
    }

    private Http.Response discardByKey() throws Exception {
        return http.post("/api/v1/scans", benchKey, new JsonObject().put("action", "DISCARD").put("reason", "bag leaking")
                .put("data", DIN_1_READ).encode());
    }

    private JsonArray audit() throws Exception {
        return http.get("/api/v1/audit", admin).json().getJsonArray("items");
    }

    @Test
    void aKeysDiscardScanHoldsTheUnitAndSaysSoWithoutDiscardingIt() throws Exception {
        Http.Response r = discardByKey();

        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().getString("rule")).isEqualTo("discard-pending-signature");
        assertThat(r.json().getString("detail")).contains("not discarded").contains("quarantine queue");
        JsonObject answered = r.json().getJsonArray("units").getJsonObject(0);
        assertThat(answered.getString("status")).isEqualTo("QUARANTINED");
        assertThat(answered.getString("statusReason")).isEqualTo("discard-pending-signature: bag leaking");
        JsonObject stored = unit();
        assertThat(stored.getString("status")).isEqualTo("QUARANTINED");
        JsonArray history = stored.getJsonArray("history");
        assertThat(history.getJsonObject(history.size() - 1).getString("action")).isEqualTo("QUARANTINE");
        assertThat(history.encode()).doesNotContain("\"DISCARD\"").doesNotContain("DISCARDED");
        // in the quarantine queue, and no longer issuable
        assertThat(http.get("/api/v1/units?status=QUARANTINED", admin).json().getJsonArray("items").encode()).contains(DIN_1);
        Http.Response issue = http.post("/api/v1/scans", benchKey, new JsonObject().put("action", "ISSUE").put("destination", "ward-3")
                .put("data", DIN_1_READ).encode());
        assertThat(issue.status()).isEqualTo(409);
        assertThat(issue.json().getString("rule")).isEqualTo("unit-quarantined");
        assertThat(audit().encode()).doesNotContain("unit.discard");
        assertThat(ServiceState.metric(http, admin, "hemowatch_scans_accepted_total{action=\"DISCARD_HELD\",path=\"http\",site=\"main\"}"))
                .isEqualTo(1.0);
        assertThat(ServiceState.metric(http, admin, "hemowatch_scans_accepted_total{action=\"DISCARD\",path=\"http\",site=\"main\"}")).isZero();
    }

    @Test
    void aKeyCannotCompleteTheDiscardOnTheDecisionRouteAndItsRefusalChangesNothing() throws Exception {
        assertThat(discardByKey().status()).isEqualTo(202);
        String before = ServiceState.stored(service.running());

        Http.Response r = http.post("/api/v1/units/" + DIN_1 + "/E0398/discard", benchKey, new JsonObject().put("comment", "bag leaking").encode());

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().getString("rule")).isEqualTo("signature-requires-user");
        assertThat(ServiceState.stored(service.running())).isEqualTo(before);
        assertThat(unit().getString("status")).isEqualTo("QUARANTINED");
    }

    @Test
    void aPersonCompletesTheHeldDiscardWithASignatureRecordedInTheAudit() throws Exception {
        assertThat(discardByKey().status()).isEqualTo(202);
        String meaning = Signatures.discardMeaning(DIN_1, "E0398-00");

        SessionClient.Response r = tina.post("/api/v1/units/" + DIN_1 + "/E0398/discard", SessionClient.decision("bag leaking at the seam", PASSWORD, meaning));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(unit().getString("status")).isEqualTo("DISCARDED");
        JsonObject entry = audit().stream().map(JsonObject.class::cast).filter(e -> e.getString("action").equals("unit.discard")).findFirst().orElseThrow();
        assertThat(entry.getString("actor")).isEqualTo("tina");
        assertThat(entry.getJsonObject("detail").getJsonObject("signature").getString("meaning")).isEqualTo(meaning);
        assertThat(entry.getJsonObject("detail").getString("comment")).isEqualTo("bag leaking at the seam");
        assertThat(audit().encode()).doesNotContain("unsigned");
    }

    @Test
    void aPersonMayReleaseAHeldUnitWithASignatureInstead() throws Exception {
        assertThat(discardByKey().status()).isEqualTo(202);

        SessionClient.Response r = tina.post("/api/v1/units/" + DIN_1 + "/E0398/release",
                SessionClient.decision("scanned at the wrong bench; bag intact", PASSWORD, Signatures.releaseMeaning(DIN_1, "E0398-00")));

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(unit().getString("status")).isEqualTo("AVAILABLE");
    }
}
