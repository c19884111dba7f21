package org.hemowatch.api;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.ApiContract;
import org.hemowatch.testing.FhirValidation;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.ReadingFeed;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.dinRead;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * The OpenAPI document against the running service: its operations are exactly the routes of the
 * service's {@code /api/v1} router, and every operation, called for real, answers as documented
 * (bodies validated against the schemas, problems included; see {@link ApiContract}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(180)
class OpenApiContractIT {

    static final String PASSWORD = "a long contract passphrase";
    static final String DIN = "A999926000301";
    static final String DIN_2 = "A999926000302";
    static final String DIN_3 = "A999926000303";

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).config("""
                coldChain:
                  devices:
                    - {id: fridge-1, name: "Fridge 1", kind: refrigerator, holds: [RBC]}
                    - {id: fridge-3, name: "Fridge 3", kind: refrigerator, holds: [RBC], excursionDelay: PT1M}
                supply:
                  parLevels:
                    - {site: main, component: PLT, group: "A+", minimum: 2, ideal: 4}
                """).extension();
    private ApiContract contract;
    private Http http;
    private SessionClient tina;
    private SessionClient ada;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        FhirValidation.warmUp();
        Http plain = new Http(service.httpPort());
        Http.Response doc = plain.get("/api/v1/openapi.json", null);
        assertThat(doc.status()).isEqualTo(200);
        assertThat(doc.contentType()).startsWith("application/json");
        contract = ApiContract.of(doc.body());
        http = new Http(service.httpPort()).checkedBy(contract);
        admin = service.adminKey();
        tina = new SessionClient(service.httpPort()).checkedBy(contract);
        ada = new SessionClient(service.httpPort()).checkedBy(contract);
        FhirValidation.awaitReady();
    }

    @Test
    @Order(1)
    void theDocumentListsExactlyTheRoutesOfTheRunningRouter() {
        TreeSet<String> routes = new TreeSet<>(service.service().apiRoutes());
        assertThat(routes).as("routes the router has").hasSizeGreaterThan(25);
        TreeSet<String> undocumented = new TreeSet<>(routes);
        undocumented.removeAll(contract.operations());
        TreeSet<String> unrouted = new TreeSet<>(contract.operations());
        unrouted.removeAll(routes);
        assertThat(undocumented).as("routes the OpenAPI document lacks").isEmpty();
        assertThat(unrouted).as("documented operations no route serves").isEmpty();
    }

    @Test
    @Order(2)
    void theCheckerRefusesABodyThatBreaksItsSchema() {
        // the oracle itself: a unit without its DIN, a problem without its rule, an undocumented status and path
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/alerts/x", 200, "application/json", "{\"id\":\"x\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("required");
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/units/A999926000301", 404, "application/problem+json",
                "{\"type\":\"urn:hemowatch:problem:x\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"d\"}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("rule");
        assertThatThrownBy(() -> contract.check("GET", "/api/v1/nothing-here", 200, "application/json", "{}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no path");
        assertThatThrownBy(() -> contract.check("DELETE", "/api/v1/keys/k1", 204, null, "{\"unexpected\":true}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("no body");
    }

    @Test
    @Order(3)
    void everyOperationAnswersAsDocumented() throws Exception {
        // accounts and keys
        ok(http.post("/api/v1/users", admin, new JsonObject().put("username", "tina").put("role", "technician")
                .put("password", PASSWORD).encode()), 201);
        ok(http.post("/api/v1/users", admin, new JsonObject().put("username", "otto").put("role", "hospital")
                .put("password", PASSWORD).encode()), 201);
        ok(http.post("/api/v1/users", admin, new JsonObject().put("username", "ada").put("role", "admin")
                .put("password", PASSWORD).encode()), 201);
        ok(http.get("/api/v1/users", admin), 200);
        ok(http.post("/api/v1/users/otto/password", admin, new JsonObject().put("password", PASSWORD + " two").encode()), 204);
        ok(http.delete("/api/v1/users/otto", admin), 204);
        Http.Response key = ok(http.post("/api/v1/keys", admin, new JsonObject().put("role", "device").put("name", "gateway")
                .put("devices", new JsonArray().add("*")).encode()), 201);
        ok(http.get("/api/v1/keys", admin), 200);
        ok(http.delete("/api/v1/keys/" + key.json().getString("id"), admin), 204);
        assertThat(tina.login("tina", PASSWORD).status()).isEqualTo(200);
        ok(tina.post("/api/v1/users/me/password", new JsonObject().put("currentPassword", PASSWORD)
                .put("newPassword", PASSWORD + " anew").encode()), 204);
        assertThat(tina.login("tina", PASSWORD + " anew").status()).isEqualTo(200);

        // units: receive, store, list, read, hold, release (signed by a person), discard
        String exp = expiryInDays(clock, 20);
        ok(http.post("/api/v1/scans", admin, scan("RECEIVE", "receiving", label(dinRead(DIN), O_NEG, RED_CELLS, exp))), 201);
        ok(http.post("/api/v1/scans", admin, scan("STORE", "fridge-1", label(dinRead(DIN), O_NEG, RED_CELLS, exp))), 201);
        ok(http.post("/api/v1/scans", admin, scan("STORE", "fridge-1", label(dinRead(DIN_2), O_NEG, RED_CELLS, exp))), 201);
        Http.Response page = ok(http.get("/api/v1/units?limit=1", admin), 200);
        assertThat(page.json().getString("next")).isNotNull();
        ok(http.get("/api/v1/units?status=DISCARDED", admin), 200);
        Http.Response donation = ok(http.get("/api/v1/units/" + DIN, admin), 200);
        ok(http.get("/api/v1/units/" + DIN, admin, "If-None-Match", donation.header("ETag")), 304);
        ok(http.post("/api/v1/units/" + DIN + "/E0398/quarantine", admin, comment("label query")), 200);
        ok(tina.post("/api/v1/units/" + DIN + "/E0398/release", decision("label checked",
                Signatures.releaseMeaning(DIN, "E0398-00"), PASSWORD + " anew")), 200);
        ok(tina.post("/api/v1/units/" + DIN_2 + "/E0398/discard", decision("bag damaged",
                Signatures.discardMeaning(DIN_2, "E0398-00"), PASSWORD + " anew")), 200);
        // a DISCARD scan: held for a signature when a key sends it (202), discarded when a person signs it (201)
        ok(http.post("/api/v1/scans", admin, scan("RECEIVE", "receiving", label(dinRead(DIN_3), O_NEG, RED_CELLS, exp))), 201);
        JsonObject discard = new JsonObject().put("action", "DISCARD").put("reason", "bag leaking").put("data", dinRead(DIN_3));
        ok(http.post("/api/v1/scans", admin, discard.encode()), 202);
        ok(tina.post("/api/v1/scans", new JsonObject(decision("bag leaking", Signatures.discardMeaning(DIN_3, "E0398-00"), PASSWORD + " anew"))
                .mergeIn(discard).encode()), 201);

        // stock and par levels
        Http.Response stock = ok(http.get("/api/v1/stock", admin), 200);
        ok(http.get("/api/v1/stock", admin, "If-None-Match", stock.header("ETag")), 304);
        ok(http.get("/api/v1/stock/pick?component=RBC&abo=O&rhd=NEG&count=2", admin), 200);
        ok(http.get("/api/v1/par-levels", admin), 200);
        ok(http.put("/api/v1/par-levels", admin, new JsonObject().put("items", new JsonArray().add(new JsonObject()
                .put("site", "main").put("component", "RBC").put("group", "O-").put("minimum", 1).put("ideal", 2))).encode()), 200);

        // alerts: the platelet par level has no stock, so a shortage opens
        String alertId = await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonArray items = http.get("/api/v1/alerts?state=active&kind=shortage", admin).json().getJsonArray("items");
            return items.isEmpty() ? null : items.getJsonObject(0).getString("id");
        }, id -> id != null);
        ok(http.get("/api/v1/alerts/" + alertId, admin), 200);
        ok(http.post("/api/v1/alerts/" + alertId + "/ack", admin, comment("ordering platelets")), 200);
        ok(http.post("/api/v1/alerts/" + alertId + "/resolve", admin, comment("delivered")), 200);
        ok(http.get("/api/v1/alerts", admin), 200);
        alertStream();

        // devices and serial ports
        ok(http.get("/api/v1/devices", admin), 200);
        ok(http.get("/api/v1/devices/fridge-1", admin), 200);
        assertThat(ada.login("ada", PASSWORD).status()).isEqualTo(200);
        ok(ada.put("/api/v1/devices/fridge-2", new JsonObject().put("kind", "refrigerator").put("name", "Fridge 2")
                .put("comment", "new fridge").put("signature", new JsonObject().put("password", PASSWORD)
                        .put("meaning", Signatures.deviceLimitsMeaning("main", "fridge-2"))).encode()), 200);
        ok(http.get("/api/v1/devices/fridge-1/readings", admin), 200);
        ok(http.get("/api/v1/devices/fridge-1/readings", admin, "Accept", "text/csv"), 200);
        ok(http.get("/api/v1/devices/fridge-1/excursions", admin), 200);
        ok(http.get("/api/v1/devices/fridge-1/summary", admin), 200);
        new ReadingFeed(service.running(), clock, "main", "fridge-3").minutes(4, 9.5);
        String excursion = http.get("/api/v1/devices/fridge-3/excursions", admin).json().getJsonArray("items").getJsonObject(0).getString("id");
        ok(http.get("/api/v1/devices/fridge-3/excursion-report?excursion="
                + java.net.URLEncoder.encode(excursion, java.nio.charset.StandardCharsets.UTF_8), admin), 200);
        ok(http.get("/api/v1/serial", admin), 200);
        ok(http.get("/api/v1/audit?limit=50", admin), 200);

        // the FHIR view
        ok(http.get("/api/v1/fhir/BiologicallyDerivedProduct/" + DIN + "-E0398-00", admin), 200);
        ok(http.get("/api/v1/fhir/BiologicallyDerivedProduct?_count=5", admin), 200);
        ok(http.get("/api/v1/openapi.json", null), 200);

        assertThat(contract.exercised()).as("operations answered with a 2xx").containsExactlyInAnyOrderElementsOf(contract.operations());
    }

    @Test
    @Order(4)
    void problemsAnswerAsDocumented() throws Exception {
        assertThat(http.get("/api/v1/units", null).status()).isEqualTo(401);
        assertThat(http.get("/api/v1/units/A999926009999", admin).json().getString("rule")).isEqualTo("unit-unknown");
        assertThat(http.post("/api/v1/scans", admin, "{not json").status()).isEqualTo(400);
        assertThat(http.post("/api/v1/alerts/none/ack", admin, "{}").json().getString("rule")).isEqualTo("comment-required");
        assertThat(http.get("/api/v1/devices/fridge-9", admin).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/stock/pick?abo=O", admin).json().getString("rule")).isEqualTo("parameter-required");
        SessionClient.Response unsigned = tina.post("/api/v1/units/" + DIN + "/E0398/discard", comment("no signature"));
        assertThat(unsigned.rule()).isEqualTo("signature-required");
        assertThat(unsigned.json().getString("meaning")).isEqualTo(Signatures.discardMeaning(DIN, "E0398-00"));
        assertThat(http.get("/api/v1/fhir/BiologicallyDerivedProduct/" + DIN + "-E0999-00", admin).status()).isEqualTo(404);
        assertThat(http.get("/api/v1/fhir/BiologicallyDerivedProduct", admin, "Accept", "application/fhir+xml").status()).isEqualTo(406);
        assertThat(http.get("/api/v1/keys", service.adminKey() + "x").status()).isEqualTo(401);
    }

    /** The SSE stream's head: 200 text/event-stream (the body is a stream, so it is not read to its end). */
    private void alertStream() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort()
                + "/api/v1/alerts/stream")).header("Authorization", "Bearer " + admin).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        r.body().close();
        contract.check("GET", "/api/v1/alerts/stream", r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), "");
        assertThat(r.statusCode()).isEqualTo(200);
    }

    private static Http.Response ok(Http.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    private static SessionClient.Response ok(SessionClient.Response r, int status) {
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        return r;
    }

    private static String scan(String action, String location, String data) {
        return new JsonObject().put("action", action).put("location", location).put("data", data).encode();
    }

    private static String comment(String text) {
        return new JsonObject().put("comment", text).encode();
    }

    private static String decision(String comment, String meaning, String password) {
        return new JsonObject().put("comment", comment)
                .put("signature", new JsonObject().put("password", password).put("meaning", meaning)).encode();
    }
}
