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

    static Path screenshot(ChromeDriver d, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Path out = SCREENSHOTS.resolve(name + ".png");
        Files.copy(f.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
        return out;
    }
}
