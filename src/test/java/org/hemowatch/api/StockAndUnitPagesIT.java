package org.hemowatch.api;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.dinRead;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * Stock and unit reads served from the inventory's indexes, end to end: cursor pages that visit
 * every unit once in expiry order, conditional GETs (ETag, 304) that change exactly when the
 * figures do, including when only time has passed. The tests share one stock and run in order
 * (the last one issues a unit and moves the clock).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class StockAndUnitPagesIT {

    private static final int UNITS = 12;

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(Map.of("HEMOWATCH_ZONE", "UTC")).extension();
    private Http http;
    private String admin;
    private final List<String> dins = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
        // unit i expires at noon i days after today (UTC): listed from soonest to latest, received in another order
        for (int i = UNITS; i >= 1; i--) {
            String din = String.format("A99992610%04d", i);
            dins.add(0, din);
            assertThat(scan("RECEIVE", label(dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, i)), "receiving", null).status()).isEqualTo(201);
            assertThat(scan("STORE", dinRead(din) + RED_CELLS, "fridge-1", null).status()).isEqualTo(201);
        }
    }

    @Test
    @Order(1)
    void cursorPagesVisitEveryUnitOnceSoonestExpiryFirst() throws Exception {
        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = http.get("/api/v1/units?status=AVAILABLE&limit=5" + (next == null ? "" : "&cursor=" + next), admin).json();
            assertThat(page.getInteger("total")).isEqualTo(UNITS);
            page.getJsonArray("items").forEach(o -> seen.add(((JsonObject) o).getString("din")));
            next = page.getString("next");
            pages++;
        } while (next != null);
        assertThat(seen).containsExactlyElementsOf(dins);
        assertThat(pages).isEqualTo(3);

        JsonObject skipped = http.get("/api/v1/units?status=AVAILABLE&limit=2&offset=3", admin).json();
        assertThat(skipped.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("din"))).containsExactly(dins.get(3), dins.get(4));
        JsonObject soon = http.get("/api/v1/units?expiringBefore=" + clock.instant().plus(Duration.ofDays(3)), admin).json();
        assertThat(soon.getJsonArray("items")).hasSize(2);
        assertThat(soon.containsKey("total")).as("no total with expiringBefore (it would need a walk)").isFalse();
    }

    @Test
    @Order(2)
    void aLargeOffsetOrAForeignCursorIsABadParameter() throws Exception {
        Http.Response far = http.get("/api/v1/units?offset=" + (UnitRoutes.MAX_OFFSET + 1), admin);
        assertThat(far.status()).isEqualTo(400);
        assertThat(far.json().getString("rule")).isEqualTo("bad-parameter");
        assertThat(far.json().getString("detail")).contains("offset");
        Http.Response cursor = http.get("/api/v1/units?cursor=bm90LWEtY3Vyc29y", admin);
        assertThat(cursor.status()).isEqualTo(400);
        assertThat(cursor.json().getString("rule")).isEqualTo("bad-parameter");
    }

    @Test
    @Order(4)
    void stockAnswersNotModifiedUntilAUnitOrTheClockChangesTheFigures() throws Exception {
        Http.Response first = http.get("/api/v1/stock", admin);
        String tag = first.header("ETag");
        assertThat(tag).startsWith("W/\"");
        Http.Response again = http.get("/api/v1/stock", admin, "If-None-Match", tag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();

        // a site-scoped key sees another representation of the same URL, so another tag
        String hospital = http.post("/api/v1/keys", admin, new JsonObject().put("role", "hospital").put("site", "main")
                .put("name", "ward").encode()).json().getString("key");
        assertThat(http.get("/api/v1/stock", hospital).header("ETag")).isNotEqualTo(tag);

        // a unit issued (before the clock moves: an unplaced unit may be out of storage for 30 min only)
        Http.Response issued = scan("ISSUE", dinRead(dins.get(UNITS - 1)) + RED_CELLS, null, "ward-7");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Http.Response afterIssue = http.get("/api/v1/stock", admin, "If-None-Match", tag);
        assertThat(afterIssue.status()).isEqualTo(200);
        assertThat(oNegRedCells(afterIssue.json()).getInteger("available")).isEqualTo(UNITS - 1);
        String issuedTag = afterIssue.header("ETag");

        // time alone: one more unit comes within 24 h, one leaves stock by expiring
        clock.advance(Duration.ofDays(1).plusHours(3));
        Http.Response later = http.get("/api/v1/stock", admin, "If-None-Match", issuedTag);
        assertThat(later.status()).isEqualTo(200);
        JsonObject line = oNegRedCells(later.json());
        assertThat(line.getInteger("available")).isEqualTo(UNITS - 2);
        assertThat(line.getInteger("expiring24h")).isEqualTo(1);
        assertThat(line.getInteger("expiring72h")).isEqualTo(3);
        String laterTag = later.header("ETag");
        assertThat(laterTag).isNotEqualTo(issuedTag);
        assertThat(http.get("/api/v1/stock", admin, "If-None-Match", laterTag).status()).isEqualTo(304);
    }

    @Test
    @Order(3)
    void aDonationIsNotModifiedUntilItsHistoryGrows() throws Exception {
        String din = dins.get(5);
        Http.Response first = http.get("/api/v1/units/" + din, admin);
        String tag = first.header("ETag");
        assertThat(http.get("/api/v1/units/" + din, admin, "If-None-Match", tag).status()).isEqualTo(304);
        assertThat(http.get("/api/v1/units/" + din, admin).body()).as("the kept body").isEqualTo(first.body());

        assertThat(scan("MOVE", dinRead(din) + RED_CELLS, "fridge-2", null).status()).isEqualTo(201);
        Http.Response moved = http.get("/api/v1/units/" + din, admin, "If-None-Match", tag);
        assertThat(moved.status()).isEqualTo(200);
        JsonArray history = moved.json().getJsonArray("units").getJsonObject(0).getJsonArray("history");
        assertThat(history.getJsonObject(history.size() - 1).getString("action")).isEqualTo("MOVE");
        assertThat(moved.header("ETag")).isNotEqualTo(tag);
    }

    private static JsonObject oNegRedCells(JsonObject stock) {
        return stock.getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(o -> o.getString("component").equals("RBC") && o.getString("group").equals("O-")).findFirst().orElseThrow();
    }

    private Http.Response scan(String action, String data, String location, String destination) throws Exception {
        return http.scan(admin, action, data, location, destination);
    }
}
