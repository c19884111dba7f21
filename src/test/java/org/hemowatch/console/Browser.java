package org.hemowatch.console;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Debian's chromium driven by Debian's chromium-driver (installed by .ci/test): never a downloaded
 * browser or driver (Selenium Manager is not asked because both paths are given).
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("HEMOWATCH_CHROMIUM", "/usr/bin/chromium"));
    static final Path DRIVER = Path.of(System.getenv().getOrDefault("HEMOWATCH_CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start(Path profile, int width, int height) {
        ChromeOptions o = new ChromeOptions();
        o.setBinary(CHROMIUM.toFile());
        o.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile.toAbsolutePath(), "--lang=en-US",
                "--window-size=" + width + "," + height);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile()).usingAnyFreePort().build();
        ChromeDriver d = new ChromeDriver(service, o);
        d.manage().window().setSize(new Dimension(width, height));
        return d;
    }

    /** Skipped where chromium or its driver is missing, but a failure under .ci/test (which installs them). */
    static void requireTools() {
        org.hemowatch.testing.ExternalTools.require("chromium", "chromium");
        org.hemowatch.testing.ExternalTools.require("chromedriver", "chromium-driver");
    }

    /** Logs {@code user} in through the login page; returns a 30 s wait that ignores elements replaced while it polls. */
    static org.openqa.selenium.support.ui.WebDriverWait login(ChromeDriver d, String base, String user, String password) {
        org.openqa.selenium.support.ui.WebDriverWait wait = (org.openqa.selenium.support.ui.WebDriverWait)
                new org.openqa.selenium.support.ui.WebDriverWait(d, java.time.Duration.ofSeconds(30))
                        .ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        d.get(base + "/");
        wait.until(x -> x.findElement(org.openqa.selenium.By.id("login-user")).isDisplayed());
        d.findElement(org.openqa.selenium.By.id("login-user")).sendKeys(user);
        d.findElement(org.openqa.selenium.By.id("login-password")).sendKeys(password);
        d.findElement(org.openqa.selenium.By.id("login-submit")).click();
        wait.until(x -> x.findElement(org.openqa.selenium.By.id("logout")).isDisplayed());
        return wait;
    }

    static Path screenshot(ChromeDriver d, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Path out = SCREENSHOTS.resolve(name + ".png");
        Files.copy(f.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }
}
