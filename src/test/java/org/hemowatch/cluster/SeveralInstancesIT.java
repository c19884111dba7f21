package org.hemowatch.cluster;

import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;

/**
 * Two instances on one PostgreSQL and one Mosquitto (issue 15): the database decides every unit
 * change, and each instance's views follow it. Each test uses DINs of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class SeveralInstancesIT {

    private static final AtomicInteger DINS = new AtomicInteger(100);

    /** Two instances on one PostgreSQL and one Mosquitto. */
    @RegisterExtension
    static final HemowatchExtension cluster = ServiceBuilder.service().extension().instances(2).onPostgres();
    private Http one;
    private Http two;
    private String admin;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    void start() throws Exception {
        one = cluster.http(0);
        two = cluster.http(1);
        admin = cluster.adminKey();
    }

    private static String newDin() {
        return String.format("A99992%07d", DINS.incrementAndGet());
    }

    private Http.Response scan(Http on, String action, String data, String location, String destination) throws Exception {
        JsonObject body = new JsonObject().put("action", action).put("data", data);
        if (location != null) {
            body.put("location", location);
        }
        if (destination != null) {
            body.put("destination", destination);
        }
        return on.post("/api/v1/scans", admin, body.encode());
    }

    /** Receives and stores a unit on instance one; returns its DIN read. */
    private String availableUnit(String din) throws Exception {
        String read = Labels.dinRead(din);
        Http.Response r = scan(one, "RECEIVE", Labels.label(read, O_NEG, RED_CELLS, Labels.expiryInDays(clock, 5)), "receiving", null);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Http.Response s = scan(one, "STORE", read + RED_CELLS, "fridge-1", null);
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        return read;
    }

    private record Row(String status, long version, String destination) {
    }

    private Row stored(String din) throws Exception {
        try (Connection c = cluster.sql(); PreparedStatement ps = c.prepareStatement(
                "SELECT status, version, destination FROM units WHERE din = ?")) {
            ps.setString(1, din);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("unit %s stored", din).isTrue();
                return new Row(rs.getString(1), rs.getLong(2), rs.getString(3));
            }
        }
    }

    private long events(String din, String action) throws Exception {
        try (Connection c = cluster.sql(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM unit_events WHERE din = ? AND action = ?")) {
            ps.setString(1, din);
            ps.setString(2, action);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String status(Http on, String din, String key) throws Exception {
        Http.Response r = on.get("/api/v1/units/" + din, key);
        return r.status() != 200 ? "HTTP " + r.status() : r.json().getJsonArray("units").getJsonObject(0).getString("status");
    }

    /**
     * A device re-sends its readings back to back and both instances receive every copy at once
     * (redelivery after a lost PUBACK lands on the other member of the shared subscription):
     * each reading is stored once, and the instances' "stored" answers add up to what is stored.
     */
    @Test
    void readingsDeliveredToBothInstancesAtOnceAreStoredOnce() throws Exception {
        java.time.Instant t0 = java.time.Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        List<org.hemowatch.domain.TemperatureReading> all = new ArrayList<>();
        for (int seq = 0; seq < 500; seq++) {
            all.add(new org.hemowatch.domain.TemperatureReading("main", "fridge-dup", seq, t0.plusSeconds(seq), 4.0, null, null, null, "mqtt"));
        }
        org.hemowatch.auth.Principal gateway = new org.hemowatch.auth.KeyPrincipal("k-gw", "site gateway",
                org.hemowatch.auth.Role.DEVICE, "main", org.hemowatch.auth.DeviceScope.ALL);
        List<CompletableFuture<org.hemowatch.ingest.ReadingIngest.Stored>> answers = new ArrayList<>();
        for (int i = 0; i < all.size(); i += 10) {
            List<org.hemowatch.domain.TemperatureReading> batch = all.subList(i, i + 10);
            answers.add(cluster.instance(0).service().readings().record(gateway, batch));
            answers.add(cluster.instance(1).service().readings().record(gateway, batch));
        }
        int acked = 0;
        for (CompletableFuture<org.hemowatch.ingest.ReadingIngest.Stored> a : answers) {
            acked += a.get(30, TimeUnit.SECONDS).stored();
        }

        try (Connection c = cluster.sql(); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(DISTINCT seq) FROM readings WHERE device = 'fridge-dup'")) {
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("rows").isEqualTo(500);
                assertThat(rs.getLong(2)).as("distinct seqs").isEqualTo(500);
            }
        }
        assertThat(acked).as("stored answers of both instances together").isEqualTo(500);
    }

    @Test
    void aDeviceRegisteredOnOneInstanceIsKnownOnTheOtherWithinASecond() throws Exception {
        // the kind's limits: a key may register it (other limits are a person's signed decision, ElectronicSignatureIT)
        String body = new JsonObject().put("kind", "freezer").put("name", "Plasma freezer 9")
                .put("holds", new io.vertx.core.json.JsonArray().add("FFP")).encode();
        assertThat(two.get("/api/v1/devices/freezer-9", admin).status()).isEqualTo(404);

        Http.Response put = one.put("/api/v1/devices/freezer-9", admin, body);
        assertThat(put.status()).as(put.body()).isBetween(200, 201);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> two.get("/api/v1/devices/freezer-9", admin).status() == 200);
        assertThat(two.get("/api/v1/devices/freezer-9", admin).json().getString("kind")).isEqualTo("freezer");
    }

    private long count(String sql, String... args) throws Exception {
        try (Connection c = cluster.sql(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setString(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static String parBody(int minimum) {
        return new JsonObject().put("items", new io.vertx.core.json.JsonArray().add(new JsonObject().put("site", "main")
                .put("component", "RBC").put("group", "AB-").put("minimum", minimum).put("ideal", minimum + 2))).encode();
    }

    private Integer parMinimum(Http on) throws Exception {
        for (Object o : on.get("/api/v1/par-levels", admin).json().getJsonArray("items")) {
            JsonObject p = (JsonObject) o;
            if ("AB-".equals(p.getString("group")) && "RBC".equals(p.getString("component"))) {
                return p.getInteger("minimum");
            }
        }
        return null;
    }

    @Test
    void aParLevelSetOnOneIsInForceOnTheOtherWithinASecondAndAStalePutIsRefusedWithNothingApplied() throws Exception {
        Http.Response put = one.put("/api/v1/par-levels", admin, parBody(3));
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> Integer.valueOf(3).equals(parMinimum(two)));

        cluster.instance(1).service().follower().pause(); // two's view of the par levels is stale from here
        try {
            assertThat(one.put("/api/v1/par-levels", admin, parBody(4)).status()).isEqualTo(200);
            long audits = count("SELECT count(*) FROM audit_log WHERE action = ?", "par-level.set");
            Http.Response stale = two.put("/api/v1/par-levels", admin, parBody(9));
            assertThat(stale.status()).as(stale.body()).isEqualTo(409);
            assertThat(stale.json().getString("rule")).isEqualTo("concurrent-change");
            assertThat(count("SELECT count(*) FROM audit_log WHERE action = ?", "par-level.set")).as("no audit entry").isEqualTo(audits);
            assertThat(count("SELECT count(*) FROM documents WHERE collection = 'par-levels' AND json LIKE ?", "%\"minimum\":4%"))
                    .as("the stored par level is one's").isEqualTo(1);
            assertThat(parMinimum(one)).isEqualTo(4);
        } finally {
            cluster.instance(1).service().follower().resume();
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> Integer.valueOf(4).equals(parMinimum(two)));
        assertThat(two.put("/api/v1/par-levels", admin, parBody(5)).status()).as("a retry after following").isEqualTo(200);
        await().atMost(Duration.ofSeconds(1)).until(() -> Integer.valueOf(5).equals(parMinimum(one)));
    }

    @Test
    void aStaleDeviceChangeIsRefusedWithConcurrentChangeAndNothingApplied() throws Exception {
        // the changes rename the device: a key may (new limits are a person's signed decision, ElectronicSignatureIT)
        String body = new JsonObject().put("kind", "refrigerator").put("name", "Ward fridge 12 A")
                .put("holds", new io.vertx.core.json.JsonArray().add("RBC")).encode();
        assertThat(one.put("/api/v1/devices/fridge-12", admin, body).status()).isBetween(200, 201);
        await().atMost(Duration.ofSeconds(1)).until(() -> two.get("/api/v1/devices/fridge-12", admin).status() == 200);

        cluster.instance(1).service().follower().pause();
        try {
            assertThat(one.put("/api/v1/devices/fridge-12", admin, body.replace("12 A", "12 B")).status()).isBetween(200, 201);
            long audits = count("SELECT count(*) FROM audit_log WHERE subject LIKE ?", "%fridge-12");
            Http.Response stale = two.put("/api/v1/devices/fridge-12", admin, body.replace("12 A", "12 C"));
            assertThat(stale.status()).as(stale.body()).isEqualTo(409);
            assertThat(stale.json().getString("rule")).isEqualTo("concurrent-change");
            assertThat(count("SELECT count(*) FROM audit_log WHERE subject LIKE ?", "%fridge-12")).as("no audit entry").isEqualTo(audits);
            assertThat(count("SELECT count(*) FROM documents WHERE collection = 'devices' AND id = ? AND json LIKE ?", "main/fridge-12", "%Ward fridge 12 B%")).isEqualTo(1);
            assertThat(count("SELECT count(*) FROM documents WHERE collection = 'devices' AND id = ? AND json LIKE ?", "main/fridge-12", "%Ward fridge 12 C%")).isZero();
        } finally {
            cluster.instance(1).service().follower().resume();
        }
        await().atMost(Duration.ofSeconds(3)).until(() -> two.put("/api/v1/devices/fridge-12", admin, body.replace("12 A", "12 C"))
                .status() < 300);
    }

    @Test
    void aScanOnOneInstanceIsVisibleOnTheOtherWithinASecond() throws Exception {
        String din = newDin();
        availableUnit(din);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> status(two, din, admin).equals("AVAILABLE"));
    }

    @Test
    void concurrentIssuesOfOneUnitOnBothInstancesGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < 5; round++) {
            String din = newDin();
            String read = availableUnit(din);
            CountDownLatch go = new CountDownLatch(1);
            CompletableFuture<Http.Response> a = CompletableFuture.supplyAsync(() -> race(go, one, read, "ward-A"));
            CompletableFuture<Http.Response> b = CompletableFuture.supplyAsync(() -> race(go, two, read, "ward-B"));
            go.countDown();
            List<Integer> statuses = new ArrayList<>(List.of(a.get(30, TimeUnit.SECONDS).status(), b.get(30, TimeUnit.SECONDS).status()));
            statuses.sort(Integer::compare);

            assertThat(statuses).as("round %d: %s / %s", round, a.get().body(), b.get().body()).containsExactly(201, 409);
            Http.Response lost = a.get().status() == 409 ? a.get() : b.get();
            assertThat(lost.json().getString("rule")).isIn("concurrent-change", "illegal-transition");
            assertThat(events(din, "ISSUE")).isEqualTo(1);
            Row row = stored(din);
            assertThat(row.status()).isEqualTo("ISSUED");
            assertThat(row.version()).isEqualTo(3);
        }
    }

    private Http.Response race(CountDownLatch go, Http on, String read, String ward) {
        try {
            go.await();
            return scan(on, "ISSUE", read + RED_CELLS, null, ward);
        } catch (Exception e) {
            throw new RuntimeException(e);
        }
    }

    @Test
    void aStaleViewIsNeverWrittenBackOverANewerRow() throws Exception {
        String din = newDin();
        String read = availableUnit(din);
        await().atMost(Duration.ofSeconds(1)).until(() -> status(two, din, admin).equals("AVAILABLE"));
        cluster.instance(1).service().writer().pause(); // instance two's writer is held: it cannot have followed what comes next

        Http.Response issued = scan(one, "ISSUE", read + RED_CELLS, null, "ward-A");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        CompletableFuture<Http.Response> issueOnTwo = CompletableFuture.supplyAsync(() -> race(new CountDownLatch(0), two, read, "ward-B"));
        CompletableFuture<Http.Response> storeOnTwo = CompletableFuture.supplyAsync(() -> {
            try {
                return scan(two, "STORE", read + RED_CELLS, "fridge-2", null);
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(200); // both queued behind the paused writer, decided on its stale view if it were trusted
        cluster.instance(1).service().writer().resume();

        assertThat(issueOnTwo.get(30, TimeUnit.SECONDS).status()).as(issueOnTwo.get().body()).isEqualTo(409);
        assertThat(storeOnTwo.get(30, TimeUnit.SECONDS).status()).as(storeOnTwo.get().body()).isEqualTo(409);
        Row row = stored(din);
        assertThat(row.status()).isEqualTo("ISSUED");
        assertThat(row.destination()).isEqualTo("ward-A");
        assertThat(row.version()).isEqualTo(3);
        assertThat(status(two, din, admin)).isEqualTo("ISSUED");
    }

    @Test
    void aUnitQuarantinedOnOneInstanceCannotBeIssuedOnTheOther() throws Exception {
        String din = newDin();
        String read = availableUnit(din);
        Http.Response q = one.post("/api/v1/units/" + din + "/E039800/quarantine", admin,
                new JsonObject().put("comment", "look-back: donor reported illness").encode());
        assertThat(q.status()).as(q.body()).isBetween(200, 201);

        Http.Response issue = scan(two, "ISSUE", read + RED_CELLS, null, "ward-A");

        assertThat(issue.status()).as(issue.body()).isEqualTo(409);
        assertThat(stored(din).status()).isEqualTo("QUARANTINED");
        assertThat(events(din, "ISSUE")).isZero();
    }

    @Test
    void aKeyCreatedOnOneWorksOnTheOtherAndItsRevocationIsEffectiveEverywhereWithinASecond() throws Exception {
        Http.Response created = one.post("/api/v1/keys", admin,
                new JsonObject().put("role", "hospital").put("name", "ward desk").encode());
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String key = created.json().getString("key");
        String id = created.json().getString("id");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> two.get("/api/v1/stock", key).status() == 200);

        assertThat(one.delete("/api/v1/keys/" + id, admin).status()).isBetween(200, 204);
        long revoked = System.nanoTime();
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20))
                .until(() -> two.get("/api/v1/stock", key).status() == 401);
        assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(Duration.ofSeconds(1));
        assertThat(one.get("/api/v1/stock", key).status()).isEqualTo(401);
    }

    @Test
    void aScanDeliveredTwiceIsAppliedOnceAndARefusedScanLeavesItsSeqFree() throws Exception {
        String din = newDin();
        String read = availableUnit(din);
        String topic = "hemowatch/v1/main/scanners/scan-1/scans";
        String issue = new JsonObject().put("seq", 41).put("action", "ISSUE").put("destination", "ward-A")
                .put("reads", new io.vertx.core.json.JsonArray().add(read).add(RED_CELLS)).encode();
        // the same message twice: the shared subscription deals them to both instances
        for (int i = 0; i < 2; i++) {
            Mosquitto.Run r = Mosquitto.pub(cluster.broker().port(), null, null, issue, "-q", "1", "-t", topic, "-m", issue);
            assertThat(r.exit()).as(r.output()).isZero();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> stored(din).status().equals("ISSUED"));
        Thread.sleep(500); // a second application would show now
        assertThat(events(din, "ISSUE")).isEqualTo(1);

        // seq 42 refused (the unit is issued), then seq 42 again as a corrected RETURN: applied
        String refused = new JsonObject().put("seq", 42).put("action", "STORE").put("location", "fridge-1")
                .put("reads", new io.vertx.core.json.JsonArray().add(read).add(RED_CELLS)).encode();
        assertThat(Mosquitto.pub(cluster.broker().port(), null, null, refused, "-q", "1", "-t", topic, "-m", refused).exit()).isZero();
        Thread.sleep(500);
        String retry = new JsonObject().put("seq", 42).put("action", "RETURN").put("location", "fridge-1")
                .put("reads", new io.vertx.core.json.JsonArray().add(read).add(RED_CELLS)).encode();
        assertThat(Mosquitto.pub(cluster.broker().port(), null, null, retry, "-q", "1", "-t", topic, "-m", retry).exit()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> events(din, "RETURN") == 1);
        assertThat(events(din, "STORE")).isEqualTo(1);
    }
}
