package org.hemowatch.coldchain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.label;

/**
 * The write of an engine step (snapshot, excursion, quarantine in one transaction) fails for a
 * while: a SQLite trigger, created and dropped through a separate connection to the service's
 * database file, refuses the QUARANTINE events like a failing disk would. The engine has moved on
 * in memory; the write is retried until it commits, and only then are the units quarantined and
 * the excursion alert raised — exactly once.
 */
@Timeout(120)
class ColdChainWriteFailureIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> DINS = List.of("A999926000201", "A999926000202");
    private static final Pattern RETRIES = Pattern.compile("(?m)^hemowatch_coldchain_write_retries_total(?:\\{[^}]*})? (\\S+)$");

    private final TestClock clock = new TestClock(T0);
    @RegisterExtension
    final HemowatchExtension service = ColdChainHarness.extension(clock);
    private ColdChainHarness h;

    @Test
    void failedWriteOfAnExcursionStartIsRetriedUntilItCommitsThenQuarantinesAndAlertsOnce() throws Exception {
        h = ColdChainHarness.start(service, "");
        for (String din : DINS) {
            Http.Response r = h.http().post("/api/v1/scans", h.admin(), new JsonObject().put("action", "STORE")
                    .put("data", label(Labels.dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 3))).put("location", "fridge-1").encode());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
        }
        h.reading("fridge-1", T0, 4.0);

        sql("CREATE TRIGGER test_disk_trouble BEFORE INSERT ON unit_events WHEN NEW.action = 'QUARANTINE' "
                + "BEGIN SELECT RAISE(ABORT, 'injected: disk trouble'); END");
        // beyond the 8 °C hard limit: the excursion starts at once, its write fails
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(1)), 8.5);
        assertThat(h.state("fridge-1").state()).isEqualTo(DeviceState.EXCURSION);
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20)).until(() -> retries() >= 3);
        // a later step writes, but its events wait behind the failed one
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(2)), 8.7);
        for (String din : DINS) {
            assertThat(unit(din).getString("status")).isEqualTo("AVAILABLE");
        }
        assertThat(h.alerts("excursion", "fridge-1")).isEmpty();
        Thread.sleep(300);
        assertThat(h.alerts("excursion", "fridge-1")).as("no alert before the excursion's write committed").isEmpty();

        sql("DROP TRIGGER test_disk_trouble");
        String excursionId = "main/fridge-1@2026-11-23T10:01:00Z";
        await().atMost(15, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> h.alerts("excursion", "fridge-1").size() == 1);
        JsonObject alert = h.alerts("excursion", "fridge-1").get(0);
        assertThat(alert.getString("state")).isEqualTo("OPEN");
        assertThat(alert.getJsonObject("details").getString("excursionId")).isEqualTo(excursionId);
        for (String din : DINS) {
            JsonObject u = unit(din);
            assertThat(u.getString("status")).isEqualTo("QUARANTINED");
            assertThat(actions(u)).containsExactly("RECEIVE", "STORE", "QUARANTINE");
        }
        JsonArray excursions = h.json("/api/v1/devices/fridge-1/excursions?from=2026-11-23T09:00:00Z&to=2026-11-23T11:00:00Z")
                .getJsonArray("items");
        assertThat(excursions).hasSize(1);
        assertThat(excursions.getJsonObject(0).getString("id")).isEqualTo(excursionId);
        assertThat(excursions.getJsonObject(0).getDouble("maxC")).isEqualTo(8.7);
        double retried = retries();
        assertThat(retried).isGreaterThanOrEqualTo(3);

        // stored for good: after a restart the excursion continues and nothing is quarantined twice
        h.restart();
        assertThat(h.json("/api/v1/devices/fridge-1").getJsonObject("openExcursion").getString("id")).isEqualTo(excursionId);
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(3)), 8.8);
        for (String din : DINS) {
            assertThat(actions(unit(din))).containsExactly("RECEIVE", "STORE", "QUARANTINE");
        }
        assertThat(h.alerts("excursion", "fridge-1")).hasSize(1);
        assertThat(retries()).as("no failure after the restart").isZero();
    }

    /** DDL through a connection of its own to the service's database file (the writer sees the schema change). */
    private void sql(String statement) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + h.databaseFile());
             Statement st = c.createStatement()) {
            st.execute("PRAGMA busy_timeout = 10000");
            st.execute(statement);
        }
    }

    private double retries() throws Exception {
        Matcher m = RETRIES.matcher(h.get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private JsonObject unit(String din) throws Exception {
        return h.json("/api/v1/units/" + din).getJsonArray("units").getJsonObject(0);
    }

    private static List<String> actions(JsonObject unit) {
        return unit.getJsonArray("history").stream().map(e -> ((JsonObject) e).getString("action")).toList();
    }
}
