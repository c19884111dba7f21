package org.hemowatch.console;

import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hemowatch.testing.Labels.DIN_1;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.DIN_2;
import static org.hemowatch.testing.Labels.DIN_2_READ;
import static org.hemowatch.testing.Labels.DIN_3;
import static org.hemowatch.testing.Labels.DIN_3_READ;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.dinRead;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * The console in Debian's chromium, against a whole service on SQLite: a technician's shift (alarm
 * board live over SSE, scan bench with a signed discard, signed release, logout), CSRF, and a hospital user's view.
 * Screenshots of every screen go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(300)
class ConsoleBrowserIT {

    static final String PASSWORD = "correct horse battery";

    private static final TestClock clock = new TestClock(Instant.now());
    @RegisterExtension
    @Order(1)
    static final Browser browsers = new Browser();
    @RegisterExtension
    static final HemowatchExtension service = ConsoleService.withFridge(clock, "", ConsoleService.parLevel(1, 2));
    private Http http;
    private String admin;
    private ChromeDriver browser;
    private WebDriverWait wait;
    private String base;

    @BeforeAll
    void start() throws Exception {
        http = service.http();
        admin = service.adminKey();
        base = Browser.base(service);
        for (String[] u : new String[][]{{"tina", "technician"}, {"hugo", "hospital"}}) {
            assertThat(http.post("/api/v1/users", admin, new JsonObject().put("username", u[0]).put("role", u[1])
                    .put("password", PASSWORD).encode()).status()).isEqualTo(201);
        }
        // one O- red cell unit in the fridge: the par minimum is met, so no shortage is open
        apiScan("RECEIVE", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)), null, null);
        apiScan("STORE", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)), "fridge-1", null);
        await().atMost(Duration.ofSeconds(30)).until(() -> activeShortages().isEmpty());
        browser = browsers.open(1366, 768);
        // the views re-render as the stream delivers: an element found a moment ago may be replaced
        wait = Browser.waitFor(browser);
    }

    private void apiScan(String action, String data, String location, String destination) throws Exception {
        JsonObject body = new JsonObject().put("action", action).put("data", data);
        if (location != null) {
            body.put("location", location);
        }
        if (destination != null) {
            body.put("destination", destination);
        }
        Http.Response r = http.post("/api/v1/scans", admin, body.encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private List<Object> activeShortages() throws Exception {
        return http.get("/api/v1/alerts?state=active&kind=shortage", admin).json().getJsonArray("items").getList();
    }

    private WebElement visible(By by) {
        return wait.until(d -> {
            WebElement e = d.findElement(by);
            return e.isDisplayed() ? e : null;
        });
    }

    private void login(String user) {
        Browser.login(browser, base, user, PASSWORD);
    }

    private void logout() {
        browser.findElement(By.id("logout")).click();
        visible(By.id("login-user"));
    }

    private String unitStatus(String din) throws Exception {
        return http.get("/api/v1/units/" + din, admin).json().getJsonArray("units").getJsonObject(0).getString("status");
    }

    @Test
    @Order(1)
    void aTechniciansShiftInTheBrowser() throws Exception {
        browser.get(base + "/");
        visible(By.id("login-user"));
        Browser.screenshot(browser, "login");
        login("tina");

        // alarm board: a shortage raised by an API scan appears without a reload
        visible(By.id("no-alerts"));
        apiScan("ISSUE", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)), null, "ward-7");
        WebElement card = visible(By.cssSelector("article.alert[data-kind='shortage']"));
        assertThat(card.getText()).contains("RBC/O-");
        visible(By.id("critical-banner"));
        Browser.screenshot(browser, "alarms");
        visible(By.cssSelector("article.alert[data-kind='shortage'] input.comment")).sendKeys("called the supplier for two O- units");
        visible(By.cssSelector("article.alert[data-kind='shortage'] button.ack")).click();
        wait.until(d -> "ACKNOWLEDGED".equals(d.findElement(By.cssSelector("article.alert[data-kind='shortage']")).getAttribute("data-state")));
        assertThat(browser.findElement(By.cssSelector("article.alert[data-kind='shortage']")).getText())
                .contains("called the supplier for two O- units");

        // scan bench: three labels through the one input, the third refused with its rule in plain words
        browser.findElement(By.id("nav-scan")).click();
        WebElement input = visible(By.id("scan-input"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(input);
        new Select(browser.findElement(By.id("scan-action"))).selectByValue("RECEIVE");
        browser.findElement(By.id("scan-drive")).click();
        input = browser.findElement(By.id("scan-input"));
        input.sendKeys("]C0" + label(DIN_2_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)) + "\n");
        wait.until(d -> d.findElements(By.cssSelector("#scan-feedback li")).size() == 1);
        input.sendKeys(label(DIN_3_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)) + "\n");
        wait.until(d -> d.findElements(By.cssSelector("#scan-feedback li")).size() == 2);
        input.sendKeys(label(DIN_2_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)) + "\n");
        wait.until(d -> d.findElements(By.cssSelector("#scan-feedback li")).size() == 3);
        List<WebElement> feedback = browser.findElements(By.cssSelector("#scan-feedback li"));
        assertThat(feedback.get(0).getAttribute("data-result")).isEqualTo("refused");
        assertThat(feedback.get(0).getText()).contains("already received").contains("unit-already-received");
        assertThat(feedback.get(1).getAttribute("data-result")).isEqualTo("accepted");
        assertThat(feedback.get(2).getAttribute("data-result")).isEqualTo("accepted");
        assertThat(browser.findElement(By.id("scan-count")).getText()).isEqualTo("2");
        Browser.screenshot(browser, "scan");

        // a discard on the scan bench is a signed decision: the service states its meaning for the scanned unit
        new Select(browser.findElement(By.id("scan-action"))).selectByValue("DISCARD");
        browser.findElement(By.id("scan-reason")).sendKeys("bag punctured at receipt");
        browser.findElement(By.id("scan-input")).sendKeys(label(DIN_2_READ, O_NEG, RED_CELLS, expiryInDays(clock, 5)) + "\n");
        visible(By.id("sign-password"));
        assertThat(browser.findElement(By.id("sign-meaning")).getText()).isEqualTo("I discard unit " + DIN_2 + " E0398-00; it must not be transfused");
        assertThat(unitStatus(DIN_2)).as("nothing is discarded before the signature").isEqualTo("RECEIVED");
        browser.findElement(By.id("sign-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-confirm")).click();
        Browser.screenshot(browser, "scan-discard-signature");
        browser.findElement(By.id("sign-submit")).click();
        wait.until(d -> d.findElements(By.cssSelector("#scan-feedback li")).size() == 4);
        assertThat(browser.findElement(By.cssSelector("#scan-feedback li")).getAttribute("data-result")).isEqualTo("accepted");
        assertThat(unitStatus(DIN_2)).isEqualTo("DISCARDED");
        assertThat(browser.findElement(By.id("scan-count")).getText()).as("a discard is no receipt of the drive").isEqualTo("2");
        assertThat(http.get("/api/v1/audit", admin).json().getJsonArray("items").stream().map(JsonObject.class::cast)
                .filter(e -> e.getString("action").equals("unit.discard")).findFirst().orElseThrow().getString("actor")).isEqualTo("tina");

        // quarantine queue: a held unit released with an electronic signature
        assertThat(http.post("/api/v1/units/" + DIN_3 + "/E0398/quarantine", admin, "{\"comment\":\"recall R-17\"}").status()).isEqualTo(200);
        browser.findElement(By.id("nav-quarantine")).click();
        WebElement row = visible(By.cssSelector("#quarantine-table tr[data-din='" + DIN_3 + "']"));
        Browser.screenshot(browser, "quarantine");
        row.findElement(By.cssSelector("button.release")).click();
        visible(By.id("sign-password"));
        assertThat(browser.findElement(By.id("sign-meaning")).getText()).isEqualTo("I release unit " + DIN_3 + " E0398-00 for issue");
        browser.findElement(By.id("sign-comment")).sendKeys("recall withdrawn by the supplier");
        browser.findElement(By.id("sign-password")).sendKeys(PASSWORD);
        browser.findElement(By.id("sign-confirm")).click();
        Browser.screenshot(browser, "signature");
        browser.findElement(By.id("sign-submit")).click();
        wait.until(d -> d.findElement(By.id("quarantine-note")).getText().contains("released"));
        assertThat(unitStatus(DIN_3)).isNotEqualTo("QUARANTINED");

        // the other screens
        browser.findElement(By.id("nav-stock")).click();
        visible(By.cssSelector("#stock-table tbody tr"));
        Browser.screenshot(browser, "stock");
        browser.findElement(By.id("nav-devices")).click();
        visible(By.cssSelector("#device-table tbody tr")).findElement(By.tagName("button")).click();
        visible(By.cssSelector("#device-detail .chart"));
        Browser.screenshot(browser, "devices");
        browser.findElement(By.id("nav-lookup")).click();
        visible(By.id("lookup-input")).sendKeys(dinRead(DIN_1) + "\n");
        visible(By.cssSelector("#lookup-result article"));
        assertThat(browser.findElement(By.id("lookup-result")).getText()).contains(DIN_1).contains("issued");
        Browser.screenshot(browser, "lookup");

        logout();
        assertThat(http.get("/api/v1/units", null).status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void aPostWithTheCookieButWithoutTheCsrfTokenIsRefused() throws Exception {
        login("tina");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/v1/alerts/x/ack', {method: 'POST', credentials: 'same-origin',"
                        + " headers: {'Content-Type': 'application/json'}, body: '{\"comment\":\"forged\"}'})"
                        + ".then(r => r.json().then(j => done(r.status + ' ' + j.rule)));");
        assertThat(status).isEqualTo("403 csrf-token-invalid");
        logout();
    }

    @Test
    @Order(4)
    void thePageAndItsAssetsComeFromTheJarWithAStrictPolicyAndCacheHeaders() throws Exception {
        java.net.http.HttpClient c = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpResponse<String> page = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self'").contains("style-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.body()).doesNotContain("<script>").doesNotContain("style=");
        java.net.http.HttpResponse<String> js = c.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/console/js/main.js")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(js.headers().firstValue("Cache-Control").orElse("")).contains("max-age=300");
        assertThat(js.headers().firstValue("Content-Security-Policy")).isPresent();
        java.net.http.HttpResponse<String> uplot = c.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/webjars/uplot/1.6.30/dist/uPlot.iife.min.js")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.headers().firstValue("Cache-Control").orElse("")).contains("max-age=31536000");
    }

    @Test
    @Order(3)
    void aHospitalUserSeesStockButNoScanBench() throws Exception {
        login("hugo");
        visible(By.cssSelector("#stock-table tbody tr"));
        assertThat(browser.findElements(By.id("nav-stock"))).hasSize(1);
        assertThat(browser.findElements(By.id("nav-scan"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-quarantine"))).isEmpty();
        browser.get(base + "/#scan");
        visible(By.id("stock-table"));
        assertThat(browser.findElements(By.id("scan-input"))).isEmpty();
        Browser.screenshot(browser, "hospital-stock");
        logout();
    }
}
