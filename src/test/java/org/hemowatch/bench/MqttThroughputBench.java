package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.json.JsonObject;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.RunningService;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Durable readings per second over MQTT QoS 1 from several connections: through the embedded endpoint
 * (PUBACK = committed), through external-broker mode (counted at COMMIT), and as baseline the rate at which
 * mosquitto_sub alone receives the same stream from the same broker. Each mode is warmed up first, then
 * measured in several rounds (the three modes alternate, so load from elsewhere on the machine hits all
 * of them); the table shows min / median / max and the median against the same run's baseline. Run:
 * {@code mvn -B -q test -Pbench -Dtest=MqttThroughputBench} ({@code -Dbench.readings=N}, {@code -Dbench.clients=K},
 * {@code -Dbench.rounds=R}, {@code -Dbench.warmup=W}). See docs/performance.md.
 */
@Tag("bench")
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class MqttThroughputBench {

    private static final int N = Integer.getInteger("bench.readings", 20_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 4);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WARMUP = Integer.getInteger("bench.warmup", 5_000);
    private static final int WINDOW = 500;
    private static final String READINGS_TOPIC = "hemowatch/v1/main/devices/%s/readings";

    @TempDir
    Path tmp;

    @Test
    void measuresDurableReadingsPerSecond() throws Exception {
        Path brokerDir = Files.createDirectories(tmp.resolve("broker"));
        Path embeddedDir = Files.createDirectories(tmp.resolve("embedded"));
        Path externalDir = Files.createDirectories(tmp.resolve("external"));
        try (Mosquitto broker = Mosquitto.start(brokerDir);
             RunningService emb = ServiceBuilder.service().dataDir(embeddedDir).clock(Clock.systemUTC()).env(Map.of("HEMOWATCH_MQTT_PORT", "0", "HEMOWATCH_UNKNOWN_DEVICES", "register")).start();
             RunningService ext = ServiceBuilder.service().dataDir(externalDir).clock(Clock.systemUTC()).env(Map.of("HEMOWATCH_MQTT_BROKER", broker.url(), "HEMOWATCH_UNKNOWN_DEVICES", "register")).start()) {
            long until = System.currentTimeMillis() + 20_000;
            while (!ext.service().mqtt().ready() && System.currentTimeMillis() < until) {
                Thread.sleep(50);
            }
            String key = new Http(emb.httpPort()).post("/api/v1/keys", emb.adminKey(),
                    new JsonObject().put("role", "device").put("name", "bench").put("devices", new io.vertx.core.json.JsonArray().add("*")).encode()).json().getString("key");
            AtomicReference<CountDownLatch> committed = new AtomicReference<>(new CountDownLatch(0));
            ext.service().readings().onReadings(list -> list.forEach(r -> committed.get().countDown()));

            // warm-up (JIT, connections, device auto-registration), not measured
            baseline(broker, "warm", WARMUP);
            external(broker, committed, "warm", WARMUP);
            embedded(emb, key, "warm", WARMUP);

            double[] base = new double[ROUNDS];
            double[] extRate = new double[ROUNDS];
            double[] embRate = new double[ROUNDS];
            WriterStats extBefore = WriterStats.of(ext);
            WriterStats embBefore = WriterStats.of(emb);
            for (int r = 0; r < ROUNDS; r++) {
                base[r] = baseline(broker, "r" + r, N);
                extRate[r] = external(broker, committed, "r" + r, N);
                embRate[r] = embedded(emb, key, "r" + r, N);
            }
            WriterStats extWriter = WriterStats.of(ext).minus(extBefore);
            WriterStats embWriter = WriterStats.of(emb).minus(embBefore);

            double b = median(base);
            System.out.printf("%nMQTT QoS 1: %,d readings per round from %d connections (%d in flight each), %d rounds after a warm-up of %,d%n",
                    N, CLIENTS, WINDOW, ROUNDS, WARMUP);
            System.out.printf("| %-48s | %8s | %8s | %8s | %10s |%n", "path (per second)", "min", "median", "max", "/ baseline");
            System.out.printf("|%s|%s|%s|%s|%s|%n", "-".repeat(50), "-".repeat(10), "-".repeat(10), "-".repeat(10), "-".repeat(12));
            row("baseline: mosquitto_sub alone receives (msg)", base, b);
            row("external broker mode (Mosquitto), at COMMIT", extRate, b);
            row("embedded endpoint, PUBACK after COMMIT", embRate, b);
            System.out.printf("writer, external mode: %s%n", extWriter);
            System.out.printf("writer, embedded mode: %s%n%n", embWriter);

            // speed is only printed; what was acknowledged must all be in the store
            long expected = (long) WARMUP + (long) ROUNDS * N;
            assertThat(storedReadings(emb)).as("readings stored by the embedded endpoint").isEqualTo(expected);
            assertThat(storedReadings(ext)).as("readings stored in external-broker mode").isEqualTo(expected);
        }
    }

    private static long storedReadings(RunningService s) {
        return s.service().database().read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT COUNT(*) FROM readings")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static void row(String name, double[] v, double baseline) {
        System.out.printf("| %-48s | %,8.0f | %,8.0f | %,8.0f | %10.2f |%n", name,
                Arrays.stream(v).min().orElse(0), median(v), Arrays.stream(v).max().orElse(0), median(v) / baseline);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** mosquitto_sub alone receiving the stream from the broker: what the broker and the clients can do on this machine. */
    private double baseline(Mosquitto broker, String round, int n) throws Exception {
        Process sub = Mosquitto.sub(broker.port(), null, null, tmp.resolve("baseline-" + round + ".txt"), "-q", "1",
                "-C", Integer.toString(n), "-t", "bench/" + round + "/+/readings");
        Thread.sleep(500);
        long t0 = System.nanoTime();
        publishTo(broker.port(), null, round + "-base", "bench/" + round + "/%s/readings", n);
        if (!sub.waitFor(5, TimeUnit.MINUTES)) {
            sub.destroyForcibly();
            throw new IllegalStateException("mosquitto_sub did not receive " + n + " messages");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** External-broker mode: from the first PUBLISH until the service has committed all of them. */
    private static double external(Mosquitto broker, AtomicReference<CountDownLatch> committed, String round, int n) throws Exception {
        CountDownLatch stored = new CountDownLatch(n);
        committed.set(stored);
        long t0 = System.nanoTime();
        publishTo(broker.port(), null, round + "-ext", READINGS_TOPIC, n);
        if (!stored.await(5, TimeUnit.MINUTES)) {
            throw new IllegalStateException(stored.getCount() + " readings were not committed");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Embedded endpoint: from the first PUBLISH until every PUBACK (sent after COMMIT) arrived. */
    private static double embedded(RunningService s, String key, String round, int n) throws Exception {
        long t0 = System.nanoTime();
        publishTo(s.service().mqtt().port(), key, round + "-emb", READINGS_TOPIC, n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Publishes n readings at QoS 1 over CLIENTS connections, each keeping WINDOW unacknowledged; returns when all are PUBACKed. */
    private static void publishTo(int port, String password, String prefix, String topicFormat, int n) throws Exception {
        MqttLoad.publish(port, password, prefix, topicFormat, CLIENTS, WINDOW, n);
    }

    /** Group-commit figures of one service: transactions, write tasks, time in transactions (including COMMIT). */
    private record WriterStats(long transactions, double tasks, double millis) {
        static WriterStats of(RunningService s) {
            MeterRegistry r = s.service().metrics().registry();
            DistributionSummary size = r.find(MetricNames.STORE_BATCH_SIZE).summary();
            Timer commit = r.find(MetricNames.STORE_COMMIT).timer();
            return size == null || commit == null ? new WriterStats(0, 0, 0)
                    : new WriterStats(size.count(), size.totalAmount(), commit.totalTime(TimeUnit.MILLISECONDS));
        }

        WriterStats minus(WriterStats o) {
            return new WriterStats(transactions - o.transactions, tasks - o.tasks, millis - o.millis);
        }

        @Override
        public String toString() {
            return transactions == 0 ? "n/a" : String.format("%,d transactions, %.1f write tasks and %.2f ms each (incl. COMMIT), %.0f ms in all",
                    transactions, tasks / transactions, millis / transactions, millis);
        }
    }
}
