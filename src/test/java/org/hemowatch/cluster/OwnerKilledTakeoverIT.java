package org.hemowatch.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Receipts;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceProcess;
import org.hemowatch.testing.SharedDatabaseCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner of a site is killed with SIGKILL (issue 15): two Hemowatch processes on one real PostgreSQL
 * and one real Mosquitto; the survivor takes over the site's timers and rules within seconds (the
 * dead owner never released its lease), its rules see the next unit (no missed alert) and the
 * condition the dead owner raised stays one alert (no duplicate).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class OwnerKilledTakeoverIT {

    @TempDir
    static Path tmp;

    private EmbeddedPostgres pg;
    private Mosquitto broker;
    private String jdbc;
    private final ServiceProcess[] instances = new ServiceProcess[2];
    private final Http[] http = new Http[2];
    private String admin;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE hemowatch");
        }
        jdbc = "jdbc:postgresql://localhost:" + pg.getPort() + "/hemowatch";
        broker = Mosquitto.start(Files.createDirectories(tmp.resolve("broker")));
        for (int i = 0; i < 2; i++) {
            String name = "hw-" + (i + 1);
            Path data = Files.createDirectories(tmp.resolve(name));
            Map<String, String> env = SharedDatabaseCluster.instanceEnv(jdbc, broker.url(), name);
            instances[i] = ServiceBuilder.service().dataDir(data).env(env).startProcess(tmp.resolve(name + ".log"));
            http[i] = new Http(instances[i].httpPort());
            if (i == 0) {
                admin = Files.readString(data.resolve("admin.key")).trim();
            }
        }
    }

    @AfterAll
    void stop() throws Exception {
        for (ServiceProcess p : instances) {
            if (p != null) {
                p.close();
            }
        }
        if (broker != null) {
            broker.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    private JsonArray owned(int i) throws Exception {
        Http.Response r = http[i].get("/health/ready", null);
        return r.json().getJsonArray("ownedSites", new JsonArray());
    }

    private void nearExpiryUnit(int i, String din) throws Exception {
        Receipts.receiveAndStore(http[i], admin, din, clock, 1);
    }

    /** Stored near-expiry alerts of red cells at site main, and how many of them are unresolved. */
    private long[] storedAlerts() throws Exception {
        try (Connection c = DriverManager.getConnection(jdbc, "postgres", null); PreparedStatement ps = c.prepareStatement(
                "SELECT count(*), count(live_key) FROM documents WHERE collection = 'alerts' AND json LIKE ? AND json LIKE ?")) {
            ps.setString(1, "%\"near-expiry\"%");
            ps.setString(2, "%\"subject\":\"RBC\"%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    private Integer countOn(int i) throws Exception {
        for (Object o : http[i].get("/api/v1/alerts?state=active&kind=near-expiry", admin).json().getJsonArray("items")) {
            JsonObject a = (JsonObject) o;
            if (a.getString("subject").equals("RBC")) {
                return a.getJsonObject("details").getInteger("count");
            }
        }
        return null;
    }

    @Test
    void theOwnerKilledWithSigkillIsReplacedWithinSecondsWithoutADuplicateOrAMissedAlert() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> owned(0).size() + owned(1).size() == 1);
        int owner = owned(0).contains("main") ? 0 : 1;
        int survivor = 1 - owner;
        nearExpiryUnit(survivor, "A999926300001"); // received where the rules do not run: the owner raises
        await().atMost(Duration.ofSeconds(10)).until(() -> storedAlerts()[0] == 1);
        await().atMost(Duration.ofSeconds(2)).until(() -> Integer.valueOf(1).equals(countOn(survivor)));

        instances[owner].kill9(); // no clean stop: its lease is not released, it runs out
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> owned(survivor).contains("main"));
        Duration takeover = Duration.ofNanos(System.nanoTime() - killed);
        assertThat(takeover).as("lease 5 s + one renewal round").isLessThan(Duration.ofSeconds(8));

        nearExpiryUnit(survivor, "A999926300002");
        await().atMost(Duration.ofSeconds(10)).until(() -> Integer.valueOf(2).equals(countOn(survivor)));
        assertThat(storedAlerts()).as("one alert, unresolved, for the condition").containsExactly(1L, 1L);
        System.out.println("takeover after SIGKILL of the owner: " + takeover.toMillis() + " ms");
    }
}
