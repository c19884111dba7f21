package org.hemowatch.units;

import org.junit.jupiter.api.extension.RegisterExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.FhirValidation;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The patient-safety rules of issue 12 over HTTP, against the real service with a test clock:
 * restricted units never offered to another patient, special messages on units in stock, and the
 * three ways around the 30-minute rule.
 */
@Timeout(180)
class UnitSafetyEndToEndIT {

    private static final String AUTOLOGOUS_BIOHAZARDOUS_O_NEG = "=%9800";
    private static final String AUTOLOGOUS_BIOHAZARDOUS_RED_CELLS = "=<E0398X00";
    private static final String AUTOLOGOUS_CROSSOVER_A_NEG = "=%0700";
    private static final String AUTOLOGOUS_CROSSOVER_RED_CELLS = "=<E0398A00";
    private static final String A_NEG = "=%0600";


    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final String expiry = Labels.expiryInDays(clock, 20);
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock)
            .configFile(Path.of("src/test/resources/units-e2e/hemowatch.yaml")).extension();
    private Http http;
    private String admin;

    /** The first test reads a FHIR resource, which testing/Http has the HAPI validator check: load it outside the timeout. */
    @BeforeAll
    static void loadFhirValidator() {
        FhirValidation.awaitReady();
    }

    @BeforeEach
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
    }

    @Test
    void anAutologousBiohazardousUnitIsStoredButNeverOfferedToAnotherPatient() throws Exception {
        String din = "A999926000101";
        Http.Response stored = scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.label(Labels.dinRead(din), AUTOLOGOUS_BIOHAZARDOUS_O_NEG, AUTOLOGOUS_BIOHAZARDOUS_RED_CELLS, expiry)));
        assertThat(stored.status()).isEqualTo(201);
        JsonObject unit = stored.json().getJsonArray("units").getJsonObject(0);
        assertThat(unit.getString("status")).isEqualTo("AVAILABLE");
        assertThat(unit.getString("intendedUse")).isEqualTo("AUTOLOGOUS_BIOHAZARDOUS");
        assertThat(unit.getBoolean("biohazardous")).isTrue();
        assertThat(unit.getBoolean("generalStock")).isFalse();
        // a plain A- unit beside it, so the pick list is not empty for want of stock
        String plain = "A999926000102";
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.label(Labels.dinRead(plain), A_NEG, Labels.RED_CELLS, expiry))).status()).isEqualTo(201);

        JsonObject pick = http.get("/api/v1/stock/pick?component=RBC&abo=A&rhd=NEG&count=5", admin).json();
        assertThat(pick.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("din")).toList()).containsExactly(plain);
        JsonArray stock = http.get("/api/v1/stock", admin).json().getJsonArray("items");
        assertThat(stock.stream().map(o -> (JsonObject) o).filter(o -> o.getString("group").equals("O-")).mapToInt(o -> o.getInteger("available")).sum())
                .isZero();
        JsonObject apart = http.get("/api/v1/units?intendedUse=AUTOLOGOUS_BIOHAZARDOUS", admin).json();
        assertThat(apart.getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("din")).toList()).containsExactly(din);
        JsonObject fhir = http.get("/api/v1/fhir/BiologicallyDerivedProduct/" + din + "-E0398-00", admin).json();
        assertThat(fhir.getJsonArray("property").stream().map(o -> (JsonObject) o)
                .filter(p -> p.getJsonObject("type").getJsonArray("coding").getJsonObject(0).getString("code").equals("biohazardous"))
                .map(p -> p.getBoolean("valueBoolean")).toList()).containsExactly(true);

        Http.Response noRecipient = scan(new JsonObject().put("action", "ISSUE").put("destination", "ward-7").put("data", Labels.dinRead(din)));
        assertThat(noRecipient.status()).isEqualTo(400);
        assertThat(noRecipient.json().getString("rule")).isEqualTo("recipient-required");
        assertThat(unit(din).getString("status")).isEqualTo("AVAILABLE");

        Http.Response issued = scan(new JsonObject().put("action", "ISSUE").put("destination", "ward-7").put("recipient", "MRN 4711")
                .put("data", Labels.dinRead(din)));
        assertThat(issued.status()).isEqualTo(201);
        JsonObject after = unit(din);
        assertThat(after.getString("recipient")).isEqualTo("MRN 4711");
        assertThat(after.getJsonArray("history").getJsonObject(after.getJsonArray("history").size() - 1).getString("recipient"))
                .isEqualTo("MRN 4711");
    }

    @Test
    void aDirectedIssueWithoutRecipientIsRefusedAndWithOneRecordsItInTheHistoryAndTheAudit() throws Exception {
        String din = "A999926000112";
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.label(Labels.dinRead(din), "=%9100", "=<E0398200", expiry))).status()).isEqualTo(201);
        JsonObject before = unit(din);
        assertThat(before.getString("intendedUse")).isEqualTo("DIRECTED");

        Http.Response refused = scan(new JsonObject().put("action", "ISSUE").put("destination", "ward-7").put("recipient", "  ")
                .put("data", Labels.dinRead(din)));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().getString("rule")).isEqualTo("recipient-required");
        JsonObject unchanged = unit(din);
        assertThat(unchanged.getString("status")).isEqualTo("AVAILABLE");
        assertThat(unchanged.getLong("version")).isEqualTo(before.getLong("version"));
        assertThat(unchanged.getJsonArray("history")).hasSameSizeAs(before.getJsonArray("history"));

        Http.Response issued = scan(new JsonObject().put("action", "ISSUE").put("destination", "ward-7")
                .put("recipient", "MRN 0815 Jane Doe").put("reason", "crossmatched").put("data", Labels.dinRead(din)));
        assertThat(issued.status()).isEqualTo(201);
        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("ISSUED");
        assertThat(after.getString("recipient")).isEqualTo("MRN 0815 Jane Doe");
        JsonArray history = after.getJsonArray("history");
        JsonObject issue = history.getJsonObject(history.size() - 1);
        assertThat(issue.getString("action")).isEqualTo("ISSUE");
        assertThat(issue.getString("recipient")).as("a field of the event, not text in its reason").isEqualTo("MRN 0815 Jane Doe");
        assertThat(issue.getString("reason")).isEqualTo("crossmatched");
        assertThat(history.stream().map(o -> ((JsonObject) o).getValue("recipient")).filter(r -> r != null).toList())
                .as("only the ISSUE names the recipient").hasSize(1);

        JsonArray audit = http.get("/api/v1/audit?limit=20", admin).json().getJsonArray("items");
        List<JsonObject> entries = audit.stream().map(o -> (JsonObject) o)
                .filter(e -> e.getString("action").equals("unit.issue-to-recipient") && e.getString("subject").startsWith(din)).toList();
        assertThat(entries).hasSize(1);
        assertThat(entries.get(0).getJsonObject("detail").getString("recipient")).isEqualTo("MRN 0815 Jane Doe");
        assertThat(entries.get(0).getJsonObject("detail").getString("destination")).isEqualTo("ward-7");
    }

    @Test
    void aLabelWhoseTwoIntendedUseSourcesDisagreeIsRefusedAcrossSeparateReads() throws Exception {
        String din = "A999926000103";
        Http.Response r = scan(new JsonObject().put("action", "STORE").put("location", "fridge-1").put("reads", new JsonArray(List.of(
                Labels.dinRead(din), AUTOLOGOUS_BIOHAZARDOUS_O_NEG, "=<E0398200", expiry))));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().getString("rule")).isEqualTo("intended-use-mismatch");
        assertThat(http.get("/api/v1/units/" + din, admin).status()).isEqualTo(404);
    }

    @Test
    void crossoverEligibleUnitsJoinGeneralStockOnlyWhereTheSiteAllowsIt() throws Exception {
        String label = AUTOLOGOUS_CROSSOVER_A_NEG + AUTOLOGOUS_CROSSOVER_RED_CELLS + expiry;
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.dinRead("A999926000104") + label)).status()).isEqualTo(201);
        assertThat(scan(new JsonObject().put("site", "north").put("action", "STORE").put("location", "fridge-n")
                .put("data", Labels.dinRead("A999926000105") + label)).status()).isEqualTo(201);

        assertThat(unit("A999926000104").getBoolean("generalStock")).isFalse();
        assertThat(unit("A999926000105").getBoolean("generalStock")).isTrue();
        assertThat(http.get("/api/v1/stock/pick?component=RBC&abo=A&rhd=NEG&count=5", admin).json().getJsonArray("items")).isEmpty();
        assertThat(http.get("/api/v1/stock/pick?site=north&component=RBC&abo=A&rhd=NEG&count=5", admin).json().getJsonArray("items"))
                .hasSize(1);
    }

    @Test
    void anIssueCarryingNotForTransfusionIsRefusedAndTheUnitStaysAvailable() throws Exception {
        String din = "A999926000106";
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.label(Labels.dinRead(din), Labels.O_NEG, Labels.RED_CELLS, expiry))).status()).isEqualTo(201);
        JsonObject before = unit(din);

        Http.Response issue = scan(new JsonObject().put("action", "ISSUE").put("destination", "ward-7")
                .put("reads", new JsonArray(List.of(Labels.dinRead(din), "=%Mx00"))));

        assertThat(issue.status()).isEqualTo(409);
        assertThat(issue.json().getString("rule")).isEqualTo("special-message");
        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("AVAILABLE");
        assertThat(after.getLong("version")).isEqualTo(before.getLong("version"));
        assertThat(after.getJsonArray("history")).hasSameSizeAs(before.getJsonArray("history"));
    }

    @Test
    void aMoveCarryingDiscardQuarantinesTheUnitInTheSameWrite() throws Exception {
        String din = "A999926000107";
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.label(Labels.dinRead(din), Labels.O_NEG, Labels.RED_CELLS, expiry))).status()).isEqualTo(201);

        Http.Response move = scan(new JsonObject().put("action", "MOVE").put("location", "fridge-2")
                .put("reads", new JsonArray(List.of(Labels.dinRead(din), "=%Md00"))));

        assertThat(move.status()).isEqualTo(201);
        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("QUARANTINED");
        assertThat(after.getString("location")).isEqualTo("fridge-2");
        assertThat(after.getString("statusReason")).contains("=%Md (discard)");
    }

    @Test
    void issueThenReturnToABenchAt40MinutesThenStoreAt45IsQuarantined() throws Exception {
        String din = storedInFridge("A999926000108");
        assertThat(scan(new JsonObject().put("action", "ISSUE").put("destination", "theatre").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);
        clock.advance(Duration.ofMinutes(40));
        assertThat(scan(new JsonObject().put("action", "RETURN").put("location", "bench").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);
        assertThat(unit(din).getString("status")).isEqualTo("QUARANTINED");
        clock.advance(Duration.ofMinutes(5));
        scan(new JsonObject().put("action", "STORE").put("location", "fridge-1").put("data", Labels.dinRead(din)));

        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("QUARANTINED");
        assertThat(after.getString("statusReason")).startsWith("out of controlled storage for 40 min");
        assertThat(pickable(din)).isFalse();
    }

    @Test
    void moveBenchToBench2At25ThenStoreAt50IsQuarantined() throws Exception {
        String din = storedInFridge("A999926000109");
        assertThat(scan(new JsonObject().put("action", "MOVE").put("location", "bench").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);
        assertThat(unit(din).getString("outOfStorageSince")).isEqualTo(clock.instant().toString());
        clock.advance(Duration.ofMinutes(25));
        assertThat(scan(new JsonObject().put("action", "MOVE").put("location", "bench-2").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);
        assertThat(unit(din).getString("status")).isEqualTo("AVAILABLE");
        clock.advance(Duration.ofMinutes(25));
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-2").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);

        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("QUARANTINED");
        assertThat(after.getString("statusReason")).startsWith("out of controlled storage for 50 min");
    }

    @Test
    void aUnitLeftOnABenchForFiveHoursIsNotIssued() throws Exception {
        String din = storedInFridge("A999926000110");
        assertThat(scan(new JsonObject().put("action", "MOVE").put("location", "bench").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);
        JsonObject before = unit(din);
        clock.advance(Duration.ofHours(5));

        Http.Response issue = scan(new JsonObject().put("action", "ISSUE").put("destination", "ward-7").put("data", Labels.dinRead(din)));

        assertThat(issue.status()).isEqualTo(409);
        assertThat(issue.json().getString("rule")).isEqualTo("out-of-controlled-storage");
        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("AVAILABLE");
        assertThat(after.getLong("version")).isEqualTo(before.getLong("version"));
    }

    @Test
    void aReturnIntoAFridgeWithinTheLimitResetsTheTimeOut() throws Exception {
        String din = storedInFridge("A999926000111");
        scan(new JsonObject().put("action", "ISSUE").put("destination", "theatre").put("data", Labels.dinRead(din)));
        clock.advance(Duration.ofMinutes(20));
        scan(new JsonObject().put("action", "RETURN").put("location", "fridge-2").put("data", Labels.dinRead(din)));

        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("AVAILABLE");
        assertThat(after.getValue("outOfStorageSince")).isNull();
        assertThat(pickable(din)).isTrue();
    }

    @Test
    void aUnitLeftOnABenchIsQuarantinedByTheTimerWithoutAScanAndRaisesAnAlert() throws Exception {
        String din = storedInFridge("A999926000113");
        assertThat(scan(new JsonObject().put("action", "MOVE").put("location", "bench").put("data", Labels.dinRead(din))).status())
                .isEqualTo(201);
        clock.advance(Duration.ofMinutes(30));
        assertThat(service.service().outOfStorage().sweep().get(30, TimeUnit.SECONDS)).as("exactly the limit").isEmpty();
        assertThat(unit(din).getString("status")).isEqualTo("AVAILABLE");

        clock.advance(Duration.ofMinutes(5));
        service.service().outOfStorage().sweep().get(30, TimeUnit.SECONDS); // the service's own timer may have come first

        JsonObject after = unit(din);
        assertThat(after.getString("status")).isEqualTo("QUARANTINED");
        assertThat(after.getString("location")).isEqualTo("bench");
        assertThat(after.getString("statusReason")).startsWith("out of controlled storage for 35 min");
        JsonArray history = after.getJsonArray("history");
        JsonObject last = history.getJsonObject(history.size() - 1);
        assertThat(last.getString("action")).isEqualTo("QUARANTINE");
        assertThat(last.getString("source")).isEqualTo("timer:out-of-storage");
        assertThat(history.stream().filter(o -> ((JsonObject) o).getString("action").equals("QUARANTINE")).count())
                .as("quarantined once").isEqualTo(1);
        assertThat(pickable(din)).isFalse();
        String subject = after.getString("din") + "/" + after.getString("productCode") + "/" + after.getString("division");
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                http.get("/api/v1/alerts", admin).json().getJsonArray("items").stream().map(o -> (JsonObject) o)
                        .filter(a -> a.getString("kind").equals("out-of-storage")).map(a -> a.getString("subject")).toList())
                .containsExactly(subject));
    }

    private String storedInFridge(String din) throws Exception {
        assertThat(scan(new JsonObject().put("action", "STORE").put("location", "fridge-1")
                .put("data", Labels.label(Labels.dinRead(din), Labels.O_NEG, Labels.RED_CELLS, expiry))).status()).isEqualTo(201);
        return din;
    }

    private boolean pickable(String din) throws Exception {
        return http.get("/api/v1/stock/pick?component=RBC&abo=O&rhd=NEG&count=50", admin).json().getJsonArray("items").stream()
                .anyMatch(o -> ((JsonObject) o).getString("din").equals(din));
    }

    private Http.Response scan(JsonObject body) throws Exception {
        return http.post("/api/v1/scans", admin, body.encode());
    }

    private JsonObject unit(String din) throws Exception {
        return http.get("/api/v1/units/" + din, admin).json().getJsonArray("units").getJsonObject(0);
    }
}
