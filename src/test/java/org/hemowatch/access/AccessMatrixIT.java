package org.hemowatch.access;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.net.Socket;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.dinRead;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * Issue 11 tried as an attacker would, against the whole service with two sites A and B: every HTTP
 * route × every role × {own site, other site, no scope} × {own device, other device}
 * ({@code access/route-matrix.csv}), every MQTT topic family with real mosquitto clients against the embedded
 * endpoint ({@code access/mqtt-matrix.csv}, run by {@link MqttMatrixRow}), the bad inputs ({@code access/bad-inputs.csv}), and one named
 * test per reported case. Every refused request is checked to have changed no stored state.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixIT {

    static final String DIN_A = "A999926100001";
    static final String DIN_B = "A999926100002";
    static final String DIN_B2 = "A999926100003";

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(
            // every row connects: a role refused at CONNECT (technician, hospital) must not be throttled to another answer
            Map.of("HEMOWATCH_SITE", "A", "HEMOWATCH_UNKNOWN_DEVICES", "register", "HEMOWATCH_MQTT_PORT", "0",
                    "HEMOWATCH_MQTT_CONNECT_FREE_FAILURES", "1000000"))
            .config("sites:\n  B: {}\nhttp:\n  idleTimeoutSeconds: 3\n  requestHeadTimeoutSeconds: 2\n").extension();
    private Http http;
    private String admin;
    /** role + "@" + scope ("A" or "-") → secret. */
    private final Map<String, String> keys = new HashMap<>();
    private final Map<String, String> keyIds = new HashMap<>();
    private final List<DeviceStatusReport> statuses = new CopyOnWriteArrayList<>();
    private MqttMatrixRow mqtt;

    @BeforeAll
    void start() throws Exception {
        http = Http.checkedByOpenApi(service.httpPort()); // every answer, refusals included, as the OpenAPI document says
        admin = service.adminKey();
        service.service().readings().onStatus(statuses::add);
        mqtt = new MqttMatrixRow(service.running(), http, admin, statuses);
        for (String site : List.of("A", "B")) {
            String t = site.toLowerCase();
            for (String dev : List.of("fridge-" + t + "1", "fridge-" + t + "2")) {
                ok(http.put("/api/v1/devices/" + dev + "?site=" + site, admin, new JsonObject().put("kind", "refrigerator").put("site", site).encode()));
            }
        }
        receive(DIN_A, "A");
        receive(DIN_B, "B");
        receive(DIN_B2, "B");
        for (String role : List.of("admin", "technician", "hospital", "station", "device")) {
            for (String scope : List.of("A", "-")) {
                JsonObject body = new JsonObject().put("role", role).put("name", role + " " + scope);
                if (scope.equals("A")) {
                    body.put("site", "A");
                }
                if (role.equals("device")) {
                    body.put("devices", new JsonArray().add("fridge-a1").add("scan-a1"));
                }
                Http.Response r = http.post("/api/v1/keys", admin, body.encode());
                assertThat(r.status()).as(r.body()).isEqualTo(201);
                keys.put(role + "@" + scope, r.json().getString("key"));
                keyIds.put(role + "@" + scope, r.json().getString("id"));
            }
        }
    }

    private void receive(String din, String site) throws Exception {
        Http.Response r = http.post("/api/v1/scans", admin, new JsonObject().put("action", "RECEIVE").put("site", site)
                .put("location", "receiving").put("data", label(dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 20))).encode());
        ok(r);
        ok(http.post("/api/v1/scans", admin, new JsonObject().put("action", "STORE").put("site", site)
                .put("location", "fridge-" + site.toLowerCase() + "1").put("data", dinRead(din) + RED_CELLS).encode()));
    }

    private static void ok(Http.Response r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    /** Everything a refused request could have changed, as an unscoped admin sees it. */
    private String snapshot() throws Exception {
        StringBuilder sb = new StringBuilder();
        for (String din : List.of(DIN_A, DIN_B, DIN_B2)) {
            sb.append(http.get("/api/v1/units/" + din, admin).body()).append('\n');
        }
        sb.append(http.get("/api/v1/devices", admin).body()).append('\n');
        sb.append(http.get("/api/v1/keys", admin).body()).append('\n');
        sb.append(http.get("/api/v1/audit?limit=1000", admin).json().getJsonArray("items").size());
        return sb.toString();
    }

    private Http.Response send(String method, String path, String key, String body) throws Exception {
        return switch (method) {
            case "GET" -> http.get(path, key);
            case "POST" -> http.post(path, key, body);
            case "PUT" -> http.put(path, key, body);
            case "DELETE" -> http.delete(path, key);
            default -> throw new IllegalArgumentException(method);
        };
    }

    @ParameterizedTest(name = "{0} by {1}@{2} on site {3} device {4} -> {8} {9}")
    @CsvFileSource(resources = "/access/route-matrix.csv", delimiter = '|', maxCharsPerColumn = 70_000)
    void everyRouteByEveryRoleAndScopeOnOwnAndOtherSitesAndDevices(String route, String role, String scope, String target,
                                                                  String device, String method, String pathTemplate, String bodyTemplate,
                                                                  int status, String rule) throws Exception {
        String t = target.toLowerCase();
        String dev = device.equals("other") ? "fridge-" + t + "2" : "fridge-" + t + "1";
        String scanner = device.equals("other") ? "scan-" + t + "2" : "scan-a1";
        String din = target.equals("A") ? DIN_A : DIN_B;
        Map<String, String> vars = Map.of("{site}", target, "{t}", t, "{din}", din, "{dinread}", dinRead(din), "{dev}", dev, "{scanner}", scanner);
        String path = fill(pathTemplate, vars);
        String body = bodyTemplate.equals("-") ? null : fill(bodyTemplate, vars);
        String before = snapshot();

        Http.Response r = send(method, path, keys.get(role + "@" + scope), body);

        assertThat(r.status()).as(method + " " + path + " " + body + " -> " + r.body()).isEqualTo(status);
        if (!rule.equals("-")) {
            assertThat(r.json().getString("rule")).as(r.body()).isEqualTo(rule);
        }
        if (status >= 400) {
            assertThat(snapshot()).as("a refused request changed stored state").isEqualTo(before);
        }
    }

    @ParameterizedTest(name = "MQTT {0} by {1}@{2} on site {3} id {4} -> {5}")
    @CsvFileSource(resources = "/access/mqtt-matrix.csv", delimiter = '|')
    void everyMqttTopicFamilyByEveryRoleAndScopeOnOwnAndOtherSitesAndIds(String family, String role, String scope, String target,
                                                                        String device, String expected) throws Exception {
        boolean elsewhere = family.equals("scans-of-unit-elsewhere");
        String din = target.equals("A") ? DIN_A : elsewhere ? DIN_B2 : DIN_B;
        String before = mqtt.state();
        String httpBefore = snapshot();

        MqttMatrixRow.Result r = mqtt.run(family, role, keys.get(role + "@" + scope), target, device, din);

        assertThat(r.outcome()).as(r.output()).isEqualTo(expected);
        if (expected.equals("accepted")) {
            assertThat(mqtt.state()).as("an accepted message was stored").isNotEqualTo(before);
            if (elsewhere && target.equals("B")) {
                // the unscoped admin carried the site-B unit to site A: carry it back for the other rows
                ok(http.post("/api/v1/scans", admin, new JsonObject().put("action", "MOVE").put("site", "B")
                        .put("location", "fridge-b1").put("data", dinRead(DIN_B2)).encode()));
            }
        } else {
            assertThat(mqtt.state()).as("a refused message or subscription changed stored state").isEqualTo(before);
            assertThat(snapshot()).isEqualTo(httpBefore);
        }
    }

    private static String fill(String template, Map<String, String> vars) {
        String s = template;
        for (Map.Entry<String, String> e : vars.entrySet()) {
            s = s.replace(e.getKey(), e.getValue());
        }
        return s;
    }

    @ParameterizedTest(name = "{0} {1} -> {3} {4}")
    @CsvFileSource(resources = "/access/bad-inputs.csv", delimiter = '|', maxCharsPerColumn = 70_000)
    void badInputsAnswer400ProblemJsonNamingTheFieldAndChangeNothing(String method, String path, String body, int status,
                                                                     String rule, String field) throws Exception {
        String b = body.equals("-") ? null : body.replace("\\n", "\n").replace("LOCATION60K", "x".repeat(60_000));
        if (b != null && b.contains("\n")) {
            b = b.replace("\n", "\\n"); // a JSON string escape: the decoded value holds a line break
        }
        String before = snapshot();
        Http.Response r = send(method, path, admin, b);
        assertThat(r.status()).as(r.body()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("rule")).as(r.body()).isEqualTo(rule);
        if (!field.equals("-")) {
            assertThat(r.json().getString("detail")).contains(field);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    // ---- the cases of issue 11, one named test each (case 2, MQTT session takeover, belongs to the MQTT endpoint;
    // ---- case 6, scan seq per publisher, to the cluster work)

    @Test
    void case1_aSiteAKeyCannotDiscardIssueOrMoveASiteBUnitEvenWithoutNamingTheSite() throws Exception {
        String tech = keys.get("technician@A");
        String before = snapshot();
        for (JsonObject scan : List.of(
                new JsonObject().put("action", "DISCARD").put("reason", "x").put("data", dinRead(DIN_B2)),
                new JsonObject().put("action", "ISSUE").put("destination", "ward-1").put("data", dinRead(DIN_B2)),
                new JsonObject().put("action", "MOVE").put("location", "fridge-a1").put("data", dinRead(DIN_B2)))) {
            Http.Response r = http.post("/api/v1/scans", tech, scan.encode());
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.json().getString("rule")).isEqualTo("site-forbidden");
        }
        assertThat(snapshot()).isEqualTo(before);
        assertThat(http.get("/api/v1/units/" + DIN_B2, admin).json().getJsonArray("units").getJsonObject(0).getString("site")).isEqualTo("B");
        // a unit changes site only by an admin without scope: a scoped admin may not carry it over either
        Http.Response scopedAdmin = http.post("/api/v1/scans", keys.get("admin@A"), new JsonObject().put("action", "MOVE").put("site", "A")
                .put("location", "fridge-a1").put("data", dinRead(DIN_B2)).encode());
        assertThat(scopedAdmin.status()).isEqualTo(403);
        Http.Response unscopedTech = http.post("/api/v1/scans", keys.get("technician@-"), new JsonObject().put("action", "MOVE").put("site", "A")
                .put("location", "fridge-a1").put("data", dinRead(DIN_B2)).encode());
        assertThat(unscopedTech.status()).isEqualTo(403);
        assertThat(unscopedTech.json().getString("rule")).isEqualTo("role-forbidden");
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void case3_aFridgeKeyCannotPublishForAnotherFridgeOrScanAsAnotherScanner() throws Exception {
        String before = snapshot();
        Http.Response r = http.post("/api/v1/scans", keys.get("device@A"), new JsonObject().put("action", "MOVE").put("site", "A")
                .put("scanner", "scan-a2").put("location", "fridge-a2").put("data", dinRead(DIN_A)).encode());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().getString("rule")).isEqualTo("device-forbidden");
        Http.Response noScanner = http.post("/api/v1/scans", keys.get("device@A"), new JsonObject().put("action", "MOVE").put("site", "A")
                .put("location", "fridge-a2").put("data", dinRead(DIN_A)).encode());
        assertThat(noScanner.json().getString("rule")).isEqualTo("device-forbidden");
        assertThat(snapshot()).isEqualTo(before);
        // readings: the shared ingest path decides (MQTT and serial call the same ReadingIngest; see ReadingIngestTest)
    }

    @Test
    void case5_revokingAKeyEndsItsOpenAlertStreamWithinASecond() throws Exception {
        Http.Response created = http.post("/api/v1/keys", admin, new JsonObject().put("role", "station").put("site", "A").put("name", "ward screen").encode());
        String secret = created.json().getString("key");
        String id = created.json().getString("id");
        try (Socket s = new Socket("127.0.0.1", service.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET /api/v1/alerts/stream HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + secret + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String head = readUntil(in, ": hemowatch alert stream");
            assertThat(head).startsWith("HTTP/1.1 200");
            Thread.sleep(200); // let the stream register as a subscriber
            Instant revoked = Instant.now();
            assertThat(http.delete("/api/v1/keys/" + id, admin).status()).isEqualTo(204);
            // the chunked response ends (terminating chunk) or the connection closes
            String rest = readUntil(in, "0\r\n\r\n");
            assertThat(rest).endsWith("0\r\n\r\n");
            assertThat(Duration.between(revoked, Instant.now())).isLessThan(Duration.ofSeconds(1));
        }
        assertThat(http.get("/api/v1/alerts", secret).status()).isEqualTo(401);
    }

    private static String readUntil(InputStream in, String marker) throws Exception {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0) {
            sb.append((char) b);
            if (sb.indexOf(marker) >= 0) {
                return sb.toString();
            }
        }
        return sb.toString();
    }

    @Test
    void case7_hugeOffsetsAndFarPastInstantsAre400NotServerErrors() throws Exception {
        for (String path : List.of("/api/v1/units?offset=2147483647",
                "/api/v1/devices/fridge-a1/summary?site=A&from=-999999999-01-01T00:00:00Z",
                "/api/v1/devices/fridge-a1/readings?site=A&from=-999999999-01-01T00:00:00Z")) {
            Http.Response r = http.get(path, admin);
            assertThat(r.status()).as(path + " " + r.body()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void case8_aSiteScopedAdminSeesOnlyItsSitesAuditEntries() throws Exception {
        JsonArray scoped = http.get("/api/v1/audit?limit=1000", keys.get("admin@A")).json().getJsonArray("items");
        JsonArray all = http.get("/api/v1/audit?limit=1000", admin).json().getJsonArray("items");
        assertThat(all.stream().map(e -> ((JsonObject) e).getString("site"))).contains("B");
        assertThat(scoped).isNotEmpty();
        assertThat(scoped.stream().map(e -> ((JsonObject) e).getString("site"))).containsOnly("A");
    }

    @Test
    void case8_aScopedAdminSeesTheEntriesAboutItsSitesKeysAndAccountsButNotTheServiceWideOnes() throws Exception {
        for (JsonObject user : List.of(new JsonObject().put("username", "anna-a").put("role", "technician").put("site", "A"),
                new JsonObject().put("username", "ben-all").put("role", "technician"))) {
            ok(http.post("/api/v1/users", admin, user.put("password", "Correct-Horse-Battery-42").encode()));
        }
        ok(http.post("/api/v1/users/anna-a/password", admin, new JsonObject().put("password", "Other-Horse-Battery-43").encode()));
        List<String> scoped = http.get("/api/v1/audit?limit=1000", keys.get("admin@A")).json().getJsonArray("items").stream()
                .map(e -> ((JsonObject) e).getString("action") + " " + ((JsonObject) e).getString("subject")).toList();
        assertThat(scoped).contains("user.create user/anna-a", "key.create key/" + keyIds.get("technician@A"), "key.create key/" + keyIds.get("admin@A"))
                .anyMatch(s -> s.startsWith("user.") && s.endsWith(" user/anna-a") && !s.startsWith("user.create"))
                .doesNotContain("user.create user/ben-all", "key.create key/" + keyIds.get("technician@-"), "key.create key/" + keyIds.get("admin@-"));
        List<String> all = http.get("/api/v1/audit?limit=1000", admin).json().getJsonArray("items").stream()
                .map(e -> ((JsonObject) e).getString("action") + " " + ((JsonObject) e).getString("subject")).toList();
        assertThat(all).contains("user.create user/ben-all", "key.create key/" + keyIds.get("technician@-"));
    }

    @Test
    void case9_unitHistoryAndAuditNameTheKeyBesideTheOperator() throws Exception {
        String tech = keys.get("technician@A");
        ok(http.post("/api/v1/scans", tech, new JsonObject().put("action", "MOVE").put("location", "fridge-a2").put("operator", "anna")
                .put("data", dinRead(DIN_A)).encode()));
        JsonArray history = http.get("/api/v1/units/" + DIN_A, admin).json().getJsonArray("units").getJsonObject(0).getJsonArray("history");
        JsonObject last = history.getJsonObject(history.size() - 1);
        assertThat(last.getString("actor")).isEqualTo("anna");
        assertThat(last.getJsonObject("key").getString("id")).isEqualTo(keyIds.get("technician@A"));
        assertThat(last.getJsonObject("key").getString("name")).isEqualTo("technician A");
        JsonObject created = http.get("/api/v1/audit?limit=1000", admin).json().getJsonArray("items").stream().map(e -> (JsonObject) e)
                .filter(e -> e.getString("action").equals("key.create") && e.getString("subject").equals("key/" + keyIds.get("device@A")))
                .findFirst().orElseThrow();
        assertThat(created.getString("actorId")).isNotBlank();
        assertThat(created.getJsonObject("detail").getJsonArray("devices")).containsExactly("fridge-a1", "scan-a1");
        assertThat(created.getJsonObject("detail").getBoolean("gateway")).isFalse();
    }

    @Test
    void case10_theServersOwnProtocolErrorsAnswerProblemJson() throws Exception {
        assertThat(raw("GET /api/v1/units HTTP/1.1\r\nHost: x\r\nBad\u0001Header: y\r\n\r\n")).startsWith("HTTP/1.1 400")
                .contains("application/problem+json").contains("\"rule\":\"bad-request\"");
        assertThat(raw("GET /" + "a".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")).matches("(?s)HTTP/1\\.[01] 414 .*")
                .contains("\"rule\":\"uri-too-long\"");
        assertThat(raw("GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000) + "\r\n\r\n")).matches("(?s)HTTP/1\\.[01] 431 .*")
                .contains("\"rule\":\"headers-too-large\"");
    }

    @Test
    void case10_aConnectionThatStopsHalfWayThroughItsRequestHeadIsClosedWhenIdle() throws Exception {
        try (Socket s = new Socket("127.0.0.1", service.httpPort())) {
            s.setSoTimeout(15_000);
            s.getOutputStream().write("GET /api/v1/units HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII)); // never ends the head
            Instant opened = Instant.now();
            assertThat(s.getInputStream().read()).isEqualTo(-1);
            assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(10));
        }
    }

    @Test
    void case10_aClientSendingItsHeadersAByteAtATimeIsClosedAfterTheRequestHeadTimeout() throws Exception {
        double before = ServiceState.metric(http, admin, "hemowatch_http_request_head_timeouts_total");
        try (Socket s = new Socket("127.0.0.1", service.httpPort())) {
            s.setSoTimeout(15_000);
            Instant opened = Instant.now();
            Thread dribble = new Thread(() -> {
                try {
                    // a byte every 500 ms: never silent for the 3 s idle timeout, never done with the head
                    for (byte b : ("GET /api/v1/units HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(100)).getBytes(StandardCharsets.US_ASCII)) {
                        s.getOutputStream().write(b);
                        s.getOutputStream().flush();
                        Thread.sleep(500);
                    }
                } catch (Exception closed) {
                    // the server closed the connection: what this test waits for
                }
            });
            dribble.start();
            assertThat(s.getInputStream().read()).as("the server closes without answering").isEqualTo(-1);
            assertThat(Duration.between(opened, Instant.now())).isLessThan(Duration.ofSeconds(10));
            dribble.interrupt();
            dribble.join(5_000);
        }
        assertThat(ServiceState.metric(http, admin, "hemowatch_http_request_head_timeouts_total")).isEqualTo(before + 1);
    }

    @Test
    void case10_theDataDirectoryAndItsFilesAreReadableByTheServiceOnly() throws Exception {
        Path data = service.dataDir();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("hemowatch.db")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve("admin.key")))).isEqualTo("rw-------");
    }

    @Test
    void aGatewayKeyIsShownAsSuchAndADeviceKeyListsItsIds() throws Exception {
        Http.Response gw = http.post("/api/v1/keys", admin, new JsonObject().put("role", "device").put("site", "A").put("name", "edge box")
                .put("devices", new JsonArray().add("*")).encode());
        assertThat(gw.status()).isEqualTo(201);
        JsonObject listed = http.get("/api/v1/keys", admin).json().getJsonArray("items").stream().map(e -> (JsonObject) e)
                .filter(k -> k.getString("id").equals(gw.json().getString("id"))).findFirst().orElseThrow();
        assertThat(listed.getJsonArray("devices")).containsExactly("*");
        assertThat(listed.getBoolean("gateway")).isTrue();
        assertThat(listed.getBoolean("legacyGateway")).isFalse();
    }

    private String raw(String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", service.httpPort())) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
