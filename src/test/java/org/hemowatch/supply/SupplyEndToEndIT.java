package org.hemowatch.supply;

import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Days of supply over HTTP: issues become demand from the next day on, and demand is rebuilt from the store after a restart. */
@Timeout(120)
class SupplyEndToEndIT {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).extension();

    /** Expires 13 days after the test clock's start. */

    private final String expiry = Labels.expiryInDays(clock, 13);

    @Test
    void issuesCountAsDemandFromTheNextDayAndSurviveARestart() throws Exception {
        Http http = service.http();
        String admin = service.adminKey();
        // a registered refrigerator is controlled storage: the unit kept there is still AVAILABLE the next day
        Http.Response fridge = http.put("/api/v1/devices/fridge-1", admin, "{\"kind\":\"refrigerator\"}");
        assertThat(fridge.status()).as(fridge.body()).isEqualTo(200);
        for (String din : new String[] {"A999926000031", "A999926000032", "A999926000033"}) {
            assertThat(scan(http, admin, "STORE", Labels.label(Labels.dinRead(din), Labels.A_POS, Labels.RED_CELLS, expiry), "fridge-1", null)
                    .status()).isEqualTo(201);
        }
        for (String din : new String[] {"A999926000031", "A999926000032"}) {
            assertThat(scan(http, admin, "ISSUE", Labels.dinRead(din) + Labels.RED_CELLS, null, "theatre").status()).isEqualTo(201);
        }

        JsonObject today = aPos(http, admin);
        assertThat(today.getInteger("available")).isEqualTo(1);
        assertThat(today.getBoolean("noDemand")).isTrue();
        assertThat(today.getValue("daysOfSupply")).isNull();
        assertThat(today.getString("phase")).isEqualTo("GREEN");

        clock.advance(Duration.ofDays(1));
        // issues reach the demand count on the supply service's own context just after their commit
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(aPos(http, admin).getDouble("averageDailyDemand")).isEqualTo(0.07));
        JsonObject tomorrow = aPos(http, admin);
        assertThat(tomorrow.getBoolean("noDemand")).isFalse();
        assertThat(tomorrow.getDouble("averageDailyDemand")).isEqualTo(0.07); // 2 issues / 28 days
        assertThat(tomorrow.getDouble("daysOfSupply")).isEqualTo(14.0);

        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).containsPattern("hemowatch_units_issued_total\\{component=\"RBC\",site=\"main\"} 2\\.0");
        // 14 days of supply, in seconds
        assertThat(metrics).containsPattern("hemowatch_stock_cover_seconds\\{component=\"RBC\",group=\"A\\+\",site=\"main\"} 1209600\\.0");
        service.restart();
        JsonObject restarted = aPos(service.http(), service.adminKey());
        assertThat(restarted.getDouble("averageDailyDemand")).isEqualTo(0.07);
        assertThat(restarted.getDouble("daysOfSupply")).isEqualTo(14.0);
    }

    @Test
    void letsHospitalsReadStockButNotSetParLevelsAndKeepsSiteKeysToTheirSite() throws Exception {
        Http http = service.http();
        String admin = service.adminKey();
        assertThat(scan(http, admin, "STORE", Labels.label(Labels.dinRead("A999926000034"), Labels.O_NEG, Labels.RED_CELLS, expiry),
                "fridge-1", null).status()).isEqualTo(201);
        String hospital = http.post("/api/v1/keys", admin, new JsonObject().put("role", "hospital").put("name", "St Mary's").encode())
                .json().getString("key");

        assertThat(http.get("/api/v1/stock", hospital).json().getJsonArray("items")).isNotEmpty();
        Http.Response put = http.put("/api/v1/par-levels", hospital, new JsonObject().put("items", new JsonArray()
                .add(new JsonObject().put("site", "main").put("component", "RBC").put("group", "O-").put("minimum", 1))).encode());
        assertThat(put.status()).isEqualTo(403);
        Http.Response unknownSite = http.put("/api/v1/par-levels", admin, new JsonObject().put("items", new JsonArray()
                .add(new JsonObject().put("site", "mars").put("component", "RBC").put("group", "O-").put("minimum", 1))).encode());
        assertThat(unknownSite.json().getString("rule")).isEqualTo("unknown-site");
        Http.Response pickWithoutGroup = http.get("/api/v1/stock/pick?component=RBC", admin);
        assertThat(pickWithoutGroup.status()).isEqualTo(400);
    }

    private static Http.Response scan(Http http, String key, String action, String read, String location, String destination) throws Exception {
        JsonObject body = new JsonObject().put("action", action).put("data", read);
        if (location != null) {
            body.put("location", location);
        }
        if (destination != null) {
            body.put("destination", destination);
        }
        return http.post("/api/v1/scans", key, body.encode());
    }

    private static JsonObject aPos(Http http, String key) throws Exception {
        return http.get("/api/v1/stock", key).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("group").equals("A+")).findFirst().orElseThrow();
    }
}
