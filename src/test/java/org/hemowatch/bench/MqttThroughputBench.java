package org.hemowatch.bench;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.hemowatch.ingest.mqtt.Mosquitto;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.RunningService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Durable readings per second over MQTT QoS 1 from several connections: through the embedded endpoint
 * (PUBACK = committed), through external-broker mode (counted at COMMIT), and as baseline the rate at which
 * mosquitto_sub alone receives the same stream from the same broker. Run:
 * {@code mvn -B -q test -Pbench -Dtest=MqttThroughputBench} ({@code -Dbench.readings=N}, {@code -Dbench.clients=K}).
 */
@Tag("bench")
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class MqttThroughputBench {

    private static final int N = Integer.getInteger("bench.readings", 20_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final int WINDOW = 500;

    @TempDir
    Path tmp;

    @Test
    void measuresDurableReadingsPerSecond() throws Exception {
        double embedded = embedded();
        double[] external = external();
        System.out.printf("%nMQTT QoS 1, %d readings from %d connections:%n", N, CLIENTS);
        System.out.printf("  embedded endpoint (PUBACK after commit): %,10.0f durable readings/s%n", embedded);
        System.out.printf("  external broker mode (Mosquitto):        %,10.0f durable readings/s%n", external[0]);
        System.out.printf("  baseline: mosquitto_sub alone receives:  %,10.0f messages/s%n", external[1]);
        System.out.printf("  external / baseline = %.2f, embedded / baseline = %.2f%n%n", external[0] / external[1], embedded / external[1]);
    }

    private double embedded() throws Exception {
        Path dir = tmp.resolve("embedded");
        java.nio.file.Files.createDirectories(dir);
        try (RunningService s = RunningService.start(dir, Clock.systemUTC(), Map.of("HEMOWATCH_MQTT_PORT", "0", "HEMOWATCH_UNKNOWN_DEVICES", "register"))) {
            Http http = new Http(s.httpPort());
            String key = http.post("/api/v1/keys", s.adminKey(), new JsonObject().put("role", "device").put("name", "bench").encode()).json().getString("key");
            return publish(s.service().mqtt().port(), key, "emb");
        }
    }

    private double[] external() throws Exception {
        Path brokerDir = tmp.resolve("broker");
        Path dir = tmp.resolve("external");
        java.nio.file.Files.createDirectories(brokerDir);
        java.nio.file.Files.createDirectories(dir);
        try (Mosquitto broker = Mosquitto.start(brokerDir);
             RunningService s = RunningService.start(dir, Clock.systemUTC(), Map.of("HEMOWATCH_MQTT_BROKER", broker.url(), "HEMOWATCH_UNKNOWN_DEVICES", "register"))) {
            long until = System.currentTimeMillis() + 20_000;
            while (!s.service().mqtt().ready() && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            // baseline first, on its own
            Process sub = Mosquitto.sub(broker.port(), null, null, tmp.resolve("baseline.txt"), "-q", "1", "-C", Integer.toString(N),
                    "-t", "bench/baseline/+/readings");
            Thread.sleep(500);
            long t0 = System.nanoTime();
            publishTo(broker.port(), null, "base", "bench/baseline/%s/readings", null);
            sub.waitFor(5, TimeUnit.MINUTES);
            double baseline = N / ((System.nanoTime() - t0) / 1e9);

            CountDownLatch stored = new CountDownLatch(N);
            s.service().readings().onReadings(list -> list.forEach(r -> stored.countDown()));
            long t1 = System.nanoTime();
            publishTo(broker.port(), null, "ext", "hemowatch/v1/main/devices/%s/readings", null);
            stored.await(5, TimeUnit.MINUTES);
            double ext = N / ((System.nanoTime() - t1) / 1e9);
            return new double[]{ext, baseline};
        }
    }

    private double publish(int port, String key, String prefix) throws Exception {
        long t0 = System.nanoTime();
        publishTo(port, key, prefix, "hemowatch/v1/main/devices/%s/readings", key);
        return N / ((System.nanoTime() - t0) / 1e9);
    }

    /** Publishes N readings at QoS 1 over CLIENTS connections, each keeping WINDOW unacknowledged; returns when all are PUBACKed. */
    private static void publishTo(int port, String password, String prefix, String topicFormat, String unused) throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            CountDownLatch done = new CountDownLatch(N);
            List<MqttClient> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String device = prefix + "-" + c;
                MqttClientOptions o = new MqttClientOptions().setClientId(device).setUsername(device).setMaxInflightQueue(WINDOW * 2);
                if (password != null) {
                    o.setPassword(password);
                }
                MqttClient client = MqttClient.create(vertx, o);
                client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                clients.add(client);
                int share = N / CLIENTS + (c < N % CLIENTS ? 1 : 0);
                AtomicLong next = new AtomicLong();
                String topic = String.format(topicFormat, device);
                Runnable send = () -> {
                    long seq = next.getAndIncrement();
                    if (seq < share) {
                        client.publish(topic, Buffer.buffer("{\"seq\":" + seq + ",\"tempC\":4.2}"), MqttQoS.AT_LEAST_ONCE, false, false);
                    }
                };
                client.publishCompletionHandler(id -> {
                    done.countDown();
                    send.run();
                });
                vertx.runOnContext(v -> {
                    for (int i = 0; i < WINDOW; i++) {
                        send.run();
                    }
                });
            }
            if (!done.await(5, TimeUnit.MINUTES)) {
                throw new IllegalStateException(done.getCount() + " readings were not acknowledged");
            }
            clients.forEach(MqttClient::disconnect);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
