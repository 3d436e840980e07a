package org.chorusedi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.config.Folders;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An engine that is not ready, as the operators' page says it in a real browser (Chromium, as OpsPageBrowserIT): the
 * failing check by its name, with its message, not a pointer to the health endpoint. A flow parked in failed/ makes
 * it not ready (the folder is the parked-flows check's truth).
 */
@Tag("h2-only")
class OpsPageNotReadyBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    Path root;

    @TempDir
    Path profile;

    @Test
    void theBadgeNamesTheFailingCheckAndWhy() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "SKIPPED: the browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
                        + "): apt-get install -y chromium chromium-driver, as .ci/run does");
        // Passwords valid 20 days: a technical user's expires within the 30 days the API warns of.
        try (RunningEngine engine = RunningEngine.start(root, Map.of("chorus.api.password-days", "20"))) {
            Path parked = Files.createDirectories(engine.engine().folders().failed().resolve("AAA001"));
            Files.writeString(parked.resolve("AAA001-20261206T030000000-0001__facture.xml"), "<Invoice/>");
            Files.writeString(parked.resolve("AAA001-20261206T030000000-0001__facture.xml" + Folders.REPORT_SUFFIX),
                    "not processed after 3 attempts: java.nio.file.FileSystemException: No space left on device\nmore lines\n");
            new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(20), Duration.ofDays(30), 5,
                    Duration.ofMinutes(15)), Clock.systemUTC()).create("AAA001", "aaa-erp");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile);
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort().build(), options);
            try {
                browser.get(engine.uri("/").toString());
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("health"), "not ready"));
                String badge = browser.findElement(By.id("health")).getText();
                assertTrue(badge.startsWith("not ready: chorus-parked-flows (1 flow(s) parked in failed/, each beside its report,"
                        + " the first AAA001/AAA001-20261206T030000000-0001__facture.xml)"), badge);
                assertTrue(browser.findElement(By.id("health")).getAttribute("class").contains("down"));
                // Needs attention, first on the page: the parked flow with its report's first line, then the password.
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("attention"), "aaa-erp"));
                List<WebElement> items = browser.findElements(By.cssSelector("#attention li"));
                assertEquals(2, items.size(), () -> browser.findElement(By.id("attention")).getText());
                assertTrue(items.get(0).getText().startsWith("flow parked: failed/AAA001/AAA001-20261206T030000000-0001__facture.xml"),
                        items.get(0).getText());
                assertTrue(items.get(0).getText().contains("not processed after 3 attempts: java.nio.file.FileSystemException: No space"
                        + " left on device. Once the cause is gone, move it back into in/AAA001/"), items.get(0).getText());
                assertTrue(items.get(1).getText().startsWith("the password of aaa-erp (partner AAA001) expires on "), items.get(1).getText());
                assertTrue(items.get(1).getText().contains("partner technical-user reset aaa-erp"), items.get(1).getText());
            } finally {
                browser.quit();
            }
        }
    }
}
