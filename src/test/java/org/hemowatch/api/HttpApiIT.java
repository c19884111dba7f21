package org.hemowatch.api;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.A_POS;
import static org.hemowatch.testing.Labels.DIN_1;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.DIN_2_READ;
import static org.hemowatch.testing.Labels.DIN_3_READ;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.dinRead;
import static org.hemowatch.testing.Labels.label;

/** The HTTP API end to end: a whole service on SQLite, over a real socket, with the JDK's HTTP client. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class HttpApiIT {

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(Map.of("HEMOWATCH_ZONE", "Europe/London")).extension();
    private Http http;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
    }

    @Test
    void writesTheFirstAdminKeyReadableByItsOwnerOnly() throws Exception {
        assertThat(admin).startsWith("hw_");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(service.dataDir().resolve("admin.key")))).isEqualTo("rw-------");
    }

    @Test
    void refusesRequestsWithoutAKeyWithAProblemBody() throws Exception {
        Http.Response r = http.get("/api/v1/stock", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("rule")).isEqualTo("api-key-missing");
    }

    @Test
    void refusesAnUnknownKey() throws Exception {
        assertThat(http.get("/api/v1/stock", "hw_not-a-key").json().getString("rule")).isEqualTo("api-key-invalid");
    }

    @Test
    void receivesStoresAndIssuesAUnitAndKeepsItsHistory() throws Exception {
        Http.Response received = scan("RECEIVE", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 3)), "receiving", null);
        assertThat(received.status()).as(received.body()).isEqualTo(201);
        JsonObject unit = received.json().getJsonArray("units").getJsonObject(0);
        assertThat(unit.getString("din")).isEqualTo(DIN_1);
        assertThat(unit.getString("status")).isEqualTo("RECEIVED");
        assertThat(unit.getString("component")).isEqualTo("RBC");
        assertThat(unit.getString("abo")).isEqualTo("O");
        assertThat(unit.getString("rhd")).isEqualTo("NEG");
        // 26 Nov 2026 12:00 in London (GMT) is 12:00Z
        assertThat(unit.getString("expires")).isEqualTo("2026-11-26T12:00:00Z");

        Http.Response stored = post("/api/v1/scans", new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("reads", new JsonArray().add(DIN_1_READ).add(RED_CELLS)));
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);
        assertThat(stored.json().getJsonArray("units").getJsonObject(0).getString("status")).isEqualTo("AVAILABLE");

        Http.Response issued = scan("ISSUE", DIN_1_READ, null, "ward-7");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);

        Http.Response again = scan("ISSUE", DIN_1_READ + RED_CELLS, null, "ward-8");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().getString("rule")).isEqualTo("illegal-transition");

        JsonObject donation = http.get("/api/v1/units/" + DIN_1, admin).json();
        JsonArray history = donation.getJsonArray("units").getJsonObject(0).getJsonArray("history");
        assertThat(history.stream().map(e -> ((JsonObject) e).getString("action")))
                .containsExactly("RECEIVE", "STORE", "ISSUE");
        assertThat(history.getJsonObject(2).getString("destination")).isEqualTo("ward-7");
        assertThat(history.getJsonObject(0).getString("actor")).isEqualTo("first admin");
    }

    @Test
    void rejectsADinWithAWrongCheckValueNamingTheRule() throws Exception {
        Http.Response r = scan("RECEIVE", label("=A99992600000169", O_NEG, RED_CELLS, expiryInDays(clock, 3)), "receiving", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getString("rule")).isEqualTo("din-check-value");
    }

    @Test
    void refusesAnExpiryTheComponentCannotReachAndStoresNothing() throws Exception {
        String din = "A999926000555";
        Http.Response r = scan("RECEIVE", label(dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 400)), "receiving", null);

        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("rule")).isEqualTo("implausible-expiry");
        assertThat(http.get("/api/v1/units/" + din, admin).status()).as("nothing was stored").isEqualTo(404);
        assertThat(scan("RECEIVE", label(dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 30)), "receiving", null).status())
                .isEqualTo(201);
    }

    @Test
    void rejectsAReceiptWithoutBloodGroup() throws Exception {
        Http.Response r = scan("RECEIVE", DIN_3_READ + RED_CELLS + expiryInDays(clock, 3), "receiving", null);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getString("rule")).isEqualTo("label-incomplete");
        assertThat(r.json().getString("detail")).contains("blood group");
    }

    @Test
    void rejectsAnUnknownActionAndMalformedJson() throws Exception {
        assertThat(scan("STEAL", DIN_2_READ, null, null).json().getString("rule")).isEqualTo("unknown-action");
        Http.Response malformed = http.post("/api/v1/scans", admin, "{\"action\": ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().getString("rule")).isEqualTo("malformed-json");
    }

    @Test
    void refusesAnOversizedBodyWith413() throws Exception {
        String huge = "{\"action\":\"RECEIVE\",\"data\":\"" + "x".repeat(200_000) + "\"}";

        Http.Response r = http.post("/api/v1/scans", admin, huge);

        assertThat(r.status()).isEqualTo(413);
        assertThat(r.json().getString("rule")).isEqualTo("payload-too-large");
    }

    @Test
    void answersUnknownRoutesWith404Problem() throws Exception {
        Http.Response r = http.get("/api/v1/nothing-here", admin);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/problem+json");
    }

    @Test
    void countsAvailableStockAndWhatExpiresSoon() throws Exception {
        // 24 Nov 2026 12:00 London = 26 h after the test clock: within 72 h, not within 24 h
        Http.Response stored = scan("STORE", label(DIN_2_READ, A_POS, RED_CELLS, expiryInDays(clock, 1)), "fridge-2", null);
        assertThat(stored.status()).as(stored.body()).isEqualTo(201);

        JsonArray items = http.get("/api/v1/stock", admin).json().getJsonArray("items");

        JsonObject aPos = items.stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("abo").equals("A") && o.getString("rhd").equals("POS")).findFirst().orElseThrow();
        assertThat(aPos.getInteger("available")).isEqualTo(1);
        assertThat(aPos.getInteger("expiring24h")).isZero();
        assertThat(aPos.getInteger("expiring72h")).isEqualTo(1);
    }

    @Test
    void managesKeysWithRolesAndRevocation() throws Exception {
        Http.Response created = post("/api/v1/keys", new JsonObject().put("role", "hospital").put("name", "St Mary's"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String hospitalKey = created.json().getString("key");
        String id = created.json().getString("id");

        assertThat(http.get("/api/v1/stock", hospitalKey).status()).isEqualTo(200);
        Http.Response forbidden = http.post("/api/v1/scans", hospitalKey, "{\"action\":\"RECEIVE\",\"data\":\"x\"}");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.json().getString("rule")).isEqualTo("role-forbidden");

        JsonArray listed = http.get("/api/v1/keys", admin).json().getJsonArray("items");
        assertThat(listed.encode()).contains(id).doesNotContain(hospitalKey).doesNotContain("hash");

        assertThat(http.delete("/api/v1/keys/" + id, admin).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/stock", hospitalKey).status()).isEqualTo(401);

        JsonArray audit = http.get("/api/v1/audit", admin).json().getJsonArray("items");
        assertThat(audit.stream().map(o -> (JsonObject) o).filter(e -> e.getString("subject").equals("key/" + id))
                .map(e -> e.getString("action"))).containsExactly("key.revoke", "key.create");
        assertThat(audit.encode()).doesNotContain(hospitalKey);
    }

    @Test
    void limitsASiteScopedKeyToItsSite() throws Exception {
        String key = post("/api/v1/keys", new JsonObject().put("role", "technician").put("name", "north tech").put("site", "main"))
                .json().getString("key");
        Http.Response other = http.post("/api/v1/scans", key, new JsonObject().put("site", "elsewhere").put("action", "RECEIVE")
                .put("data", DIN_2_READ).encode());

        assertThat(other.status()).isEqualTo(403);
        assertThat(other.json().getString("rule")).isEqualTo("site-forbidden");
    }

    @Test
    void servesHealthAndMetricsWithoutAKey() throws Exception {
        assertThat(http.get("/health/live", null).status()).isEqualTo(200);
        assertThat(http.get("/health/ready", null).json().getString("status")).isEqualTo("UP");
        Http.Response metrics = http.get("/metrics", null);
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("hemowatch_store_commit_seconds").contains("jvm_memory_used_bytes");
    }

    @Test
    void holdsAUnitInQuarantineByHandUntilItIsReleased() throws Exception {
        String din = "A999926000444";
        assertThat(scan("STORE", label(dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 3)), "fridge-9", null).status())
                .isEqualTo(201);
        assertThat(post("/api/v1/units/" + din + "/E0398/quarantine", new JsonObject()).json().getString("rule"))
                .as("a hold needs a reason").isEqualTo("field-required");

        Http.Response held = post("/api/v1/units/" + din + "/E0398/quarantine", new JsonObject().put("comment", "look-back: donor reported illness"));
        assertThat(held.status()).as(held.body()).isEqualTo(200);
        assertThat(held.json().getString("status")).isEqualTo("QUARANTINED");
        Http.Response issue = scan("ISSUE", dinRead(din) + RED_CELLS, null, "ward-7");
        assertThat(issue.status()).isEqualTo(409);
        assertThat(issue.json().getString("rule")).isEqualTo("unit-quarantined");

        // a release is signed by a person: the admin key is refused with the rule, and the unit stays held
        Http.Response byKey = post("/api/v1/units/" + din + "/E0398-00/release", new JsonObject().put("comment", "donor test negative"));
        assertThat(byKey.status()).isEqualTo(403);
        assertThat(byKey.json().getString("rule")).isEqualTo("signature-requires-user");
        assertThat(byKey.json().getString("meaning")).isEqualTo(Signatures.releaseMeaning(din, "E0398-00"));
        SessionClient ada = SessionClient.person(service.httpPort(), admin, "ada", "admin", "a long passphrase for the lab");
        Http.Response unchanged = http.get("/api/v1/units/" + din, admin);
        assertThat(unchanged.json().getJsonArray("units").getJsonObject(0).getString("status")).isEqualTo("QUARANTINED");
        assertThat(ada.post("/api/v1/units/" + din + "/E0398-00/release", SessionClient.decision("donor test negative",
                "a long passphrase for the lab", Signatures.releaseMeaning(din, "E0398-00"))).json().getString("status")).isEqualTo("AVAILABLE");
        JsonArray history = http.get("/api/v1/units/" + din, admin).json().getJsonArray("units").getJsonObject(0).getJsonArray("history");
        assertThat(history.stream().map(e -> ((JsonObject) e).getString("action"))).containsExactly("RECEIVE", "STORE", "QUARANTINE", "RELEASE");
        assertThat(history.getJsonObject(2).getString("reason")).isEqualTo("look-back: donor reported illness");
    }

    private Http.Response scan(String action, String data, String location, String destination) throws Exception {
        JsonObject body = new JsonObject().put("action", action).put("data", data);
        if (location != null) {
            body.put("location", location);
        }
        if (destination != null) {
            body.put("destination", destination);
        }
        return post("/api/v1/scans", body);
    }

    private Http.Response post(String path, JsonObject body) throws Exception {
        return http.post(path, admin, body.encode());
    }
}
