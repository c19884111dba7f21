package org.hemowatch.alerts;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.app.ServiceInternals;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.MqttSubscriber;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ThrowingRunnable;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A whole Hemowatch (config file with a par level, a webhook and a station route) plus the three
 * alert receivers: a webhook HTTP server (checks the signature with its own HMAC), an SSE reader,
 * and real MQTT subscribers ({@code mosquitto_sub}, see {@link #subscribe}) on the service's
 * embedded endpoint (as station {@value #STATION} with a station key) or on an external broker
 * the service publishes to. Shared by the end-to-end test and {@code AlertLatencyBench}.
 */
public final class AlertsHarness implements AutoCloseable {

    public static final String SECRET = "e2e-webhook-secret";
    /** The station of the config's shortage route; MQTT subscribers of the embedded endpoint connect as this station. */
    public static final String STATION = "bank-1";

    /** A webhook call received: the body, whether its signature verified, the headers of interest and the status answered. */
    public record Hook(JsonObject body, boolean signatureValid, String deliveryId, String timestamp, long receivedNanos, int status) {
    }

    /** One SSE event. */
    public record Event(String event, JsonObject data, long receivedNanos) {
    }

    public final BlockingQueue<Hook> hooks = new LinkedBlockingQueue<>();
    /** Status the webhook receiver answers (204; set e.g. 503 to play a receiver that is down). */
    public final java.util.concurrent.atomic.AtomicInteger receiverStatus = new java.util.concurrent.atomic.AtomicInteger(204);
    public final BlockingQueue<Event> sse = new LinkedBlockingQueue<>();
    /** SSE comment lines seen ({@code : keep-alive}). */
    public final java.util.concurrent.atomic.AtomicInteger sseComments = new java.util.concurrent.atomic.AtomicInteger();

    private final Vertx receiverVertx = Vertx.vertx();
    private final HttpServer receiver;
    private final HemowatchExtension service;
    /** Null: the embedded MQTT endpoint on a free port; else the URL of the external broker. */
    private final String brokerUrl;
    private final List<MqttSubscriber> subscribers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private String admin;
    private String stationKey;
    private InputStream sseBody;
    private Thread sseReader;

    private AlertsHarness(HemowatchExtension service, String brokerUrl) throws Exception {
        this.service = service;
        this.brokerUrl = brokerUrl;
        this.receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String expected = "sha256=" + hmacHex(SECRET, body.getBytes());
            int status = receiverStatus.get();
            hooks.add(new Hook(body.toJsonObject(), expected.equals(req.getHeader("X-Hemowatch-Signature")),
                    req.getHeader("X-Hemowatch-Delivery"), req.getHeader("X-Hemowatch-Timestamp"), System.nanoTime(), status));
            req.response().setStatusCode(status).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The extension of an alerts test (on {@code clock}, started by {@link #start}); the harness closes its receivers, the extension the service. */
    public static HemowatchExtension extension(Clock clock) {
        return ServiceBuilder.service().clock(clock).extension().startedByTest();
    }

    /**
     * Starts receivers and the service of {@code service} with its embedded MQTT endpoint on a free port;
     * {@code extraAlertsYaml} is appended under {@code alerts:} (indented by the caller).
     */
    public static AlertsHarness start(HemowatchExtension service, String extraAlertsYaml) throws Exception {
        return start(service, extraAlertsYaml, null);
    }

    /** As {@link #start(HemowatchExtension, String)}; with a {@code brokerUrl} the service publishes to that external broker instead. */
    public static AlertsHarness start(HemowatchExtension service, String extraAlertsYaml, String brokerUrl) throws Exception {
        return start(service, extraAlertsYaml, brokerUrl, yaml -> yaml);
    }

    /** As {@link #start(HemowatchExtension, String, String)}; {@code edit} changes the config text before it is written. */
    public static AlertsHarness start(HemowatchExtension service, String extraAlertsYaml, String brokerUrl,
                                      java.util.function.UnaryOperator<String> edit) throws Exception {
        AlertsHarness h = new AlertsHarness(service, brokerUrl);
        try {
            h.startService(extraAlertsYaml, edit);
        } catch (Exception e) {
            h.close();
            throw e;
        }
        return h;
    }

    private void startService(String extraAlertsYaml, java.util.function.UnaryOperator<String> edit) throws Exception {
        String yaml = edit.apply(Files.readString(Path.of("src/test/resources/alerts-e2e/hemowatch.yaml")))
                .replace("${WEBHOOK_URL}", "http://127.0.0.1:" + receiver.actualPort() + "/hook")
                .replace("${SECRET}", SECRET)
                .replace("${EXTRA}", extraAlertsYaml == null ? "" : extraAlertsYaml);
        Path config = service.dir().resolve("hemowatch.yaml");
        Files.writeString(config, yaml);
        service.start(b -> {
            b.configFile(config);
            if (brokerUrl != null) {
                b.broker(brokerUrl);
            }
        });
        admin = service.adminKey();
    }

    /** Stops the service (not the receivers) and starts it again on the same data directory. */
    public void restart() throws Exception {
        restart(() -> { });
    }

    /** As {@link #restart()}, running {@code whileStopped} between the stop and the start. */
    public void restart(ThrowingRunnable whileStopped) throws Exception {
        closeSse();
        service.restart(whileStopped);
    }

    /** Rows of a {@code documents} collection, counted over a connection of its own to the SQLite file. */
    public int documents(String collection) throws Exception {
        try (java.sql.Connection c = sqlite();
             java.sql.PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM documents WHERE collection = ?")) {
            ps.setString(1, collection);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** Runs SQL (e.g. a test trigger) over a connection of its own to the service's SQLite file. */
    public void sql(String statement) throws Exception {
        try (java.sql.Connection c = sqlite(); java.sql.Statement st = c.createStatement()) {
            st.execute(statement);
        }
    }

    private java.sql.Connection sqlite() throws Exception {
        java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + service.dataDir().resolve("hemowatch.db"));
        try (java.sql.Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
        }
        return c;
    }

    /** The port MQTT subscribers connect to: the embedded endpoint's, or the external broker's. */
    public int mqttPort() {
        return brokerUrl == null ? service.service().mqtt().port() : java.net.URI.create(brokerUrl).getPort();
    }

    /** A station key (role station, site main), created over HTTP on first use. */
    public String stationKey() throws Exception {
        if (stationKey == null) {
            Http.Response r = service.http().post("/api/v1/keys", admin, new JsonObject().put("role", "station").put("site", "main")
                    .put("name", "blood bank desk").encode());
            if (r.status() != 201) {
                throw new IllegalStateException("station key: " + r.status() + " " + r.body());
            }
            stationKey = r.json().getString("key");
        }
        return stationKey;
    }

    /**
     * A running {@code mosquitto_sub} on the topic filters, subscribed when this returns: on the
     * embedded endpoint as station {@value #STATION} (user name = station id, password = a station
     * key); on an external broker anonymously (the broker's own access control applies there).
     * Closed with the harness.
     */
    public MqttSubscriber subscribe(String... filters) throws Exception {
        MqttSubscriber s = brokerUrl == null
                ? MqttSubscriber.start(mqttPort(), STATION, stationKey(), filters)
                : MqttSubscriber.start(mqttPort(), null, null, filters);
        subscribers.add(s);
        return s;
    }

    /** What a client subscribing now gets as retained on {@code topic} (waits {@code waitSeconds} for more). */
    public List<MqttSubscriber.Message> retained(String topic, int waitSeconds) throws Exception {
        return brokerUrl == null
                ? MqttSubscriber.retained(mqttPort(), STATION, stationKey(), topic, waitSeconds)
                : MqttSubscriber.retained(mqttPort(), null, null, topic, waitSeconds);
    }

    public Http http() {
        return service.http();
    }

    public String admin() {
        return admin;
    }

    /** The service's test access point. */
    public ServiceInternals service() {
        return service.service();
    }

    /** One scan with the admin key; returns the response. */
    public Http.Response scan(String action, String read, String location, String destination) throws Exception {
        JsonObject body = new JsonObject().put("action", action).put("data", read);
        if (location != null) {
            body.put("location", location);
        }
        if (destination != null) {
            body.put("destination", destination);
        }
        return service.http().post("/api/v1/scans", admin, body.encode());
    }

    /** Opens the SSE stream with the given key and reads events into {@link #sse} on a thread. */
    public void openSse(String key) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.httpPort() + "/api/v1/alerts/stream"))
                .header("Authorization", "Bearer " + key).header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> r = client.send(req, HttpResponse.BodyHandlers.ofInputStream());
        if (r.statusCode() != 200 || !r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream")) {
            throw new IllegalStateException("SSE answered " + r.statusCode() + " " + r.headers().map());
        }
        sseBody = r.body();
        sseReader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(sseBody, StandardCharsets.UTF_8))) {
                String event = null;
                StringBuilder data = new StringBuilder();
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (event != null) {
                            sse.add(new Event(event, new JsonObject(data.toString()), System.nanoTime()));
                        }
                        event = null;
                        data.setLength(0);
                    } else if (line.startsWith(":")) {
                        sseComments.incrementAndGet();
                    } else if (line.startsWith("event: ")) {
                        event = line.substring(7);
                    } else if (line.startsWith("data: ")) {
                        data.append(line.substring(6));
                    }
                }
            } catch (Exception e) {
                // stream closed
            }
        }, "sse-reader");
        sseReader.setDaemon(true);
        sseReader.start();
    }

    private void closeSse() throws Exception {
        if (sseBody != null) {
            sseBody.close();
            sseBody = null;
        }
    }

    /** Next SSE event matching kind/changeType (others are skipped), or null after the timeout. */
    public Event nextSse(String kind, String changeType, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Event e = sse.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (e != null && matches(e.data(), kind, changeType)) {
                return e;
            }
        }
        return null;
    }

    public Hook nextHook(String kind, String changeType, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Hook h = hooks.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (h != null && matches(h.body(), kind, changeType)) {
                return h;
            }
        }
        return null;
    }

    /**
     * Next MQTT message on {@code topic} that is an alert change of {@code changeType} (others are
     * skipped), or null after the timeout.
     */
    public static MqttSubscriber.Message nextMqtt(MqttSubscriber s, String topic, String changeType, long timeoutMs)
            throws InterruptedException {
        return s.next(m -> m.topic().equals(topic) && !m.payload().isEmpty()
                && new JsonObject(m.payload()).getString("changeType").equals(changeType), timeoutMs);
    }

    private static boolean matches(JsonObject change, String kind, String changeType) {
        return change.getJsonObject("alert").getString("kind").equals(kind) && change.getString("changeType").equals(changeType);
    }

    /** Builds the JSON body of a par level PUT. */
    public static String parLevels(JsonObject... items) {
        JsonArray a = new JsonArray();
        for (JsonObject i : items) {
            a.add(i);
        }
        return new JsonObject().put("items", a).encode();
    }

    static String hmacHex(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        for (MqttSubscriber s : subscribers) {
            s.close();
        }
        closeSse();
        receiverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
