package org.chorusedi.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.chorusedi.dume.EspdExamples;
import org.chorusedi.dume.HostileDumes;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code dume show FILE}: the page of a DUME, or what is wrong with it, and the exit status. */
@Tag("h2-only")
class DumeShowCommandTest {

    @TempDir
    Path folder;

    record Result(int status, String out, String err) {
    }

    static Result show(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int status = ChorusEdi.execute(Stream.concat(Stream.of("dume", "show"), Stream.of(args)).toArray(String[]::new));
            return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
    }

    private static Path resource(String name) {
        return Path.of("src/test/resources/dume", name);
    }

    private static long criteriaShown(String page) {
        return page.split("<section class=\"criterion\"", -1).length - 1;
    }

    @ParameterizedTest
    @FieldSource("org.chorusedi.dume.EspdExamples#VALID")
    void aPublicEspdExampleIsShownWithEachOfItsCriteria(String name) throws IOException {
        Path example = EspdExamples.example(name);

        Result result = show(example.toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().startsWith("<!DOCTYPE html>\n<html lang=\"fr\">"), result.out().substring(0, 100));
        assertEquals(EspdExamples.criteriaIn(example), criteriaShown(result.out()));
        assertTrue(result.out().contains("<h2 id=\"exclusion\">Motifs d&#39;exclusion</h2>"));
        assertTrue(result.out().contains("<h2 id=\"selection\">Critères de sélection</h2>"));
    }

    @Test
    void aMadeUpResponseIsShownInEnglishWithItsAnswersEscaped() throws IOException {
        Path page = folder.resolve("page.html");

        Result result = show("--lang", "en", "--out", page.toString(), resource("response-martin.xml").toString());

        assertEquals(0, result.status(), result.err());
        assertEquals("", result.out());
        String html = Files.readString(page);
        assertTrue(html.startsWith("<!DOCTYPE html>\n<html lang=\"en\">"));
        assertEquals(3, criteriaShown(html));
        assertTrue(html.contains("<h2 id=\"operator\">Economic operator</h2>"));
        assertTrue(html.contains("<span class=\"answer\">No</span>"), "an indicator's false reads No");
        assertTrue(html.contains("<span class=\"answer\">1850000 EUR</span>"));
        assertTrue(html.contains("Lot1 &lt;script&gt;alert(&quot;toit&quot;)&lt;/script&gt;"));
        assertFalse(html.contains("<script"), "no text of the file becomes markup");
    }

    @Test
    void aMadeUpRequestIsShownInFrenchByDefault() {
        Result result = show(resource("request-mairie.xml").toString());

        assertEquals(0, result.status(), result.err());
        assertTrue(result.out().contains("<h1>DUME : demande de l&#39;acheteur</h1>"));
        assertTrue(result.out().contains("<dd>Mairie de Villefranche-sur-Loire (fictive)</dd>"));
        assertTrue(result.out().contains("<td>250000 EUR</td>"));
        assertEquals(3, criteriaShown(result.out()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid-schema.xml", "invalid-not-a-dume.xml", "invalid-malformed.xml"})
    void aMadeUpInvalidDumeListsWhatIsWrongAtItsPlaceAndExitsOne(String name) {
        Path file = resource(name);

        Result result = show(file.toString());

        assertEquals(1, result.status());
        assertEquals("", result.out());
        assertTrue(result.err().startsWith("dume: " + file + " is not a valid DUME (nothing written):\n" + file + ":"), result.err());
        assertTrue(result.err().lines().skip(1).allMatch(line -> line.matches("\\Q" + file + "\\E:\\d+:\\d+: .+")), result.err());
    }

    @Test
    void aFiftyMegabyteFileIsRefusedByItsSize() throws IOException {
        Path big = HostileDumes.fiftyMegabytes(folder);

        Result result = show(big.toString());

        assertEquals(1, result.status());
        assertTrue(result.err().contains(big + ": the file is " + Files.size(big) + " bytes, over the 8388608 bytes"), result.err());
    }

    @Test
    void billionLaughsAreRefused() throws IOException {
        Result result = show(HostileDumes.billionLaughs(folder).toString());

        assertEquals(1, result.status());
        assertTrue(result.err().contains("DOCTYPE"), result.err());
    }

    @Test
    void aLanguageOtherThanFrenchOrEnglishIsAUsageError() {
        Result result = show("--lang", "de", resource("request-mairie.xml").toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains("--lang: fr or en, not de"), result.err());
    }

    @Test
    void aMissingFileIsAUsageError() {
        Result result = show(folder.resolve("none.xml").toString());

        assertEquals(2, result.status());
        assertTrue(result.err().contains("no such file"), result.err());
    }
}
