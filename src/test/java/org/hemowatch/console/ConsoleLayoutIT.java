package org.hemowatch.console;

import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.label;

/**
 * The console at a laptop's and at a tablet's viewport (landscape 1024×768, portrait 768×1024) in
 * Debian's chromium: every screen fits the width (no sideways scrolling), every view stays reachable
 * from the navigation, and every visible text meets WCAG 2.2 AA contrast against the background it
 * is drawn on (SC 1.4.3: 4.5:1, 3:1 for large text), computed in the page from the rendered colours.
 * Screenshots go to target/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(240)
class ConsoleLayoutIT {

    static final String PASSWORD = "correct horse battery";
    static final List<String> VIEWS = List.of("alarms", "scan", "stock", "quarantine", "devices", "lookup");

    /**
     * For every element with its own visible text: the WCAG relative-luminance contrast of its colour
     * over the first opaque background found up its ancestors (colours with alpha are blended), and
     * whether that meets AA for its size. Returns the failures as text.
     */
    static final String CONTRAST = """
            const lum = (c) => { const s = c / 255; return s <= 0.04045 ? s / 12.92 : Math.pow((s + 0.055) / 1.055, 2.4); };
            const L = (rgb) => 0.2126 * lum(rgb[0]) + 0.7152 * lum(rgb[1]) + 0.0722 * lum(rgb[2]);
            const parse = (s) => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return [0, 0, 0, 0];
              const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
            const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
            const background = (e) => { const layers = [];
              for (let n = e; n; n = n.parentElement) { const c = parse(getComputedStyle(n).backgroundColor);
                if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
              let bg = [255, 255, 255]; for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg); return bg; };
            const failures = []; let checked = 0;
            for (const e of document.querySelectorAll('body *')) {
              if (!e.getClientRects().length || e.closest('[hidden]') || e.disabled) continue;
              const own = [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
              if (!own) continue;
              const st = getComputedStyle(e);
              if (st.visibility === 'hidden' || Number(st.opacity) === 0) continue;
              const fg = parse(st.color); const bg = background(e); const text = over(fg, bg);
              const a = L(text), b = L(bg); const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              const size = parseFloat(st.fontSize); const bold = Number(st.fontWeight) >= 700;
              const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5; checked++;
              if (ratio < need) failures.push(`${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}.${e.className} "${e.textContent.trim().slice(0, 40)}" ${ratio.toFixed(2)}:1 < ${need}:1 (${st.color} on rgb(${bg.map(Math.round)}))`);
            }
            return JSON.stringify({ checked, failures });
            """;

    private static final TestClock clock = new TestClock(Instant.now());
    @RegisterExtension
    @Order(1)
    static final Browser browsers = new Browser();
    @RegisterExtension
    static final HemowatchExtension service = ConsoleService.withFridge(clock, "", ConsoleService.parLevel(3, 6));
    private String base;
    private ChromeDriver browser;

    @BeforeAll
    void start() throws Exception {
        Http http = service.http();
        String admin = service.adminKey();
        base = Browser.base(service);
        assertThat(http.post("/api/v1/users", admin, new JsonObject().put("username", "tina").put("role", "technician")
                .put("password", PASSWORD).encode()).status()).isEqualTo(201);
        // one unit below the par minimum: the alarm board shows a critical shortage, the stock board a red row
        for (String action : List.of("RECEIVE", "STORE")) {
            assertThat(http.post("/api/v1/scans", admin, new JsonObject().put("action", action).put("location", "fridge-1")
                    .put("data", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 2))).encode()).status()).isEqualTo(201);
        }
        assertThat(http.post("/api/v1/units/A999926000001/E0398/quarantine", admin, "{\"comment\":\"label query\"}").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}x{1}")
    @CsvSource({"1366, 768", "1024, 768", "768, 1024"})
    void everyScreenFitsTheViewportAndEveryTextMeetsAaContrast(int width, int height) throws Exception {
        WebDriverWait wait = login(width, height);
        JavascriptExecutor js = browser;
        for (String view : VIEWS) {
            WebElement link = wait.until(d -> d.findElement(By.id("nav-" + view)));
            assertThat(link.isDisplayed()).as("the %s link at %dx%d", view, width, height).isTrue();
            assertThat(((Number) js.executeScript("return arguments[0].getBoundingClientRect().right", link)).doubleValue())
                    .as("the %s link lies inside the viewport", view).isLessThanOrEqualTo(width);
            link.click();
            wait.until(d -> "page".equals(d.findElement(By.id("nav-" + view)).getAttribute("aria-current"))
                    && !d.findElements(By.cssSelector("#main h2")).isEmpty());
            settle(wait, view);
            long scrollWidth = ((Number) js.executeScript("return document.documentElement.scrollWidth")).longValue();
            long clientWidth = ((Number) js.executeScript("return document.documentElement.clientWidth")).longValue();
            assertThat(scrollWidth).as("%s at %dx%d scrolls sideways", view, width, height).isLessThanOrEqualTo(clientWidth);
            JsonObject contrast = new JsonObject((String) js.executeScript(CONTRAST));
            assertThat(contrast.getInteger("checked")).as("texts checked on %s", view).isGreaterThan(3);
            assertThat(contrast.getJsonArray("failures").getList()).as("texts below WCAG AA contrast on %s at %dx%d", view, width, height)
                    .isEmpty();
            Browser.screenshot(browser, "viewport-" + width + "x" + height + "-" + view);
        }
    }

    @Test
    void theContrastCheckFindsTextThatIsTooPale() throws Exception {
        WebDriverWait wait = login(1024, 768);
        wait.until(d -> d.findElement(By.cssSelector("#main h2")));
        // the check itself: grey #999 on white is 2.85:1, below 4.5:1
        browser.executeScript("const p = document.createElement('p'); p.id = 'pale'; p.textContent = 'pale text';"
                + "p.style.color = '#999999'; p.style.background = '#ffffff'; document.getElementById('main').append(p);");
        JsonObject contrast = new JsonObject((String) browser.executeScript(CONTRAST));
        assertThat(contrast.getJsonArray("failures").encode()).contains("p#pale").contains("2.85:1");
    }

    /** A browser of {@code width} x {@code height} (closed after the test) with tina logged in. */
    private WebDriverWait login(int width, int height) throws Exception {
        browser = browsers.open(width, height);
        return Browser.login(browser, base, "tina", PASSWORD);
    }

    /** Waits for the view's data to be drawn, so that what is measured is the filled screen. */
    private static void settle(WebDriverWait wait, String view) {
        switch (view) {
            case "alarms" -> wait.until(d -> !d.findElements(By.cssSelector("article.alert")).isEmpty());
            case "stock" -> wait.until(d -> !d.findElements(By.cssSelector("#stock-table tbody tr")).isEmpty());
            case "quarantine" -> wait.until(d -> !d.findElements(By.cssSelector("#quarantine-table tr[data-din]")).isEmpty());
            case "devices" -> wait.until(d -> !d.findElements(By.cssSelector("#device-table tbody tr")).isEmpty());
            default -> wait.until(d -> d.findElement(By.id("main")).getText().length() > 3);
        }
    }
}
