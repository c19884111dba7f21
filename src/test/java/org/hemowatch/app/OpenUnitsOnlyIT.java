package org.hemowatch.app;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.dinRead;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * After a restart only open units are in memory; a transfused unit left in the store is still
 * seen wherever it matters: its donation, the list of transfused units, the refusal of a second
 * receipt, and the demand its issue made.
 */
@Timeout(120)
class OpenUnitsOnlyIT {

    private static final String OPEN = "A999926200001";
    private static final String DONE = "A999926200002";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(Map.of("HEMOWATCH_ZONE", "UTC")).extension();

    @Test
    void aUnitFinalBeforeTheStartIsReadFromTheStoreWhereverItMatters() throws Exception {
        Http http = service.http();
        String key = service.adminKey();
        // a registered refrigerator is controlled storage: a unit stored there is not out of storage the next day
        Http.Response fridge = http.put("/api/v1/devices/fridge-1", key, "{\"kind\":\"refrigerator\"}");
        assertThat(fridge.status()).as(fridge.body()).isEqualTo(200);
        for (String din : new String[] {OPEN, DONE}) {
            assertThat(http.scan(key, "RECEIVE", label(dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 10)), "receiving", null).status()).isEqualTo(201);
            assertThat(http.scan(key, "STORE", dinRead(din) + RED_CELLS, "fridge-1", null).status()).isEqualTo(201);
        }
        assertThat(http.scan(key, "ISSUE", dinRead(DONE) + RED_CELLS, null, "ward-7").status()).isEqualTo(201);
        assertThat(http.scan(key, "TRANSFUSE", dinRead(DONE) + RED_CELLS, null, null).status()).isEqualTo(201);

        service.restart(() -> clock.advance(Duration.ofDays(1))); // the day of the issue is complete: it counts as demand
        http = service.http();
        assertThat(service.service().inventory().get(new org.hemowatch.domain.UnitKey(DONE, "E0398", "00")))
                .as("not loaded at start").isNull();

        JsonObject donation = http.get("/api/v1/units/" + DONE, key).json();
        assertThat(donation.getJsonArray("units").getJsonObject(0).getString("status")).isEqualTo("TRANSFUSED");
        assertThat(donation.getJsonArray("units").getJsonObject(0).getJsonArray("history")).hasSize(4);

        assertThat(http.get("/api/v1/units?status=TRANSFUSED", key).json().getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("din"))).containsExactly(DONE);
        assertThat(http.get("/api/v1/units", key).json().getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("din"))).as("open units").containsExactly(OPEN);

        Http.Response twice = http.scan(key, "RECEIVE", label(dinRead(DONE), O_NEG, RED_CELLS, expiryInDays(clock, 10)), "receiving", null);
        assertThat(twice.status()).as(twice.body()).isEqualTo(409);
        Http.Response byDin = http.scan(key, "STORE", dinRead(DONE), "fridge-1", null);
        assertThat(byDin.status()).as(byDin.body()).isEqualTo(400);
        assertThat(byDin.json().getString("rule")).as("as for a final unit held in memory").isEqualTo("product-code-missing");
        assertThat(http.get("/api/v1/units/" + DONE, key).json().getJsonArray("units").getJsonObject(0).getString("status"))
                .as("nothing changed").isEqualTo("TRANSFUSED");

        JsonObject line = http.get("/api/v1/stock", key).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("group").equals("O-")).findFirst().orElseThrow();
        assertThat(line.getInteger("available")).isEqualTo(1);
        assertThat(line.getDouble("averageDailyDemand")).as("the issue of the transfused unit").isGreaterThan(0);
    }
}
