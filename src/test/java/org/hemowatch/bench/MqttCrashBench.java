package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the service under MQTT QoS 1 load, {@code bench.rounds} times on one data directory. Four
 * publishers keep {@code bench.window} readings each in flight against the embedded endpoint; every
 * PUBACKed reading goes into a ledger. After each kill the ledger is checked against the store (the
 * SQLite file, read directly), then the service is started again on the same directory and its time
 * to ready is measured. Prints per round: acknowledged, lost (acknowledged but not stored: must be 0),
 * stored but never acknowledged, time to ready. Run: {@code mvn -B -q test -Pbench -Dtest=MqttCrashBench}
 * ({@code -Dbench.rounds=20 -Dbench.loadMillis=2000}). See docs/performance.md.
 */
@Tag("bench")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class MqttCrashBench {

    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final long LOAD_MS = Long.getLong("bench.loadMillis", 2000);
    private static final int WINDOW = Integer.getInteger("bench.window", 200);
    private static final int CLIENTS = 4;

    @TempDir
    Path tmp;

    @Test
    void losesNoAcknowledgedReadingAcrossKills() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        int mqttPort = Mosquitto.freePort();
        Map<String, String> env = Map.of("HEMOWATCH_MQTT_PORT", Integer.toString(mqttPort), "HEMOWATCH_UNKNOWN_DEVICES", "register");
        Set<String> ledger = ConcurrentHashMap.newKeySet();
        long[] nextSeq = new long[CLIENTS];
        String key = null;
        long lostTotal = 0;
        System.out.printf("%n| round | acknowledged | lost | stored, not acknowledged | ready after start (ms) |%n|---|---|---|---|---|%n");
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            ServiceProcess s = ServiceBuilder.service().dataDir(data).env(env).startProcess(tmp.resolve("service.log"));
            Http http = new Http(s.httpPort());
            while (http.get("/health/ready", null).status() != 200) {
                Thread.sleep(20);
            }
            long readyMs = (System.nanoTime() - t0) / 1_000_000;
            if (key == null) {
                key = http.post("/api/v1/keys", Files.readString(data.resolve("admin.key")).trim(), new JsonObject().put("role", "device")
                        .put("name", "crash bench").put("devices", new JsonArray().add("*")).encode()).json().getString("key");
            }
            int before = ledger.size();
            Vertx vertx = Vertx.vertx();
            try {
                load(vertx, mqttPort, key, ledger, nextSeq);
                Thread.sleep(LOAD_MS);
                s.kill9();
                Thread.sleep(200); // PUBACKs already in this JVM's sockets are still counted
            } finally {
                vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
            Set<String> stored = stored(data.resolve("hemowatch.db"));
            Set<String> lost = new HashSet<>(ledger);
            lost.removeAll(stored);
            Set<String> extra = new HashSet<>(stored);
            extra.removeAll(ledger);
            lostTotal += lost.size();
            System.out.printf("| %d | %,d | %d | %,d | %,d |%n", round + 1, ledger.size() - before, lost.size(), extra.size(), readyMs);
        }
        System.out.printf("total: %,d readings acknowledged over %d kills, %d lost%n%n", ledger.size(), ROUNDS, lostTotal);
        assertThat(ledger).as("the load ran").isNotEmpty();
    }

    /** Starts the publishers: each keeps WINDOW readings in flight; a PUBACKed reading goes into the ledger. */
    private static void load(Vertx vertx, int port, String key, Set<String> ledger, long[] nextSeq) throws Exception {
        List<MqttClient> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            String device = "crash-" + c;
            int ci = c;
            MqttClient client = MqttClient.create(vertx, new MqttClientOptions().setClientId(device).setUsername(device).setPassword(key)
                    .setMaxInflightQueue(WINDOW * 2));
            client.connect(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            clients.add(client);
            Map<Integer, Long> inFlight = new ConcurrentHashMap<>();
            AtomicLong seq = new AtomicLong(nextSeq[c]);
            Runnable send = () -> {
                long n = seq.getAndIncrement();
                nextSeq[ci] = n + 1;
                if (client.isConnected()) {
                    client.publish("hemowatch/v1/main/devices/" + device + "/readings", Buffer.buffer("{\"seq\":" + n + ",\"tempC\":4.2}"),
                            MqttQoS.AT_LEAST_ONCE, false, false).onSuccess(id -> inFlight.put(id, n));
                }
            };
            client.publishCompletionHandler(id -> {
                Long n = inFlight.remove(id);
                if (n != null) {
                    ledger.add(device + "/" + n);
                }
                send.run();
            });
            vertx.runOnContext(v -> {
                for (int i = 0; i < WINDOW; i++) {
                    send.run();
                }
            });
        }
    }

    private static Set<String> stored(Path db) throws Exception {
        Set<String> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath());
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT device, seq FROM readings WHERE device LIKE 'crash-%'")) {
            while (rs.next()) {
                out.add(rs.getString(1) + "/" + rs.getLong(2));
            }
        }
        return out;
    }
}
