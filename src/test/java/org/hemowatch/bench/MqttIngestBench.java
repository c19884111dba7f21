package org.hemowatch.bench;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.MqttClient;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * MQTT QoS 1 ingest, three paths with the same publishing client (Vert.x MqttClient in this JVM, each
 * connection keeping {@code bench.window} PUBLISHes unacknowledged), each path in its own processes:
 * <ul>
 *   <li><b>raw</b>: Mosquitto with persistence off, acknowledged by the broker (not durable: the ceiling);</li>
 *   <li><b>embedded</b>: the service's endpoint, PUBACK after COMMIT;</li>
 *   <li><b>external</b>: Mosquitto (persistence on) + the service subscribed to it, counted at COMMIT.</li>
 * </ul>
 * Rounds interleave the paths for 1 and for 4 clients; the table has medians, the same run's ratio to raw,
 * and CPU µs per message of each process (broker, service, client) from /proc/&lt;pid&gt;/stat; then acked
 * against stored. Figures are printed, never asserted. Run:
 * {@code mvn -B -q test -Pbench -Dtest=MqttIngestBench} ({@code -Dbench.readings=N -Dbench.rounds=R
 * -Dbench.window=W -Dbench.warmup=N -Dbench.jfr=true}: a JFR recording of the embedded service, Java samples
 * every 1 ms). {@code -Dbench.window=1} measures one message in flight: the rate per client is 1 / latency.
 * See docs/performance.md.
 */
@Tag("bench")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class MqttIngestBench {

    private static final int N = Integer.getInteger("bench.readings", 20_000);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final int WINDOW = Integer.getInteger("bench.window", 500);
    /** Readings per path and client count before the measured rounds (JIT, connections, device registration). */
    private static final int WARMUP = Integer.getInteger("bench.warmup", N);
    private static final int[] CLIENTS = {1, 4};
    /** {@code -Dbench.external=false} leaves out external-broker mode (quicker runs while profiling). */
    private static final boolean EXTERNAL = !"false".equals(System.getProperty("bench.external"));
    private static final String TOPIC = "hemowatch/v1/main/devices/%s/readings";

    @TempDir
    Path tmp;

    /** One measured run: rate and CPU µs per message of broker, service and client. */
    record Run(double rate, double broker, double service, double serviceJit, double client) {
    }

    @Test
    void comparesRawMosquittoTheEmbeddedEndpointAndExternalBrokerMode() throws Exception {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        Files.writeString(raw.resolve("m.conf"), "listener " + Mosquitto.freePort() + " 127.0.0.1\n");
        int rawPort = Integer.parseInt(Files.readString(raw.resolve("m.conf")).split(" ")[1]);
        Files.writeString(raw.resolve("m.conf"), "listener " + rawPort + " 127.0.0.1\nallow_anonymous true\npersistence false\n"
                + "max_inflight_messages 0\nmax_queued_messages 0\nuser " + System.getProperty("user.name") + "\n");
        Process rawBroker = new ProcessBuilder("mosquitto", "-c", raw.resolve("m.conf").toString()).redirectErrorStream(true)
                .redirectOutput(raw.resolve("out.txt").toFile()).start();
        Mosquitto.awaitPort(rawPort, 10_000);
        int embPort = Mosquitto.freePort();
        String jfr = Boolean.getBoolean("bench.jfr") ? "-XX:StartFlightRecording=filename=" + tmp.resolve("embedded.jfr").toAbsolutePath()
                + ",settings=" + jfrSettings() + ",dumponexit=true" : "";
        // e.g. -Dbench.jvmArgs=-agentpath:/path/libasyncProfiler.so=start,event=cpu,collapsed,file=/tmp/emb.collapsed
        jfr = (jfr + " " + System.getProperty("bench.jvmArgs", "")).trim();
        Path jfrCopy = Path.of("target", "mqtt-embedded.jfr");
        try (Mosquitto extBroker = Mosquitto.start(Files.createDirectories(tmp.resolve("ext-broker")));
             ServiceProcess emb = ServiceBuilder.service().dataDir(Files.createDirectories(tmp.resolve("emb")))
                     .env(Map.of("HEMOWATCH_MQTT_PORT", Integer.toString(embPort), "HEMOWATCH_UNKNOWN_DEVICES", "register", "JDK_JAVA_OPTIONS", jfr))
                     .startProcess(tmp.resolve("emb.log"));
             ServiceProcess ext = ServiceBuilder.service().dataDir(Files.createDirectories(tmp.resolve("ext")))
                     .env(Map.of("HEMOWATCH_MQTT_BROKER", extBroker.url(), "HEMOWATCH_UNKNOWN_DEVICES", "register"))
                     .startProcess(tmp.resolve("ext.log"))) {
            Http embHttp = new Http(emb.httpPort());
            Http extHttp = new Http(ext.httpPort());
            String embAdmin = Files.readString(tmp.resolve("emb/admin.key")).trim();
            String extAdmin = Files.readString(tmp.resolve("ext/admin.key")).trim();
            long until = System.currentTimeMillis() + 30_000;
            while (extHttp.get("/health/ready", null).status() != 200 && System.currentTimeMillis() < until) {
                Thread.sleep(100);
            }
            String key = embHttp.post("/api/v1/keys", embAdmin, new JsonObject().put("role", "device").put("name", "bench")
                    .put("devices", new JsonArray().add("*")).encode()).json().getString("key");
            long self = ProcessHandle.current().pid();
            long[] acked = new long[3];

            // warm-up: JIT, connections, device auto-registration; not measured
            for (int c : CLIENTS) {
                publish(rawPort, null, "warm-raw-" + c, c, WARMUP);
                publish(embPort, key, "warm-emb-" + c, c, WARMUP);
                if (EXTERNAL) {
                    long before = stored(extHttp, extAdmin);
                    publish(extBroker.port(), null, "warm-ext-" + c, c, WARMUP);
                    awaitStored(extHttp, extAdmin, before + WARMUP);
                }
            }
            long embBase = stored(embHttp, embAdmin);
            long extBase = stored(extHttp, extAdmin);

            System.out.println("load average (1, 5, 15 min) before the measured rounds: " + Files.readString(Path.of("/proc/loadavg")).trim());
            Map<String, List<Run>> runs = new LinkedHashMap<>();
            List<Double> fsyncMs = new ArrayList<>();
            for (int r = 0; r < ROUNDS; r++) {
                for (int c : CLIENTS) {
                    String tag = "r" + r + "c" + c;
                    runs.computeIfAbsent("raw Mosquitto, persistence off (broker PUBACK)|" + c, k -> new ArrayList<>())
                            .add(measure(rawBroker.pid(), -1, self, () -> acked[0] += publish(rawPort, null, tag + "-raw", c, N)));
                    // the disk's fsync time right before each embedded run: it varies with the load as much as the runs do
                    fsyncMs.add(FsyncTime.measure(tmp.resolve("emb"), 50).median());
                    runs.computeIfAbsent("embedded endpoint (PUBACK after COMMIT)|" + c, k -> new ArrayList<>())
                            .add(measure(-1, emb.pid(), self, () -> acked[1] += publish(embPort, key, tag + "-emb", c, N)));
                    if (!EXTERNAL) {
                        continue;
                    }
                    runs.computeIfAbsent("external broker mode (at COMMIT)|" + c, k -> new ArrayList<>())
                            .add(measure(extBroker.pid(), ext.pid(), self, () -> {
                                long before = stored(extHttp, extAdmin);
                                acked[2] += publish(extBroker.port(), null, tag + "-ext", c, N);
                                awaitStored(extHttp, extAdmin, before + N);
                            }));
                }
            }

            System.out.printf("%nMQTT QoS 1: %,d readings per run, %d rounds interleaved, %d in flight per connection; medians (min-max)%n", N, ROUNDS, WINDOW);
            System.out.printf("| %-46s | %7s | %-26s | %8s | %-28s | %-16s |%n", "path", "clients", "messages/s", "/ raw",
                    "CPU µs/msg broker+service+client", "of service: JIT");
            System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(48), "-".repeat(9), "-".repeat(28), "-".repeat(10), "-".repeat(34),
                    "-".repeat(18));
            for (int c : CLIENTS) {
                double rawMedian = median(runs.get("raw Mosquitto, persistence off (broker PUBACK)|" + c).stream().mapToDouble(Run::rate).toArray());
                runs.forEach((name, list) -> {
                    String[] p = name.split("\\|");
                    if (Integer.parseInt(p[1]) != c) {
                        return;
                    }
                    double[] rate = list.stream().mapToDouble(Run::rate).toArray();
                    System.out.printf("| %-46s | %7d | %,9.0f (%,7.0f-%,7.0f) | %8.2f | %6.1f + %6.1f + %6.1f         | %6.1f           |%n",
                            p[0], c, median(rate), Arrays.stream(rate).min().orElse(0), Arrays.stream(rate).max().orElse(0),
                            median(rate) / rawMedian, median(list.stream().mapToDouble(Run::broker).toArray()),
                            median(list.stream().mapToDouble(Run::service).toArray()), median(list.stream().mapToDouble(Run::client).toArray()),
                            median(list.stream().mapToDouble(Run::serviceJit).toArray()));
                });
            }
            double[] fs = fsyncMs.stream().mapToDouble(Double::doubleValue).toArray();
            double fsync = median(fs);
            System.out.printf("fsync of a 4 KiB append in the embedded service's data directory, median of 50 right before each"
                    + " embedded run: %.2f ms (%.2f-%.2f over %d runs)%n", fsync, Arrays.stream(fs).min().orElse(0),
                    Arrays.stream(fs).max().orElse(0), fs.length);
            if (WINDOW == 1) {
                for (int c : CLIENTS) {
                    double perMessage = 1000.0 * c / median(runs.get("embedded endpoint (PUBACK after COMMIT)|" + c).stream()
                            .mapToDouble(Run::rate).toArray());
                    System.out.printf("embedded, one in flight, %d client(s): %.2f ms per message = %.1f× that fsync%n",
                            c, perMessage, perMessage / fsync);
                }
            }
            System.out.println("load average (1, 5, 15 min) after the run: " + Files.readString(Path.of("/proc/loadavg")).trim());
            long embStored = stored(embHttp, embAdmin) - embBase;
            long extStored = stored(extHttp, extAdmin) - extBase;
            System.out.printf("acked vs stored: embedded %,d PUBACKs, %,d stored; external %,d acknowledged by the broker, %,d stored; raw %,d acked (not stored)%n%n",
                    acked[1], embStored, acked[2], extStored, acked[0]);
        } finally {
            rawBroker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            if (Files.exists(tmp.resolve("embedded.jfr"))) {
                Files.copy(tmp.resolve("embedded.jfr"), jfrCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                System.out.println("JFR recording of the embedded service: " + jfrCopy.toAbsolutePath());
            }
        }
    }

    /** The JDK's {@code profile} settings with Java samples every 1 ms instead of 10 ms (enough samples for a short run). */
    private Path jfrSettings() throws java.io.IOException {
        Path profile = Path.of(System.getProperty("java.home"), "lib", "jfr", "profile.jfc");
        Path fine = tmp.resolve("profile-1ms.jfc");
        Files.writeString(fine, Files.readString(profile).replace(
                "control=\"method-sampling-java-interval\">10 ms<", "control=\"method-sampling-java-interval\">1 ms<"));
        return fine.toAbsolutePath();
    }

    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    private static Run measure(long brokerPid, long servicePid, long clientPid, Work w) throws Exception {
        long b0 = brokerPid > 0 ? ProcCpu.micros(brokerPid) : 0;
        long s0 = servicePid > 0 ? ProcCpu.micros(servicePid) : 0;
        long j0 = servicePid > 0 ? ProcCpu.jitMicros(servicePid) : 0;
        long c0 = ProcCpu.micros(clientPid);
        long t0 = System.nanoTime();
        w.run();
        double secs = (System.nanoTime() - t0) / 1e9;
        double b = brokerPid > 0 ? ProcCpu.micros(brokerPid) - b0 : 0;
        double s = servicePid > 0 ? ProcCpu.micros(servicePid) - s0 : 0;
        double j = servicePid > 0 ? ProcCpu.jitMicros(servicePid) - j0 : 0;
        double c = ProcCpu.micros(clientPid) - c0;
        return new Run(N / secs, b / N, s / N, j / N, c / N);
    }

    /** Readings the service committed (accepted + duplicates) according to its own metrics. */
    private static long stored(Http http, String admin) throws Exception {
        return (long) http.get("/metrics", admin).body().lines()
                .filter(l -> l.startsWith("hemowatch_readings_accepted_total{") || l.startsWith("hemowatch_readings_duplicates_total{"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static void awaitStored(Http http, String admin, long n) throws Exception {
        long until = System.currentTimeMillis() + 300_000;
        while (stored(http, admin) < n) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("not all readings were stored: " + stored(http, admin) + " of " + n);
            }
            Thread.sleep(20);
        }
    }

    /** Publishes n readings at QoS 1 over {@code clients} connections; returns when all are acknowledged, with their count. */
    static long publish(int port, String password, String prefix, int clients, int n) throws Exception {
        return MqttLoad.publish(port, password, prefix, TOPIC, clients, WINDOW, n);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
