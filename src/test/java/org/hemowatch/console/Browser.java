package org.hemowatch.console;

import org.hemowatch.testing.ExternalTools;
import org.hemowatch.testing.HemowatchExtension;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The browser fixture of the console tests: Debian's chromium driven by Debian's chromium-driver (installed by
 * .ci/test), never a downloaded browser or driver (Selenium Manager is not asked because both paths are given).
 * <pre>
 * &#64;RegisterExtension &#64;Order(1)
 * static final Browser browsers = new Browser();
 * &#64;RegisterExtension
 * static final HemowatchExtension service = ...;
 * </pre>
 * Registered first, it skips the class (or fails it under .ci/test) before the service starts when chromium or its
 * driver is missing. A browser {@link #open opened} in a test is closed after that test; one opened in
 * {@code @BeforeAll}, after the class. Each has a profile directory of its own, deleted at the end.
 */
final class Browser implements BeforeAllCallback, BeforeEachCallback, AfterEachCallback, AfterAllCallback {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HEMOWATCH_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("HEMOWATCH_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final List<ChromeDriver> forClass = new ArrayList<>();
    private final List<ChromeDriver> forTest = new ArrayList<>();
    private boolean inTest;
    private Path profiles;

    @Override
    public void beforeAll(ExtensionContext context) {
        requireTools();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        requireTools();
        inTest = true;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        inTest = false;
        quit(forTest);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        quit(forClass);
        if (profiles != null) {
            try (Stream<Path> files = Files.walk(profiles)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
            profiles = null;
        }
    }

    /** A headless chromium with a window of {@code width} x {@code height}. */
    ChromeDriver open(int width, int height) throws IOException {
        if (profiles == null) {
            profiles = Files.createTempDirectory("hemowatch-chromium");
        }
        Path profile = Files.createTempDirectory(profiles, width + "x" + height);
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--lang=en-US",
                "--window-size=" + width + "," + height);
        ChromeDriverService driver = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(driver, o);
        (inTest ? forTest : forClass).add(d);
        d.manage().window().setSize(new Dimension(width, height));
        return d;
    }

    /** Skipped where chromium or its driver is missing, but a failure under .ci/test (which installs them). */
    static void requireTools() {
        ExternalTools.require("chromium", "chromium");
        ExternalTools.require("chromedriver", "chromium-driver");
    }

    /** The console's address of the service. */
    static String base(HemowatchExtension service) {
        return "http://127.0.0.1:" + service.httpPort();
    }

    /** A 30 s wait that ignores elements replaced while it polls (the views re-render as the stream delivers). */
    static WebDriverWait waitFor(ChromeDriver d) {
        return (WebDriverWait) new WebDriverWait(d, Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class);
    }

    /** Logs {@code user} in through the login page (after dropping any session's cookies); returns a {@link #waitFor} wait. */
    static WebDriverWait login(ChromeDriver d, String base, String user, String password) {
        WebDriverWait wait = waitFor(d);
        if (d.getCurrentUrl().startsWith("http")) {
            d.manage().deleteAllCookies();
        }
        d.get(base + "/");
        wait.until(x -> x.findElement(By.id("login-user")).isDisplayed());
        d.findElement(By.id("login-user")).sendKeys(user);
        d.findElement(By.id("login-password")).sendKeys(password);
        d.findElement(By.id("login-submit")).click();
        wait.until(x -> x.findElement(By.id("logout")).isDisplayed());
        return wait;
    }

    static Path screenshot(ChromeDriver d, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Path out = SCREENSHOTS.resolve(name + ".png");
        Files.copy(f.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }

    private static void quit(List<ChromeDriver> drivers) {
        for (ChromeDriver d : drivers) {
            d.quit();
        }
        drivers.clear();
    }
}
