package org.hemowatch.alerts;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.app.Hemowatch;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.ingest.mqtt.MqttPublisher;
import org.hemowatch.testing.Http;

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
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A whole Hemowatch (config file with a par level, a webhook and a station route) plus the three
 * alert receivers: a webhook HTTP server (checks the signature with its own HMAC), an SSE reader
 * and a recording MQTT publisher (the MQTT endpoint is not on main yet). Shared by the
 * end-to-end test and {@code AlertLatencyBench}.
 */
public final class AlertsHarness implements AutoCloseable {

    public static final String SECRET = "e2e-webhook-secret";

    /** A delivered webhook call: the body, whether its signature verified, and the headers of interest. */
    public record Hook(JsonObject body, boolean signatureValid, String deliveryId, String timestamp, long receivedNanos) {
    }

    /** A message given to the MQTT publisher. */
    public record Published(String topic, String payload, MqttQoS qos, boolean retain, long nanos) {
    }

    /** One SSE event. */
    public record Event(String event, JsonObject data, long receivedNanos) {
    }

    public final BlockingQueue<Hook> hooks = new LinkedBlockingQueue<>();
    public final BlockingQueue<Published> mqtt = new LinkedBlockingQueue<>();
    public final BlockingQueue<Event> sse = new LinkedBlockingQueue<>();
    /** SSE comment lines seen ({@code : keep-alive}). */
    public final java.util.concurrent.atomic.AtomicInteger sseComments = new java.util.concurrent.atomic.AtomicInteger();

    private final Vertx receiverVertx = Vertx.vertx();
    private final HttpServer receiver;
    private final Path dataDir;
    private final Clock clock;
    private Hemowatch service;
    private Http http;
    private String admin;
    private InputStream sseBody;
    private Thread sseReader;

    private AlertsHarness(Path dataDir, Clock clock) throws Exception {
        this.dataDir = dataDir;
        this.clock = clock;
        this.receiver = receiverVertx.createHttpServer().requestHandler(req -> req.body().onSuccess(body -> {
            String expected = "sha256=" + hmacHex(SECRET, body.getBytes());
            hooks.add(new Hook(body.toJsonObject(), expected.equals(req.getHeader("X-Hemowatch-Signature")),
                    req.getHeader("X-Hemowatch-Delivery"), req.getHeader("X-Hemowatch-Timestamp"), System.nanoTime()));
            req.response().setStatusCode(204).end();
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** Starts receivers and the service; {@code alertsYaml} is appended under {@code alerts:} (indented by the caller). */
    public static AlertsHarness start(Path dataDir, Clock clock, String extraAlertsYaml) throws Exception {
        AlertsHarness h = new AlertsHarness(dataDir, clock);
        h.startService(extraAlertsYaml);
        return h;
    }

    private void startService(String extraAlertsYaml) throws Exception {
        String yaml = Files.readString(Path.of("src/test/resources/alerts-e2e/hemowatch.yaml"))
                .replace("${WEBHOOK_URL}", "http://127.0.0.1:" + receiver.actualPort() + "/hook")
                .replace("${SECRET}", SECRET)
                .replace("${EXTRA}", extraAlertsYaml == null ? "" : extraAlertsYaml);
        Path file = dataDir.resolve("hemowatch.yaml");
        Files.writeString(file, yaml);
        HemowatchConfig config = new ConfigLoader().load(file, Map.of("HEMOWATCH_DATA_DIR", dataDir.toString(),
                "HEMOWATCH_HTTP_PORT", "0", "HEMOWATCH_HTTP_HOST", "127.0.0.1"));
        service = Hemowatch.start(config, clock).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        service.alerts().attachMqtt(new RecordingPublisher());
        http = new Http(service.httpPort());
        admin = Files.readString(dataDir.resolve("admin.key")).trim();
    }

    /** Stops the service (not the receivers) and starts it again on the same data directory. */
    public void restart() throws Exception {
        closeSse();
        service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        HemowatchConfig config = new ConfigLoader().load(dataDir.resolve("hemowatch.yaml"), Map.of("HEMOWATCH_DATA_DIR",
                dataDir.toString(), "HEMOWATCH_HTTP_PORT", "0", "HEMOWATCH_HTTP_HOST", "127.0.0.1"));
        service = Hemowatch.start(config, clock).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
        http = new Http(service.httpPort());
    }

    public Http http() {
        return http;
    }

    public String admin() {
        return admin;
    }

    public Hemowatch service() {
        return service;
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
        return http.post("/api/v1/scans", admin, body.encode());
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

    public Published nextMqtt(String topic, long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (System.currentTimeMillis() < end) {
            Published p = mqtt.poll(end - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
            if (p != null && p.topic().equals(topic)) {
                return p;
            }
        }
        return null;
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

    private final class RecordingPublisher implements MqttPublisher {
        @Override
        public Future<Void> publish(String topic, Buffer payload, MqttQoS qos, boolean retain) {
            mqtt.add(new Published(topic, payload.toString(StandardCharsets.UTF_8), qos, retain, System.nanoTime()));
            return Future.succeededFuture();
        }
    }

    @Override
    public void close() throws Exception {
        closeSse();
        if (service != null) {
            service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        receiverVertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
