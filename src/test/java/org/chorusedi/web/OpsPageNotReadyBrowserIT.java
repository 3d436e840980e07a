package org.chorusedi.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.config.Folders;
import org.chorusedi.support.HeadlessChromium;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An engine that is not ready, as the operators' page says it in a real browser (Chromium, as OpsPageBrowserIT): the
 * failing check by its name, with its message, not a pointer to the health endpoint. A flow parked in failed/ makes
 * it not ready (the folder is the parked-flows check's truth). Then what an operator does about it: a reader sees no
 * action and is refused one; a writer retries the flow from the page, the engine delivers it, the actions panel shows
 * who did it, and the page, ready again, logs no error in the browser's console.
 */
@Tag("h2-only")
class OpsPageNotReadyBrowserIT {

    /** Cost 4, the least bcrypt takes: the test checks the protocol, not the hash's strength. */
    private static final String WATCH = BCrypt.withDefaults().hashToString(4, "watch-pass".toCharArray());
    private static final String ONCALL = BCrypt.withDefaults().hashToString(4, "oncall-pass".toCharArray());
    private static final String PARKED = "AAA001-20261206T030000000-0001__01-ubl-ministere-livree.xml";

    @TempDir
    Path root;

    @TempDir
    Path profile;

    @Test
    void theBadgeNamesTheFailingCheckAndAWriterRetriesTheParkedFlow() throws Exception {
        // Passwords valid 20 days: a technical user's expires within the 30 days the API warns of.
        Map<String, String> settings = Map.of("chorus.api.password-days", "20", "chorus.http.user", "watch",
                "chorus.http.password-hash", WATCH, "chorus.http.accounts", "oncall:write:" + ONCALL);
        try (RunningEngine engine = RunningEngine.start(root, settings, OpsActionsTest.basic("watch", "watch-pass"))) {
            Path parked = Files.createDirectories(engine.engine().folders().failed().resolve("AAA001"));
            Files.copy(RunningEngine.SAMPLES.resolve("in/AAA001/01-ubl-ministere-livree.xml"), parked.resolve(PARKED));
            Files.writeString(parked.resolve(PARKED + Folders.REPORT_SUFFIX),
                    "not processed after 3 attempts: java.nio.file.FileSystemException: No space left on device\nmore lines\n");
            new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(20), Duration.ofDays(30), 5,
                    Duration.ofMinutes(15)), Clock.systemUTC()).create("AAA001", "aaa-erp");
            ChromeDriver browser = HeadlessChromium.start(profile, 1400, 900);
            try {
                signIn(browser, "watch", "watch-pass");
                browser.get(engine.uri("/").toString());
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("health"), "not ready"));
                String badge = browser.findElement(By.id("health")).getText();
                assertTrue(badge.startsWith("not ready: chorus-parked-flows (1 flow(s) parked in failed/, each beside its report,"
                        + " the first AAA001/" + PARKED + ")"), badge);
                assertTrue(browser.findElement(By.id("health")).getAttribute("class").contains("down"));
                // Needs attention, first on the page: the parked flow with its report's first line, then the password.
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("attention"), "aaa-erp"));
                List<WebElement> items = browser.findElements(By.cssSelector("#attention li"));
                assertEquals(2, items.size(), () -> browser.findElement(By.id("attention")).getText());
                assertTrue(items.get(0).getText().startsWith("flow parked: failed/AAA001/" + PARKED), items.get(0).getText());
                assertTrue(items.get(0).getText().contains("not processed after 3 attempts: java.nio.file.FileSystemException: No space"
                        + " left on device. Once the cause is gone, retry it (an account with the write role), or move it back"
                        + " into in/AAA001/"), items.get(0).getText());
                assertTrue(items.get(1).getText().startsWith("the password of aaa-erp (partner AAA001) expires on "), items.get(1).getText());
                assertTrue(items.get(1).getText().contains("partner technical-user reset aaa-erp"), items.get(1).getText());

                // A reader: no action offered, and one asked for all the same is refused.
                assertEquals("watch: read-only", browser.findElement(By.id("me")).getText());
                assertEquals(List.of(), browser.findElements(By.cssSelector("#attention button.action")));
                HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                engine.uri("/api/ops/v1/parked-flows/AAA001-20261206T030000000-0001/retry"))
                        .header("Authorization", OpsActionsTest.basic("watch", "watch-pass")).header("X-Chorus-Action", "retry")
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(403, refused.statusCode(), refused.body());

                // A writer retries it from the page: delivered, the page ready again, the action audited with its account.
                signIn(browser, "oncall", "oncall-pass");
                browser.get(engine.uri("/").toString());
                WebElement retry = new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.elementToBeClickable(By.cssSelector("#attention button.action")));
                assertEquals("oncall: may retry parked flows", browser.findElement(By.id("me")).getText());
                // What the docs show of a page with something wrong on it (docs/web-page-not-ready.png is one of these).
                Files.write(Path.of("target", "web-page-not-ready.png"), browser.getScreenshotAs(OutputType.BYTES));
                retry.click();
                new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.textToBePresentInElementLocated(
                        By.id("action-result"), "Flow AAA001-20261206T030000000-0001 moved back into in/AAA001/01-ubl-ministere-livree.xml"));
                engine.awaitFlows(1);
                // What the console said while the engine was not ready (its health answered 503) is read and left behind.
                HeadlessChromium.consoleErrors(browser);
                browser.get(engine.uri("/").toString());
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("health"), "ready"));
                new WebDriverWait(browser, Duration.ofSeconds(20))
                        .until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("#actions tbody"), "DONE"));
                List<WebElement> actions = browser.findElements(By.cssSelector("#actions tbody tr"));
                assertEquals(2, actions.size(), () -> browser.findElement(By.id("actions")).getText());
                assertTrue(actions.get(0).getText().contains("oncall") && actions.get(0).getText().contains("retry-parked-flow")
                        && actions.get(0).getText().contains("moved failed/AAA001/" + PARKED), actions.get(0).getText());
                assertTrue(actions.get(1).getText().contains("watch") && actions.get(1).getText().contains("REFUSED"),
                        actions.get(1).getText());
                assertTrue(browser.findElement(By.cssSelector("#flows tbody")).getText().contains("01-ubl-ministere-livree.xml"),
                        browser.findElement(By.cssSelector("#flows tbody")).getText());
                // The page's console, since the last load of a ready engine: not one error.
                assertEquals(List.of(), HeadlessChromium.consoleErrors(browser));
            } finally {
                browser.quit();
            }
        }
    }

    /** The page's requests carry this account's credentials: Chromium has no dialog to type them in, headless. */
    private static void signIn(ChromeDriver browser, String login, String password) {
        browser.executeCdpCommand("Network.enable", Map.of());
        browser.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers",
                Map.of("Authorization", OpsActionsTest.basic(login, password))));
    }
}
