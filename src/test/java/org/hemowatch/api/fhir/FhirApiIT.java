package org.hemowatch.api.fhir;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.FhirValidation;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.A_POS;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.label;

/** The FHIR R5 view end to end: a whole service on SQLite, units scanned in over HTTP, read back as FHIR. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class FhirApiIT {

    private static final String BDP = "/api/v1/fhir/BiologicallyDerivedProduct";

    private static final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));

    @RegisterExtension
    static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env(Map.of("HEMOWATCH_ZONE", "Europe/London")).config("sites:\n  north:\n    name: North blood station\n    zone: Europe/London\n").extension();
    private Http http;
    private String admin;

    @BeforeAll
    void start() throws Exception {
        FhirValidation.warmUp(); // every FHIR answer below is checked by the HAPI validator (testing/Http)
        http = new Http(service.httpPort());
        admin = service.adminKey();
        FhirValidation.awaitReady();
    }

    @Test
    void theReferenceValidatorRefusesWhatTheFirstVersionSent() {
        // the oracle that checks every answer here: an empty entry array is an error in FHIR JSON,
        // and so is a status code outside its required value set
        assertThat(FhirValidation.errors("{\"resourceType\":\"Bundle\",\"type\":\"searchset\",\"total\":0,\"entry\":[]}"))
                .isNotEmpty();
        assertThat(FhirValidation.errors("{\"resourceType\":\"BiologicallyDerivedProduct\",\"id\":\"x\","
                + "\"productStatus\":{\"system\":\"http://hl7.org/fhir/biologicallyderived-product-status\",\"code\":\"gone\"}}"))
                .isNotEmpty();
        assertThat(FhirValidation.errors("{\"resourceType\":\"BiologicallyDerivedProduct\",\"id\":\"x\"}")).isEmpty();
    }

    @Test
    void showsAStoredUnitAsAnAvailableBiologicallyDerivedProduct() throws Exception {
        String din = "A999926000101";
        scan("main", "STORE", label(Labels.dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 3)));

        Http.Response r = http.get(BDP + "/" + din + "-E0398-00", admin);

        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        JsonObject p = r.json();
        assertThat(p.getString("resourceType")).isEqualTo("BiologicallyDerivedProduct");
        assertThat(p.getString("id")).isEqualTo(din + "-E0398-00");
        assertThat(p.getJsonObject("biologicalSourceEvent"))
                .isEqualTo(new JsonObject().put("system", "https://www.isbt128.org/uri/DonationIdentificationNumber").put("value", din));
        assertThat(p.getJsonObject("productCode").getJsonArray("coding").getJsonObject(0).getString("code")).isEqualTo("E0398");
        JsonObject group = p.getJsonArray("property").getJsonObject(0).getJsonObject("valueCodeableConcept").getJsonArray("coding").getJsonObject(0);
        assertThat(group.getString("system")).isEqualTo("https://www.isbt128.org/uri/ABORhD");
        assertThat(group.getString("code")).isEqualTo("95");
        // 26 Nov 2026 12:00 in London (GMT)
        assertThat(p.getString("expirationDate")).isEqualTo("2026-11-26T12:00:00Z");
        assertThat(p.getJsonObject("productStatus").getString("code")).isEqualTo("available");
        assertThat(p.getJsonObject("productCategory").getString("code")).isEqualTo("cells");
        assertThat(p.getString("division")).isEqualTo("00");
        JsonObject temp = p.getJsonObject("storageTempRequirements");
        assertThat(temp.getJsonObject("low").getInteger("value")).isEqualTo(2); // region EU_UK (the default): red cells 2–6 °C
        assertThat(temp.getJsonObject("high").getInteger("value")).isEqualTo(6);
    }

    @Test
    void anEmptySearchResultHasNoEntryElement() throws Exception {
        JsonObject empty = search("biological-source-event=A999926000199", admin);
        assertThat(empty.getInteger("total")).isZero();
        assertThat(empty.containsKey("entry")).isFalse();
    }

    @Test
    void aReadCarriesTheUnitsVersionAsETagAndItsLastChangeAsLastModified() throws Exception {
        String din = "A999926000106";
        scan("main", "STORE", label(Labels.dinRead(din), O_NEG, RED_CELLS, expiryInDays(clock, 3)));
        java.net.http.HttpResponse<String> r = raw(BDP + "/" + din + "-E0398-00", "application/fhir+json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("ETag")).hasValueSatisfying(e -> assertThat(e).matches("W/\"\\d+\""));
        assertThat(r.headers().firstValue("Last-Modified")).hasValue(
                java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(clock.instant().atZone(java.time.ZoneOffset.UTC)));
        String first = r.headers().firstValue("ETag").orElseThrow();
        assertThat(http.post("/api/v1/units/" + din + "/E0398/quarantine", admin, "{\"comment\":\"label query\"}").status()).isEqualTo(200);
        assertThat(raw(BDP + "/" + din + "-E0398-00", null).headers().firstValue("ETag").orElseThrow()).isNotEqualTo(first);
    }

    @Test
    void asksForXmlGet406WithAnOperationOutcome() throws Exception {
        java.net.http.HttpResponse<String> xml = raw(BDP, "application/fhir+xml");
        assertThat(xml.statusCode()).isEqualTo(406);
        assertThat(new JsonObject(xml.body()).getString("resourceType")).isEqualTo("OperationOutcome");
        assertThat(raw(BDP + "?_format=xml", null).statusCode()).isEqualTo(406);
        assertThat(raw(BDP, "application/fhir+xml, application/fhir+json;q=0.5").statusCode()).isEqualTo(200);
        assertThat(raw(BDP, "*/*").statusCode()).isEqualTo(200);
    }

    private java.net.http.HttpResponse<String> raw(String path, String accept) throws Exception {
        java.net.http.HttpRequest.Builder b = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + service.httpPort() + path))
                .header("Authorization", "Bearer " + admin);
        if (accept != null) {
            b.header("Accept", accept);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void findsUnitsByDinAndByStatus() throws Exception {
        String stored = "A999926000102";
        String received = "A999926000103";
        scan("main", "STORE", label(Labels.dinRead(stored), A_POS, RED_CELLS, expiryInDays(clock, 3)));
        scan("main", "RECEIVE", label(Labels.dinRead(received), A_POS, RED_CELLS, expiryInDays(clock, 3)));

        JsonObject byDin = search("biological-source-event=" + stored, admin);
        assertThat(byDin.getString("resourceType")).isEqualTo("Bundle");
        assertThat(byDin.getString("type")).isEqualTo("searchset");
        assertThat(byDin.getInteger("total")).isEqualTo(1);
        JsonObject entry = byDin.getJsonArray("entry").getJsonObject(0);
        assertThat(entry.getString("fullUrl")).endsWith(BDP + "/" + stored + "-E0398-00");
        assertThat(entry.getJsonObject("resource").getString("id")).isEqualTo(stored + "-E0398-00");

        String both = "biological-source-event=" + stored + "," + received;
        assertThat(dins(search(both, admin))).containsExactlyInAnyOrder(stored, received);
        assertThat(dins(search(both + "&product-status=available", admin))).containsExactly(stored);
        assertThat(dins(search(both + "&product-status=unavailable", admin))).containsExactly(received);
        assertThat(dins(search(both + "&code=E0398&product-category=cells", admin))).hasSize(2);
        assertThat(dins(search(both + "&product-category=fluid", admin))).isEmpty();
    }

    @Test
    void pagesWithCountAndOffsetAndLinksTheNextPage() throws Exception {
        String a = "A999926000104";
        String b = "A999926000105";
        scan("main", "STORE", label(Labels.dinRead(a), O_NEG, RED_CELLS, expiryInDays(clock, 3)));
        scan("main", "STORE", label(Labels.dinRead(b), O_NEG, RED_CELLS, expiryInDays(clock, 3)));

        JsonObject first = search("biological-source-event=" + a + "," + b + "&_count=1", admin);

        assertThat(first.getInteger("total")).isEqualTo(2);
        assertThat(first.getJsonArray("entry")).hasSize(1);
        String next = first.getJsonArray("link").stream().map(l -> (JsonObject) l)
                .filter(l -> l.getString("relation").equals("next")).findFirst().orElseThrow().getString("url");
        JsonObject second = http.get(next.substring(next.indexOf("/api/v1/")), admin).json();
        assertThat(second.getJsonArray("entry")).hasSize(1);
        assertThat(dins(second)).doesNotContainAnyElementsOf(dins(first));
    }

    @Test
    void showsAHospitalKeyOnlyItsOwnSite() throws Exception {
        String here = "A999926000106";
        String north = "A999926000107";
        scan("main", "STORE", label(Labels.dinRead(here), O_NEG, RED_CELLS, expiryInDays(clock, 3)));
        scan("north", "STORE", label(Labels.dinRead(north), O_NEG, RED_CELLS, expiryInDays(clock, 3)));
        String hospital = http.post("/api/v1/keys", admin, new JsonObject().put("role", "hospital").put("name", "St Mary ward 7")
                .put("site", "main").encode()).json().getString("key");

        assertThat(dins(search("_count=1000", hospital))).contains(here).doesNotContain(north);
        assertThat(dins(search("_count=1000", admin))).contains(here, north);
        assertThat(http.get(BDP + "/" + here + "-E0398-00", hospital).status()).isEqualTo(200);
        Http.Response other = http.get(BDP + "/" + north + "-E0398-00", hospital);
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().getString("resourceType")).isEqualTo("OperationOutcome");
    }

    @Test
    void answersAnUnknownIdWith404OperationOutcome() throws Exception {
        Http.Response r = http.get(BDP + "/A999926000999-E0398-00", admin);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        JsonObject issue = r.json().getJsonArray("issue").getJsonObject(0);
        assertThat(r.json().getString("resourceType")).isEqualTo("OperationOutcome");
        assertThat(issue.getString("severity")).isEqualTo("error");
        assertThat(issue.getString("code")).isEqualTo("not-found");
    }

    @Test
    void answersABadSearchParameterWith400OperationOutcome() throws Exception {
        Http.Response r = http.get(BDP + "?product-status=lost", admin);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        assertThat(r.json().getJsonArray("issue").getJsonObject(0).getString("code")).isEqualTo("invalid");
    }

    @Test
    void keepsProblemJsonForAuthenticationAndRoles() throws Exception {
        assertThat(http.get(BDP, null).contentType()).startsWith("application/problem+json");
        String station = http.post("/api/v1/keys", admin, new JsonObject().put("role", "station").put("name", "ward 7 screen").encode())
                .json().getString("key");

        Http.Response r = http.get(BDP, station);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.json().getString("rule")).isEqualTo("role-forbidden");
    }

    private void scan(String site, String action, String data) throws Exception {
        Http.Response r = http.post("/api/v1/scans", admin, new JsonObject().put("site", site).put("action", action)
                .put("location", action.equals("STORE") ? "fridge-1" : "receiving").put("data", data).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private JsonObject search(String query, String key) throws Exception {
        Http.Response r = http.get(BDP + "?" + query, key);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.contentType()).startsWith("application/fhir+json");
        return r.json();
    }

    private static List<String> dins(JsonObject bundle) {
        JsonArray entries = bundle.getJsonArray("entry", new JsonArray()); // an empty result has no 'entry'
        return entries.stream().map(e -> ((JsonObject) e).getJsonObject("resource").getJsonObject("biologicalSourceEvent").getString("value")).toList();
    }
}
