package org.hemowatch.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.api.Signatures;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.ReadingFeed;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Pdf;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.print.PrintOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hemowatch.testing.Labels.DIN_1;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.DIN_2;
import static org.hemowatch.testing.Labels.DIN_2_READ;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * The printable excursion report: a fridge warms to 9 °C with two units inside, both are held, a
 * technician releases one and discards the other with her signature; the report (linked from the
 * devices screen, opened in chromium) shows the device, its limits, the readings during the
 * excursion, both units and the signed decisions, and prints to a PDF (target/screenshots/).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class ExcursionReportIT {

    static final String PASSWORD = "correct horse battery";

    private static final TestClock clock = new TestClock(Instant.now().minus(Duration.ofHours(1)));
    @RegisterExtension
    @Order(1)
    static final Browser browsers = new Browser();
    @RegisterExtension
    static final HemowatchExtension service = ConsoleService.withFridge(clock, ", excursionDelay: PT2M, recoveryConfirmation: PT2M", "");
    private Http http;
    private String admin;
    private String excursionId;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        http = Http.checkedByOpenApi(service.httpPort());
        admin = service.adminKey();
        assertThat(http.post("/api/v1/users", admin, new JsonObject().put("username", "tina").put("role", "technician")
                .put("password", PASSWORD).encode()).status()).isEqualTo(201);
        for (String din : List.of(DIN_1_READ, DIN_2_READ)) {
            for (String action : List.of("RECEIVE", "STORE")) {
                assertThat(http.post("/api/v1/scans", admin, new JsonObject().put("action", action).put("location", "fridge-1")
                        .put("data", label(din, O_NEG, RED_CELLS, expiryInDays(clock, 10))).encode()).status()).isEqualTo(201);
            }
        }
        new ReadingFeed(service.running(), clock, "main", "fridge-1").minutes(3, 4.0).minutes(6, 9.0).minutes(5, 4.0);
        await().atMost(Duration.ofSeconds(30)).until(() -> status(DIN_1).equals("QUARANTINED") && status(DIN_2).equals("QUARANTINED"));
        JsonArray xs = http.get("/api/v1/devices/fridge-1/excursions", admin).json().getJsonArray("items");
        assertThat(xs).hasSize(1);
        excursionId = xs.getJsonObject(0).getString("id");
        SessionClient tina = new SessionClient(service.httpPort());
        assertThat(tina.login("tina", PASSWORD).status()).isEqualTo(200);
        assertThat(tina.post("/api/v1/units/" + DIN_1 + "/E0398/release", decision("probe checked, the unit stayed cold",
                Signatures.releaseMeaning(DIN_1, "E0398-00"))).status()).isEqualTo(200);
        assertThat(tina.post("/api/v1/units/" + DIN_2 + "/E0398/discard", decision("near the door, too warm",
                Signatures.discardMeaning(DIN_2, "E0398-00"))).status()).isEqualTo(200);
        browser = browsers.open(1366, 768);
    }

    @Test
    void theReportHoldsTheDeviceItsLimitsTheReadingsTheUnitsAndTheSignedDecisions() throws Exception {
        JsonObject r = http.get("/api/v1/devices/fridge-1/excursion-report?excursion=" + enc(excursionId), admin).json();
        assertThat(r.getJsonObject("device").getJsonObject("profile").getDouble("safeMax")).isNotNull();
        assertThat(r.getJsonArray("readings").stream().map(o -> ((JsonObject) o).getDouble("tempC"))).contains(9.0);
        JsonArray units = r.getJsonArray("units");
        assertThat(units.stream().map(u -> ((JsonObject) u).getJsonObject("unit").getString("din"))).containsExactlyInAnyOrder(DIN_1, DIN_2);
        for (Object o : units) {
            JsonObject u = (JsonObject) o;
            JsonObject signed = u.getJsonArray("decisions").getJsonObject(0).getJsonObject("signature");
            assertThat(signed.getString("signer")).isEqualTo("tina");
            assertThat(signed.getString("meaning")).contains(u.getJsonObject("unit").getString("din"));
        }
        assertThat(http.get("/api/v1/devices/fridge-1/excursion-report?excursion=no-such", admin).json().getString("rule")).isEqualTo("excursion-unknown");
    }

    @Test
    void theDevicesScreenLinksTheReportWhichPrintsToPdf() throws Exception {
        WebDriverWait wait = Browser.login(browser, Browser.base(service), "tina", PASSWORD);
        browser.findElement(By.id("nav-devices")).click();
        wait.until(d -> d.findElement(By.cssSelector("#device-table tbody tr button"))).click();
        String href = wait.until(d -> d.findElement(By.cssSelector("#device-detail a.excursion-report"))).getAttribute("href");
        assertThat(href).contains("excursion=" + enc(excursionId));

        browser.get(href);
        wait.until(d -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
        String text = browser.findElement(By.id("report")).getText();
        assertThat(text).contains("Blood bank fridge 1").contains(excursionId).contains(DIN_1).contains(DIN_2)
                .contains("Signed by tina").contains(Signatures.releaseMeaning(DIN_1, "E0398-00"))
                .contains(Signatures.discardMeaning(DIN_2, "E0398-00"));
        assertThat(browser.findElements(By.cssSelector("#report-readings tbody tr.out"))).isNotEmpty();
        Browser.screenshot(browser, "excursion-report");

        Pdf pdf = browser.print(new PrintOptions());
        byte[] bytes = Base64.getDecoder().decode(pdf.getContent());
        assertThat(new String(bytes, 0, 5, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        Files.createDirectories(Browser.SCREENSHOTS);
        Files.write(Browser.SCREENSHOTS.resolve("excursion-report.pdf"), bytes);
    }

    private static String enc(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private String status(String din) throws Exception {
        return http.get("/api/v1/units/" + din, admin).json().getJsonArray("units").getJsonObject(0).getString("status");
    }

    private static String decision(String comment, String meaning) {
        return new JsonObject().put("comment", comment)
                .put("signature", new JsonObject().put("password", PASSWORD).put("meaning", meaning)).encode();
    }
}
