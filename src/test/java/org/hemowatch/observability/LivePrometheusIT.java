package org.hemowatch.observability;

import org.hemowatch.testing.ServiceBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.hemowatch.ingest.serial.ControllerLineDecoder;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.SocatPair;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * The dashboards and rules against a REAL Prometheus scraping a running Hemowatch: the service
 * gets scans and an alert acknowledgement over HTTP, fridge readings over a serial pseudo-terminal
 * and over its MQTT endpoint (from registered and unregistered devices), and has a webhook it
 * cannot reach (see {@link #feedData()}); Prometheus scrapes it
 * every second, then every panel query (template variables resolved through Prometheus's label
 * API) must return at least one series and every rule expression must be a valid query.
 * {@code promtool check metrics} must find nothing in the live exposition.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class LivePrometheusIT {

    /** Scrapes Prometheus must have taken before queries over [1m] windows see rates. */
    private static final int SCRAPES = 6;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    /** Units are received and one is issued the day before the scrapes, so that day's issues count as demand. */
    private static final Instant FEED_DAY = Instant.parse("2026-11-25T06:00:00Z");
    /** Units expire on 26 Nov 2026 12:00 London; at midnight they are within 24 h of expiry. */
    private static final Instant SCRAPE_TIME = Instant.parse("2026-11-26T00:00:00Z");

    private static final TestClock clock = new TestClock(FEED_DAY);
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(Map.of("HEMOWATCH_ZONE", "Europe/London"))
            .extension().startedByTest();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private SocatPair fridge;
    private Vertx mqttVertx;
    private Process prometheus;
    private Path prometheusLog;
    private String prometheusUrl;

    @BeforeAll
    void start() throws Exception {
        Tools.require("prometheus", "prometheus");
        Tools.require("promtool", "prometheus");
        SocatPair.requireSocat();
        fridge = SocatPair.start(dir.resolve("fridge-sim"), dir.resolve("fridge-port"));
        // nothing listens there: every webhook delivery fails, is retried briefly, then counted failed
        int closedPort = freePort();
        service.start(b -> b.config("""
                serial:
                  ports:
                    - path: %s
                      kind: fridge
                      devices: { "1": fridge-1, "2": freezer-1 }
                coldChain:
                  tick: PT1H
                  devices:
                    - {id: fridge-1, kind: refrigerator, holds: [RBC]}
                    - {id: freezer-1, kind: freezer, excursionDelay: PT0S}
                supply:
                  parLevels:
                    - {site: main, component: RBC, group: "O-", minimum: 4, ideal: 8}
                    - {site: main, component: RBC, group: "A+", minimum: 1, ideal: 2}
                alerts:
                  retryInitialMillis: 50
                  retryMaxMillis: 200
                  retryForSeconds: 1
                  webhooks:
                    - {name: unreachable, url: "http://127.0.0.1:%d/hook", secret: test-only-secret}
                """.formatted(fridge.b(), closedPort)));
        feedData();
        startPrometheus();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() ->
                !query("count_over_time(up{job=\"hemowatch\"}[5m]) >= " + SCRAPES).path("data").path("result").isEmpty());
    }

    @AfterAll
    void stop() throws Exception {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
        }
        if (mqttVertx != null) {
            mqttVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        service.stop(); // before its port goes
        if (fridge != null) {
            fridge.close();
        }
    }

    @Test
    void prometheusScrapesHemowatchSuccessfully() throws Exception {
        JsonNode up = query("up{job=\"hemowatch\"}").path("data").path("result");
        assertThat(up).hasSize(1);
        assertThat(up.path(0).path("value").path(1).asText()).isEqualTo("1");
    }

    @Test
    void promtoolFindsNothingInTheLiveMetrics() throws Exception {
        String metrics = service.http().get("/metrics", null).body();
        Tools.Result r = Tools.run(dir, metrics, List.of("promtool", "check", "metrics"));
        assertThat(r.output()).as("promtool check metrics").isBlank();
        assertThat(r.exit()).isZero();
    }

    /** docs/metrics.md names every metric family of the live exposition (a {@code _max} gauge with its timer or histogram). */
    @Test
    void metricCatalogueListsEveryLiveMetric() throws Exception {
        String catalogue = Repo.text(Repo.ROOT.resolve("docs/metrics.md"));
        List<String> missing = service.http().get("/metrics", null).body().lines()
                .filter(l -> l.startsWith("# TYPE "))
                .map(l -> l.split(" ")[2])
                .filter(n -> !catalogue.contains("`" + n + "`") && !catalogue.contains("`" + n.replaceFirst("_max$", "") + "`"))
                .toList();
        assertThat(missing).as("metrics missing from docs/metrics.md").isEmpty();
    }

    @Test
    void prometheusLoadsEveryRuleAndEvaluatesItWithoutError() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> allRules().stream().allMatch(r -> !r.path("lastEvaluation").asText().startsWith("0001")));
        assertThat(allRules()).isNotEmpty().allSatisfy(r ->
                assertThat(r.path("health").asText()).as("rule %s: %s", r.path("name").asText(), r.path("lastError").asText()).isEqualTo("ok"));
    }

    /** One test per rule: its expression is a valid instant query (it may return nothing while the condition is false). */
    @TestFactory
    Stream<DynamicTest> everyRuleExpressionIsAValidQuery() {
        List<DynamicTest> tests = new ArrayList<>();
        Repo.yaml(Repo.RULES).path("groups").forEach(g -> g.path("rules").forEach(rule -> {
            String name = rule.path("alert").asText(rule.path("record").asText());
            String expr = rule.path("expr").asText();
            tests.add(DynamicTest.dynamicTest(name, () -> assertValidQuery(name, expr)));
        }));
        assertThat(tests).isNotEmpty();
        return tests.stream();
    }

    /** One test per template variable: its label_values query finds values. */
    @TestFactory
    Stream<DynamicTest> everyTemplateVariableFindsValues() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Repo.dashboardFiles()) {
            Dashboard d = Dashboard.load(file);
            for (String name : d.variables().keySet()) {
                tests.add(DynamicTest.dynamicTest(d.file() + " $" + name, () -> {
                    List<String> values = variableValues(d).get(name);
                    assertThat(values).as("values of $%s in %s (%s)", name, d.file(), String.join(", ", Dashboard.labelValues(d.variables().get(name)))).isNotEmpty();
                }));
            }
        }
        return tests.stream();
    }

    /** One test per panel query: with the variables set to real values it is valid and returns series. */
    @TestFactory
    Stream<DynamicTest> everyPanelQueryReturnsSeries() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : Repo.dashboardFiles()) {
            Dashboard d = Dashboard.load(file);
            for (Dashboard.Query q : d.queries()) {
                tests.add(DynamicTest.dynamicTest(q.toString(), () -> {
                    Map<String, String> vars = new HashMap<>();
                    variableValues(d).forEach((k, v) -> vars.put(k, v.isEmpty() ? ".*" : v.get(0)));
                    String expr = Dashboard.substitute(q.expr(), vars);
                    JsonNode result = assertValidQuery(q.toString(), expr);
                    assertThat(result.path("data").path("result")).as("series of %s: %s", q, expr).isNotEmpty();
                }));
            }
        }
        assertThat(tests).hasSizeGreaterThan(20);
        return tests.stream();
    }

    // --- data ---

    /**
     * Real data through the real paths, so that every metric the dashboards and rules use exists:
     * scans over HTTP (one issued the day before the scrapes: demand for days of supply), a shortage
     * alert acknowledged over HTTP, a webhook that cannot be reached, fridge lines over serial (a
     * duplicate, a bad checksum, a freezer beyond its hard limit: an excursion) and MQTT (a reading,
     * bad JSON, a reading of an unregistered device, a wrong password, one connection kept open).
     */
    private void feedData() throws Exception {
        Http http = service.http();
        String key = service.adminKey();
        assertCreated(http, key, scan("RECEIVE", Labels.label(Labels.DIN_1_READ, Labels.O_NEG, Labels.RED_CELLS, Labels.expiryInDays(clock, 1)), "receiving", null));
        assertCreated(http, key, scan("RECEIVE", Labels.label(Labels.DIN_2_READ, Labels.A_POS, Labels.RED_CELLS, Labels.expiryInDays(clock, 1)), "receiving", null));
        assertCreated(http, key, scan("RECEIVE", Labels.label(Labels.DIN_3_READ, Labels.A_POS, Labels.RED_CELLS, Labels.expiryInDays(clock, 1)), "receiving", null));
        assertCreated(http, key, scan("STORE", Labels.DIN_1_READ + Labels.RED_CELLS, "fridge-1", null));
        assertCreated(http, key, scan("STORE", Labels.DIN_2_READ + Labels.RED_CELLS, "fridge-1", null));
        assertCreated(http, key, scan("STORE", Labels.DIN_3_READ + Labels.RED_CELLS, "fridge-1", null));
        assertCreated(http, key, scan("ISSUE", Labels.DIN_2_READ + Labels.RED_CELLS, null, "ward-7"));
        // a DIN with a wrong check value: a rejected scan; a request without key: an auth rejection
        assertThat(http.post("/api/v1/scans", key, scan("RECEIVE", Labels.label("=A99992600000169", Labels.O_NEG, Labels.RED_CELLS,
                Labels.expiryInDays(clock, 1)), "receiving", null).encode()).status()).isEqualTo(400);
        assertThat(http.get("/api/v1/stock", null).status()).isEqualTo(401);

        // one O- unit against a par minimum of 4: a shortage alert, acknowledged the next morning
        String shortage = awaitOpenAlert(http, key, "shortage", "RBC/O-");
        clock.set(SCRAPE_TIME);
        Http.Response ack = http.post("/api/v1/alerts/" + shortage + "/ack", key, new JsonObject().put("comment", "ordered O- units").encode());
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);

        // fridge lines: two devices, a repeated seq (duplicate) and a line with a bad checksum
        fridge.writeToA(line("HWT,1,1,air,4.2,C,-") + line("HWT,2,1,product,-30.5,-,-") + line("HWT,1,2,air,4.3,C,-")
                + line("HWT,1,2,air,4.3,C,-") + "$HWT,1,3,air,4.4,C,-*00\r\n");
        await().atMost(Duration.ofSeconds(15)).until(() -> metrics(http).contains("hemowatch_serial_lines_rejected_total{"));
        // a minute later (a monitor ignores readings not newer than its last) the freezer is beyond its hard limit
        clock.advance(Duration.ofMinutes(1));
        fridge.writeToA(line("HWT,2,2,product,-10.0,-,-"));
        await().atMost(Duration.ofSeconds(15)).until(() -> metrics(http).contains("hemowatch_excursions_total{"));
        service.service().coldChain().tick().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        feedMqtt(http, key);

        List<String> expected = List.of("hemowatch_serial_lines_rejected_total{", "hemowatch_readings_duplicates_total{",
                "hemowatch_readings_accepted_total{path=\"mqtt\"", "hemowatch_readings_rejected_total{path=\"mqtt\",reason=\"unknown-device\"",
                "hemowatch_mqtt_messages_rejected_total{reason=\"bad-json\"", "hemowatch_mqtt_connections_refused_total{",
                "hemowatch_mqtt_connections 1", "hemowatch_units_issued_total{", "hemowatch_stock_cover_seconds{",
                "hemowatch_stock_par_minimum{", "hemowatch_alert_time_to_acknowledge_seconds_count{",
                "hemowatch_alert_deliveries_total{channel=\"webhook\",outcome=\"failed\"");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(metrics(http)).contains(expected));
    }

    /** A device key, one client kept connected that publishes a reading and bad JSON, and a client with a wrong password. */
    private void feedMqtt(Http http, String adminKey) throws Exception {
        Http.Response created = http.post("/api/v1/keys", adminKey,
                new JsonObject().put("role", "device").put("site", "main").put("name", "fridge controllers").put("devices", new io.vertx.core.json.JsonArray().add("*")).encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String deviceKey = created.json().getString("key");
        int port = service.service().mqtt().port();
        mqttVertx = Vertx.vertx();

        MqttClient device = MqttClient.create(mqttVertx, new MqttClientOptions().setClientId("fridge-1").setUsername("fridge-1").setPassword(deviceKey));
        AtomicInteger acked = new AtomicInteger();
        device.publishCompletionHandler(id -> acked.incrementAndGet());
        device.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        JsonObject reading = new JsonObject().put("seq", 42).put("ts", clock.instant().toString()).put("tempC", 4.1).put("probe", "air");
        device.publish("hemowatch/v1/main/devices/fridge-1/readings", reading.toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false);
        device.publish("hemowatch/v1/main/devices/fridge-1/readings", Buffer.buffer("{\"seq\": 43, \"tempC\":"), MqttQoS.AT_LEAST_ONCE, false, false);
        // a controller nobody registered: the reading is refused (rule unknown-device)
        device.publish("hemowatch/v1/main/devices/fridge-9/readings", reading.toBuffer(), MqttQoS.AT_LEAST_ONCE, false, false);
        await().atMost(Duration.ofSeconds(10)).until(() -> acked.get() == 3);

        MqttClient intruder = MqttClient.create(mqttVertx, new MqttClientOptions().setClientId("fridge-2").setUsername("fridge-2").setPassword("not-a-key"));
        assertThat(intruder.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture()
                .handle((ok, e) -> e).get(10, TimeUnit.SECONDS)).as("connection with a wrong password").isNotNull();
    }

    private static String awaitOpenAlert(Http http, String key, String kind, String subject) {
        String[] id = new String[1];
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            JsonArray items = http.get("/api/v1/alerts?kind=" + kind + "&state=OPEN", key).json().getJsonArray("items");
            for (Object o : items) {
                JsonObject a = (JsonObject) o;
                if (a.getString("subject").equals(subject)) {
                    id[0] = a.getString("id");
                    return true;
                }
            }
            return false;
        });
        return id[0];
    }

    private static String metrics(Http http) throws Exception {
        return http.get("/metrics", null).body();
    }

    private static JsonObject scan(String action, String data, String location, String destination) {
        JsonObject o = new JsonObject().put("action", action).put("data", data);
        if (location != null) {
            o.put("location", location);
        }
        if (destination != null) {
            o.put("destination", destination);
        }
        return o;
    }

    private static void assertCreated(Http http, String key, JsonObject body) throws Exception {
        Http.Response r = http.post("/api/v1/scans", key, body.encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private static String line(String body) {
        return "$" + body + "*" + ControllerLineDecoder.checksumHex(body) + "\r\n";
    }

    // --- Prometheus ---

    private void startPrometheus() throws Exception {
        int port = freePort();
        prometheusUrl = "http://127.0.0.1:" + port;
        Path config = Files.writeString(dir.resolve("prometheus-test.yml"), """
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                rule_files:
                  - %s
                scrape_configs:
                  - job_name: hemowatch
                    metrics_path: /metrics
                    static_configs:
                      - targets: ["127.0.0.1:%d"]
                """.formatted(Repo.RULES, service.httpPort()));
        prometheusLog = dir.resolve("prometheus.log");
        prometheus = new ProcessBuilder("prometheus", "--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("tsdb"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(prometheusLog.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!prometheus.isAlive()) {
                    return true;
                }
                try {
                    return get("/-/ready").statusCode() == 200;
                } catch (IOException e) {
                    return false;
                }
            });
        } finally {
            if (!prometheus.isAlive()) {
                fail("prometheus exited with " + prometheus.exitValue() + ":\n" + Files.readString(prometheusLog));
            }
        }
    }

    private JsonNode assertValidQuery(String what, String expr) throws Exception {
        HttpResponse<String> r = get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("status").asText()).as("%s: %s -> %s", what, expr, body.path("error").asText()).isEqualTo("success");
        return body;
    }

    private JsonNode query(String expr) throws Exception {
        return JSON.readTree(get("/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)).body());
    }

    private List<JsonNode> allRules() throws Exception {
        List<JsonNode> rules = new ArrayList<>();
        JSON.readTree(get("/api/v1/rules").body()).path("data").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        return rules;
    }

    /** Values of every variable of a dashboard, in order, each query seeing the first value of those before it. */
    private Map<String, List<String>> variableValues(Dashboard d) throws Exception {
        Map<String, List<String>> values = new HashMap<>();
        Map<String, String> chosen = new HashMap<>();
        for (Map.Entry<String, JsonNode> v : d.variables().entrySet()) {
            String[] q = Dashboard.labelValues(v.getValue());
            String selector = Dashboard.substitute(q[0], chosen);
            JsonNode body = JSON.readTree(get("/api/v1/label/" + q[1] + "/values?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8)).body());
            assertThat(body.path("status").asText()).as("variable %s: %s", v.getKey(), body.path("error").asText()).isEqualTo("success");
            List<String> list = new ArrayList<>();
            body.path("data").forEach(n -> list.add(n.asText()));
            values.put(v.getKey(), list);
            chosen.put(v.getKey(), list.isEmpty() ? ".*" : list.get(0));
        }
        return values;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(prometheusUrl + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
