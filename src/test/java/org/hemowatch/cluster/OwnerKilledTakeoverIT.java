package org.hemowatch.cluster;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Receipts;
import org.hemowatch.testing.ServiceBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
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

    /** Two child processes on one PostgreSQL and one Mosquitto. */
    @RegisterExtension
    static final HemowatchExtension cluster = ServiceBuilder.service().extension().instances(2).onPostgres().asProcesses();
    private final Http[] http = new Http[2];
    private String admin;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    void start() throws Exception {
        http[0] = cluster.http(0);
        http[1] = cluster.http(1);
        admin = cluster.adminKey();
    }

    private JsonArray owned(int i) throws Exception {
        return http[i].get("/health/ready", null).json().getJsonArray("ownedSites", new JsonArray());
    }

    private void nearExpiryUnit(int i, String din) throws Exception {
        Receipts.receiveAndStore(http[i], admin, din, clock, 1);
    }

    /** Stored near-expiry alerts of red cells at site main, and how many of them are unresolved. */
    private long[] storedAlerts() throws Exception {
        String where = "FROM documents WHERE collection = 'alerts' AND json LIKE ? AND json LIKE ?";
        return new long[] {cluster.count("SELECT count(*) " + where, "%\"near-expiry\"%", "%\"subject\":\"RBC\"%"),
                cluster.count("SELECT count(live_key) " + where, "%\"near-expiry\"%", "%\"subject\":\"RBC\"%")};
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

        cluster.process(owner).kill9(); // no clean stop: its lease is not released, it runs out
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
