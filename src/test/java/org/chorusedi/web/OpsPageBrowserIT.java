package org.chorusedi.web;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.support.HeadlessChromium;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The operators' page in a real browser: Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver (never one Selenium Manager would download). Skipped, saying so, where they are not installed
 * (.ci/run installs them). Saves a screenshot as target/web-page.png (docs/web-page.png is one of them).
 */
@Tag("h2-only")
class OpsPageBrowserIT {

    @TempDir
    static Path root;

    @TempDir
    static Path profile;

    /** The single engine's node id, as chorus.cluster.node-id names it. */
    private static final String NODE = "ops-page-node";

    private static RunningEngine engine;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start(profile, 1400, 1800);
        engine = RunningEngine.start(root, Map.of("chorus.far37.subscribers", "BBB002", "chorus.cluster.node-id", NODE));
        for (String sample : List.of("01-ubl-ministere-livree.xml", "02-cii-ville-livree.xml", "15-lot-mixte-integration-partielle.xml",
                "04-rejet-I03-destinataire-inconnu.xml", "12-rejet-F03-tronque.xml", "14-rejet-F06-schema.xml")) {
            engine.drop("AAA001", sample);
        }
        engine.awaitFlows(6);
        // A works draft, which waits for its MOE (the sample market).
        Files.copy(RunningEngine.SAMPLES.resolve("directory/marches.csv"), engine.engine().folders().directory().resolve("marches.csv"));
        engine.engine().directoryDrop().importPending();
        Path in = engine.engine().folders().in().resolve("AAA001");
        Files.writeString(in.resolve("draft.part"), InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).withServiceCode(null)
                .withEngagement("1000042001").withContract("2026-TRAV-0042").withFramework("A4").withNumber("DM-PAGE").ubl());
        Files.move(in.resolve("draft.part"), in.resolve("decompte.xml"), StandardCopyOption.ATOMIC_MOVE);
        engine.awaitFlows(7);
        // A PDF draft deposited over the API, waiting for its submission (its recipient's SIRET misprinted: not complete).
        TechnicalUsers.NewPassword user = new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424),
                Duration.ofDays(30), 5, Duration.ofMinutes(15)), Clock.systemUTC()).create("AAA001", "aaa-page");
        Path pdf = PdfInvoiceWriter.write(root.resolve("brouillon.pdf"), PdfInvoiceWriter.Layout.MISPRINTED_SIRET, 0).file();
        HttpResponse<String> draft = HttpClient.newHttpClient().send(HttpRequest.newBuilder(engine.uri("/api/v1/pdf-drafts?name=brouillon.pdf"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user.login() + ":" + user.password())
                        .getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/pdf").POST(HttpRequest.BodyPublishers.ofFile(pdf)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(201, draft.statusCode(), draft.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (engine != null) {
            engine.close();
        }
    }

    @Test
    void anOperatorWatchesTheEngine() throws Exception {
        // No refresh while the page is read: a redrawn element would be a stale one (the last step refreshes every 2 s).
        browser.get(engine.uri("/?refresh=3600").toString());
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#flows tbody tr.flow"), 7));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-week rect.bar")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("health"), "ready"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("nodes"), NODE));

        List<WebElement> flows = browser.findElements(By.cssSelector("#flows tbody tr.flow"));
        List<WebElement> bars = browser.findElements(By.cssSelector("#chart-day rect.bar"));
        String table = browser.findElement(By.id("flows")).getText();
        assertAll("the flows listed, the rejections drawn",
                () -> assertTrue(table.contains("01-ubl-ministere-livree.xml") && table.contains("12-rejet-F03-tronque.xml"), table),
                () -> assertTrue(table.contains("F03") && table.contains("F06"), "a flow's rejection code is shown: " + table),
                () -> assertTrue(table.contains("I03 " + ReasonCode.I03.label()) && table.contains("F03 " + ReasonCode.F03.label()),
                        "the invoices' codes too, each with its meaning: " + table),
                () -> assertEquals("page 1 of 1 (7 flows)", browser.findElement(By.id("page-info")).getText()),
                () -> assertTrue(bars.stream().anyMatch(bar -> "I03".equals(bar.getAttribute("data-code"))), "a bar for I03"),
                () -> assertTrue(bars.stream().allMatch(bar -> Double.parseDouble(bar.getAttribute("height")) > 0), "bars with a height"),
                () -> assertTrue(browser.findElement(By.id("far37")).getText().contains("BBB002")),
                () -> assertTrue(browser.findElement(By.id("camel")).getText().contains("flow-intake file:"),
                        "Camel's own view of its routes: " + browser.findElement(By.id("camel")).getText()),
                () -> assertTrue(browser.findElement(By.id("works")).getText().contains("DM-PAGE")
                        && browser.findElement(By.id("works")).getText().contains("MOE 41234567000019"),
                        "the draft waits for its MOE: " + browser.findElement(By.id("works")).getText()),
                () -> assertEquals("The MOE has 7 days to answer a draft. None is late.", browser.findElement(By.id("works-note")).getText()),
                () -> assertTrue(browser.findElement(By.id("drafts")).getText().contains("brouillon.pdf")
                        && browser.findElement(By.id("drafts")).getText().contains("missing or doubtful: recipientSiret"),
                        "the PDF draft waits for its submission: " + browser.findElement(By.id("drafts")).getText()),
                () -> assertEquals("A draft waits 24 hours for its submission, then is deleted. 1 waiting, 0 submitted.",
                        browser.findElement(By.id("drafts-note")).getText()),
                () -> assertEquals("Nothing needs attention.", browser.findElement(By.id("attention")).getText()),
                () -> assertEquals("node " + NODE, browser.findElement(By.id("node")).getText(), "the header names the node"),
                () -> assertTrue(browser.findElement(By.id("chart-day-legend")).getText().contains("I03 " + ReasonCode.I03.label()),
                        "the codes drawn, explained: " + browser.findElement(By.id("chart-day-legend")).getText()),
                () -> assertTrue(browser.findElement(By.id("refreshed")).getText().startsWith("times in UTC (UTC on hover); refreshed at"),
                        browser.findElement(By.id("refreshed")).getText()),
                () -> assertTrue(flows.get(0).findElements(By.tagName("td")).get(6).getAttribute("title").matches("\\d{4}-.*Z \\(UTC\\)"),
                        "the UTC instant on hover: " + flows.get(0).findElements(By.tagName("td")).get(6).getAttribute("title")),
                () -> assertTrue(flows.get(0).getText().contains(NODE), "the node that decided a flow: " + flows.get(0).getText()));

        // Trends: this hour's flows by status, their durations; the same over a week.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-flows rect.s93")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-flows rect.s92")));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#chart-durations polyline.p95")));
        wait.until(ExpectedConditions.textMatches(By.id("trend-note"), Pattern.compile("Over the period: p50 [0-9.]+ s, p95 [0-9.]+ s\\.")));
        browser.findElement(By.cssSelector("input[name=trend-period][value=week]")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#chart-flows text.axis"), 5));

        // A rejected invoice's reason, in its flow's detail.
        flows.stream().filter(row -> row.getText().contains("04-rejet-I03")).findFirst().orElseThrow().click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-invoices"), "I03"));
        assertTrue(browser.findElement(By.id("detail-invoices")).getText().contains("Destinataire inconnu dans l'annuaire"),
                browser.findElement(By.id("detail-invoices")).getText());

        // The directory, by name.
        browser.findElement(By.id("d-q")).sendKeys("ville");
        browser.findElement(By.id("d-search")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("structures"), "21750001600019"));

        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "web-page.png"), browser.getScreenshotAs(OutputType.BYTES));

        // A filter: only the flows none of whose invoices was delivered.
        new Select(browser.findElement(By.id("f-outcome"))).selectByValue("93");
        browser.findElement(By.id("f-apply")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#flows tbody tr.flow"), 3));
        String filtered = browser.findElement(By.id("flows")).getText();
        assertAll("outcome 93 only",
                () -> assertTrue(!filtered.contains("01-ubl-ministere-livree.xml"), filtered),
                () -> assertTrue(filtered.contains("14-rejet-F06-schema.xml"), filtered));

        // The page refreshes itself (every 2 s from here) and keeps the operator's place: the filter applied, the flow's
        // detail open, a filter typed and not applied left alone. A new rejected flow shows up; a new delivered one does not.
        browser.get(engine.uri("/?refresh=2").toString());
        WebDriverWait steady = new WebDriverWait(browser, Duration.ofSeconds(20));
        steady.ignoring(StaleElementReferenceException.class);
        steady.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#flows tbody tr.flow"), 7));
        new Select(browser.findElement(By.id("f-outcome"))).selectByValue("93");
        browser.findElement(By.id("f-apply")).click();
        steady.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#flows tbody tr.flow"), 3));
        steady.until(d -> {
            d.findElement(By.cssSelector("#flows tbody tr.flow")).click();
            return true;
        });
        steady.until(ExpectedConditions.visibilityOfElementLocated(By.id("detail")));
        browser.findElement(By.id("f-partner")).sendKeys("BBB");
        engine.drop("AAA001", "13-rejet-F04-xxe.xml");
        engine.drop("AAA001", "03-ubl-agence-sans-code-service-livree.xml");
        engine.awaitFlows(9);
        steady.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#flows tbody tr.flow"), 4));
        String refreshed = steady.until(d -> d.findElement(By.id("flows")).getText());
        assertAll("refreshed in place",
                () -> assertTrue(refreshed.contains("13-rejet-F04-xxe.xml") && refreshed.contains("F04 " + ReasonCode.F04.label()), refreshed),
                () -> assertTrue(!refreshed.contains("03-ubl-agence-sans-code-service-livree.xml"), "still outcome 93 only: " + refreshed),
                () -> assertEquals("BBB", browser.findElement(By.id("f-partner")).getAttribute("value"), "what was being typed stays"),
                () -> assertTrue(browser.findElement(By.id("detail")).isDisplayed(), "the detail stays open"));
        // Through all of it, the browser's console logged not one error (a 404, a failed call, a script's).
        assertEquals(List.of(), HeadlessChromium.consoleErrors(browser));
    }
}
