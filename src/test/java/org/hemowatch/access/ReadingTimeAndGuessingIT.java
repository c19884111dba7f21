package org.hemowatch.access;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Mosquitto;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 11 case 4 and the guessing throttle against the whole service, with real mosquitto_pub clients:
 * a reading within the allowed skew in the future never puts the device's last-reading time (nor the
 * last-reading-age gauge) ahead of the clock; a late reading is stored marked late and moves nothing; a
 * device poisoned by an old build is repaired by a restart and stays repaired across the next; failed
 * HTTP authentications from one address are throttled with 429 while valid keys pass.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReadingTimeAndGuessingIT {

    private static final String AGE = "hemowatch_device_last_reading_age_seconds{device=\"fridge-1\",site=\"main\"}";
    private static final String DEVICE = "/api/v1/devices/fridge-1?site=main";

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock)
            .env(Map.of("HEMOWATCH_UNKNOWN_DEVICES", "register")).extension();
    private final AtomicLong seq = new AtomicLong();
    private Http http;
    private String admin;
    private String fridge;

    @BeforeAll
    void start() throws Exception {
        http = service.http();
        admin = service.adminKey();
        Http.Response k = http.post("/api/v1/keys", admin, new JsonObject().put("role", "device").put("site", "main")
                .put("name", "fridge 1").put("devices", new JsonArray().add("fridge-1")).encode());
        assertThat(k.status()).as(k.body()).isEqualTo(201);
        fridge = k.json().getString("key");
        publish(4.0, clock.instant());
        await().atMost(Duration.ofSeconds(10)).until(() -> "IN_RANGE".equals(device().getString("state")));
    }

    private void publish(double tempC, Instant ts) throws Exception {
        Mosquitto.Run r = Mosquitto.pub(service.service().mqtt().port(), "fridge-1", fridge, null, "-q", "1",
                "-t", "hemowatch/v1/main/devices/fridge-1/readings",
                "-m", "{\"seq\":" + seq.incrementAndGet() + ",\"tempC\":" + tempC + ",\"ts\":\"" + ts + "\"}");
        assertThat(r.exit()).as(r.output()).isZero();
    }

    private JsonObject device() throws Exception {
        return http.get(DEVICE, admin).json();
    }

    private Instant lastReadingAt() throws Exception {
        return Instant.parse(device().getJsonObject("lastReading").getString("at"));
    }

    private double age() throws Exception {
        return ServiceState.metric(http, admin, AGE);
    }

    /** The gauge is NaN while the device has no reading, else never below zero. */
    private void assertAgeNotNegative() throws Exception {
        double a = age();
        assertThat(Double.isNaN(a) || a >= 0).as("last-reading age %s s", a).isTrue();
    }

    private JsonArray readings() throws Exception {
        return http.get("/api/v1/devices/fridge-1/readings?site=main&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z", admin)
                .json().getJsonArray("items");
    }

    @Test
    @Order(1)
    void aReadingWithinTheSkewInTheFutureIsStoredWithItsTsButTheLastReadingTimeAndItsAgeNeverRunAheadOfTheClock() throws Exception {
        Instant ahead = clock.instant().plus(Duration.ofMinutes(4));
        publish(4.2, ahead);
        await().atMost(Duration.ofSeconds(10)).until(() -> lastReadingAt().equals(clock.instant()));
        assertThat(age()).isEqualTo(0.0); // the clock stands still in this test: min(ts, now) = now
        assertThat(readings().stream().map(o -> ((JsonObject) o).getString("at"))).contains(ahead.toString());

        clock.advance(Duration.ofMinutes(1));
        publish(30.0, clock.instant()); // a real reading, earlier than the fast clock's ts: it counts
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXCURSION".equals(device().getString("state")));
        assertThat(lastReadingAt()).isEqualTo(clock.instant());
        assertAgeNotNegative();
        clock.advance(Duration.ofSeconds(30));
        publish(4.0, clock.instant()); // back in range: recovering
        await().atMost(Duration.ofSeconds(10)).until(() -> "RECOVERING".equals(device().getString("state")));
    }

    @Test
    @Order(2)
    void aLateReadingIsStoredMarkedLateVisibleInTheReadingsAndMovesNoDeviceState() throws Exception {
        // silent for 26 h: a reading 25 h old is newer than the last one, so only its age keeps it from the monitor
        clock.advance(Duration.ofHours(26));
        Instant old = clock.instant().minus(Duration.ofHours(25));
        publish(35.0, old);
        JsonObject late = readings().stream().map(o -> (JsonObject) o).filter(o -> o.getString("at").equals(old.toString()))
                .findFirst().orElseThrow();
        assertThat(late.getBoolean("late")).isTrue();
        assertThat(readings().stream().map(o -> (JsonObject) o).filter(o -> !o.getString("at").equals(old.toString())))
                .allSatisfy(o -> assertThat(o.getBoolean("late")).isFalse());

        // a later real reading, processed after it: had the late 35 °C reached the monitor, the excursion's maximum would say so
        publish(31.0, clock.instant());
        await().atMost(Duration.ofSeconds(10)).until(() -> lastReadingAt().equals(clock.instant()));
        JsonObject d = device();
        assertThat(d.getString("state")).isEqualTo("EXCURSION");
        assertThat(d.getJsonObject("openExcursion").getDouble("maxC")).isEqualTo(31.0);
        assertAgeNotNegative();
    }

    @Test
    @Order(3)
    void case4_aDevicePoisonedByAnOldBuildIsRepairedByARestartAndStaysRepairedAcrossTheNext() throws Exception {
        service.restart(this::poisonStoredMonitor); // what a build before the time check left: a monitor whose last reading is in 2099
        http = service.http();
        assertThat(device().getString("state")).as("watched afresh").isEqualTo("NO_DATA");
        assertAgeNotNegative();

        clock.advance(Duration.ofMinutes(1));
        publish(30.0, clock.instant()); // the real 30 °C reading the poison would have hidden
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXCURSION".equals(device().getString("state")));

        service.restart();
        http = service.http();
        assertThat(device().getString("state")).isEqualTo("EXCURSION");
        assertThat(lastReadingAt()).isEqualTo(clock.instant());
        assertAgeNotNegative();
    }

    private void poisonStoredMonitor() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + service.dataDir().resolve("hemowatch.db"));
             PreparedStatement read = c.prepareStatement("SELECT json FROM documents WHERE collection = 'device-monitor' AND id = 'main/fridge-1'");
             ResultSet rs = read.executeQuery()) {
            assertThat(rs.next()).as("a stored monitor").isTrue();
            String json = rs.getString(1);
            String poisoned = json.replaceAll("\"lastReadingAt\":\"[^\"]+\"", "\"lastReadingAt\":\"2099-01-01T00:00:00Z\"");
            assertThat(poisoned).isNotEqualTo(json);
            try (PreparedStatement write = c.prepareStatement("UPDATE documents SET json = ? WHERE collection = 'device-monitor' AND id = 'main/fridge-1'")) {
                write.setString(1, poisoned);
                assertThat(write.executeUpdate()).isEqualTo(1);
            }
        }
    }

    @Test
    @Order(4)
    void failedHttpAuthenticationsFromOneAddressAreThrottledWith429WhileValidKeysPassAndNothingChanges() throws Exception {
        String before = ServiceState.stored(service);
        int unauthorized = 0;
        int throttled = 0;
        String retryAfter = null;
        for (int i = 0; i < 25; i++) {
            Http.Response r = http.post("/api/v1/keys", "hw_guess-" + i, new JsonObject().put("role", "admin").put("name", "x").encode());
            if (r.status() == 401) {
                unauthorized++;
            } else {
                assertThat(r.status()).as(r.body()).isEqualTo(429);
                assertThat(r.json().getString("rule")).isEqualTo("auth-throttled");
                retryAfter = r.header("Retry-After");
                throttled++;
            }
        }
        assertThat(unauthorized).as("the first 20 a minute are plain 401s").isEqualTo(20);
        assertThat(throttled).isEqualTo(5);
        assertThat(Long.parseLong(retryAfter)).isBetween(1L, 60L);
        assertThat(ServiceState.metric(http, admin, "hemowatch_auth_rejected_total{reason=\"throttled\"}")).isEqualTo(5);
        assertThat(http.get("/api/v1/keys", admin).status()).as("a valid key still passes").isEqualTo(200);
        assertThat(ServiceState.stored(service)).isEqualTo(before);

        clock.advance(Duration.ofSeconds(61)); // the address's minute is over
        assertThat(http.get("/api/v1/keys", "hw_guess-again").status()).isEqualTo(401);
    }
}
