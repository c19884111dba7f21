package org.hemowatch.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Configured phase limits, near-expiry windows and alert policies change what the whole service
 * raises and when (SQLite, scans over HTTP, a {@link TestClock}, the periodic tick called directly).
 */
@Timeout(120)
class ConfiguredRulesEndToEndIT {

    /** 6 December 2026 12:00: 13 days after the test's start. */

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = AlertsHarness.extension(clock);

    /** Expires 13 days after the test clock's start. */

    private final String expiry = Labels.expiryInDays(clock, 13);
    private AlertsHarness h;

    @AfterEach
    void stop() throws Exception {
        if (h != null) {
            h.close();
        }
    }

    @ParameterizedTest(name = "RBC {0} -> {1}")
    @CsvFileSource(resources = "/alerts-e2e/phases.csv", delimiter = '|')
    void phaseLimitsOfTheConfigDecideThePhaseAndTheShortageSeverity(String rbcPhases, String phase, String severity) throws Exception {
        String supply = "supply:\n  windowDays: 1\n" + (rbcPhases == null ? "" : "  phases:\n    RBC: " + rbcPhases + "\n");
        h = AlertsHarness.start(service, "", null, yaml -> yaml.replace("supply:\n", supply));
        // 7 A+ units, 2 issued today: from tomorrow on 2 a day against 5 left = 2.5 days of supply
        for (int i = 0; i < 7; i++) {
            String din = "A99992600004" + i;
            assertThat(h.scan("STORE", Labels.label(Labels.dinRead(din), Labels.A_POS, Labels.RED_CELLS, expiry), "fridge-1", null)
                    .status()).isEqualTo(201);
        }
        for (int i = 0; i < 2; i++) {
            assertThat(h.scan("ISSUE", Labels.dinRead("A99992600004" + i) + Labels.RED_CELLS, null, "ward-7").status()).isEqualTo(201);
        }
        clock.advance(Duration.ofDays(1));
        tick();

        JsonObject row = h.http().get("/api/v1/stock?site=main", h.admin()).json().getJsonArray("items").stream()
                .map(o -> (JsonObject) o).filter(o -> o.getString("group").equals("A+")).findFirst().orElseThrow();
        assertThat(row.getDouble("daysOfSupply")).isEqualTo(2.5);
        assertThat(row.getString("phase")).isEqualTo(phase);
        JsonArray shortages = h.http().get("/api/v1/alerts?kind=shortage&state=active", h.admin()).json().getJsonArray("items");
        JsonObject aPos = shortages.stream().map(o -> (JsonObject) o).filter(a -> a.getString("subject").equals("RBC/A+"))
                .findFirst().orElse(null);
        if (severity.equals("none")) {
            assertThat(aPos).isNull();
        } else {
            assertThat(aPos).isNotNull();
            assertThat(aPos.getString("severity")).isEqualTo(severity);
            assertThat(aPos.getJsonObject("details").getString("phase")).isEqualTo(phase);
        }
    }

    @Test
    void aConfiguredNearExpiryWindowRaisesWhereTheDefaultWouldNot() throws Exception {
        h = AlertsHarness.start(service, "  nearExpiry: {RBC: P14D, PLT: PT12H}");
        assertThat(h.scan("STORE", Labels.label(Labels.dinRead("A999926000051"), Labels.O_NEG, Labels.RED_CELLS, expiry), "fridge-1", null)
                .status()).isEqualTo(201);
        tick();

        JsonArray near = h.http().get("/api/v1/alerts?kind=near-expiry&state=active", h.admin()).json().getJsonArray("items");
        assertThat(near).hasSize(1);
        assertThat(near.getJsonObject(0).getString("subject")).isEqualTo("RBC");
        assertThat(near.getJsonObject(0).getJsonObject("details").getInteger("windowHours")).isEqualTo(14 * 24);
        assertThat(near.getJsonObject(0).getJsonObject("details").getInteger("count")).isEqualTo(1);
    }

    @Test
    void aConfiguredShortagePolicyRemindsAndEscalatesOnItsOwnTimetable() throws Exception {
        h = AlertsHarness.start(service, "  policies:\n    shortage: {reminderInterval: PT30M, escalateAfter: PT2H, ceiling: EMERGENCY}");
        // no O- stock against a minimum of 2: CRITICAL shortage at start
        AlertsHarness.Hook opened = h.nextHook("shortage", "OPENED", 10_000);
        assertThat(opened.body().getJsonObject("alert").getString("severity")).isEqualTo("CRITICAL");
        String id = opened.body().getJsonObject("alert").getString("id");

        clock.advance(Duration.ofMinutes(29));
        tick();
        assertThat(h.nextHook("shortage", "REMINDER", 300)).as("nothing due before 30 min").isNull();
        clock.advance(Duration.ofMinutes(2));
        tick();
        AlertsHarness.Hook reminder = h.nextHook("shortage", "REMINDER", 10_000);
        assertThat(reminder).as("reminder after 30 min (the default is 2 h)").isNotNull();
        assertThat(reminder.body().getJsonObject("alert").getInteger("remindersSent")).isEqualTo(1);

        clock.set(Instant.parse("2026-11-23T12:00:00Z"));
        tick();
        AlertsHarness.Hook escalated = h.nextHook("shortage", "ESCALATED", 10_000);
        assertThat(escalated).as("escalation after 2 h (the default is 8 h)").isNotNull();
        assertThat(escalated.body().getJsonObject("alert").getString("severity")).isEqualTo("EMERGENCY");

        // at the ceiling: reminders go on, escalation stops
        clock.set(Instant.parse("2026-11-23T16:00:00Z"));
        tick();
        assertThat(h.nextHook("shortage", "REMINDER", 10_000)).isNotNull();
        JsonObject alert = h.http().get("/api/v1/alerts/" + id, h.admin()).json();
        assertThat(alert.getString("severity")).isEqualTo("EMERGENCY");
        assertThat(alert.getInteger("escalationLevel")).isEqualTo(1);
    }

    private void tick() throws Exception {
        h.service().alerts().service().tick().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
