package org.chorusedi.web;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.chorusedi.dume.EspdExamples;
import org.chorusedi.dume.HostileDumes;
import org.chorusedi.support.HeadlessChromium;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The DUME page in a real browser (Debian's headless Chromium through Debian's chromedriver, as OpsPageBrowserIT):
 * a file chosen is shown with each of its criteria, an invalid one with its errors, a 50 MB or hostile one
 * refused. Skipped, saying so, where they are not installed. Saves target/dume-page.png (docs/dume-page.png is one).
 */
@Tag("h2-only")
class DumePageBrowserIT {

    private static final Path DUMES = Path.of("src/test/resources/dume").toAbsolutePath();

    @TempDir
    static Path root;

    @TempDir
    static Path profile;

    private static RunningEngine engine;
    private static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        browser = HeadlessChromium.start(profile, 1400, 1800);
        engine = RunningEngine.start(root, Map.of());
        Path kept = Files.createDirectories(engine.engine().folders().dume());
        Files.copy(DUMES.resolve("request-mairie.xml"), kept.resolve("AB12CD34.xml"));
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

    /** Chooses the file on the page, shows it, and waits for the page's word on it. */
    private static String show(Path file, String lang) {
        browser.switchTo().defaultContent();
        browser.get(engine.uri("/dume").toString());
        new Select(browser.findElement(By.id("dume-lang"))).selectByValue(lang);
        browser.findElement(By.id("dume-file")).sendKeys(file.toString());
        browser.findElement(By.id("dume-file-show")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> {
            String said = d.findElement(By.id("dume-status")).getText();
            return said.contains("shown below") || said.contains("refused") || said.contains("not sent");
        });
        return browser.findElement(By.id("dume-status")).getText();
    }

    /** Into the frame, once its page has its heading. */
    private static void intoFrame() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.frameToBeAvailableAndSwitchToIt("dume-frame"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.presenceOfElementLocated(By.tagName("h1")));
    }

    private static void assertEachCriterionRendered(Path file) throws Exception {
        intoFrame();
        List<WebElement> criteria = browser.findElements(By.cssSelector("section.criterion"));
        assertEquals(EspdExamples.criteriaIn(file), criteria.size(), file.toString());
        for (WebElement criterion : criteria) {
            WebElement heading = criterion.findElement(By.tagName("h3"));
            assertTrue(heading.isDisplayed() && !heading.getText().isBlank(), "a criterion shows its name");
        }
    }

    @ParameterizedTest
    @FieldSource("org.chorusedi.dume.EspdExamples#VALID")
    void aPublicEspdExampleIsRenderedWithEachCriterion(String name) throws Exception {
        Path example = EspdExamples.example(name);

        String said = show(example, "fr");

        assertTrue(said.endsWith("shown below."), said);
        assertEachCriterionRendered(example);
        assertEquals("fr", browser.findElement(By.tagName("html")).getAttribute("lang"));
    }

    @Test
    void aMadeUpResponseIsRenderedWithItsAnswers() throws Exception {
        Path response = DUMES.resolve("response-martin.xml");

        String said = show(response, "en");

        assertTrue(said.endsWith("shown below."), said);
        Files.write(Path.of("target", "dume-page.png"), browser.getScreenshotAs(OutputType.BYTES));
        assertEachCriterionRendered(response);
        String page = browser.findElement(By.tagName("main")).getText();
        assertTrue(page.contains("Couverture Martin & Fils <fictive>"), page);
        assertTrue(page.contains("Lot1 <script>alert(\"toit\")</script>"), "the answer is shown as text: " + page);
        assertEquals(3, browser.findElements(By.cssSelector("h2[id=exclusion], h2[id=selection], h2[id=other]")).size());
    }

    @Test
    void aMadeUpRequestIsRenderedAndAKeptOneByItsIdentifier() throws Exception {
        Path request = DUMES.resolve("request-mairie.xml");
        assertTrue(show(request, "fr").endsWith("shown below."));
        assertEachCriterionRendered(request);

        browser.switchTo().defaultContent();
        browser.findElement(By.id("dume-id")).sendKeys("AB12CD34");
        browser.findElement(By.id("dume-id-show")).click();
        intoFrame();
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"),
                "Mairie de Villefranche-sur-Loire (fictive)"));
        assertEquals(3, browser.findElements(By.cssSelector("section.criterion")).size());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"invalid-schema.xml", "invalid-not-a-dume.xml", "invalid-malformed.xml"})
    void aMadeUpInvalidDumeShowsItsErrors(String name) {
        String said = show(DUMES.resolve(name), "fr");

        assertTrue(said.contains("refused (422)"), said);
        intoFrame();
        List<WebElement> rows = browser.findElements(By.cssSelector("#problems tbody tr"));
        assertTrue(!rows.isEmpty() && rows.stream().allMatch(row -> row.findElements(By.tagName("td")).size() == 3));
        assertEquals("DUME refusé", browser.findElement(By.tagName("h1")).getText());
    }

    @Test
    void aFiftyMegabyteDumeIsRefusedUnsent() throws Exception {
        String said = show(HostileDumes.fiftyMegabytes(root), "fr");

        assertTrue(said.contains("refused, ") && said.contains("over the 8388608 bytes (8 MB) a DUME may be; not sent."), said);
    }

    @Test
    void aHostileDumeIsRefusedWithItsReason() throws Exception {
        String said = show(HostileDumes.billionLaughs(root), "en");

        assertTrue(said.contains("refused (422)"), said);
        intoFrame();
        assertTrue(browser.findElement(By.id("problems")).getText().contains("DOCTYPE"));
    }
}
