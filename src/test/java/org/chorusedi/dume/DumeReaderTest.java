package org.chorusedi.dume;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.dume.Dume.Criterion;
import org.chorusedi.dume.Dume.Family;
import org.chorusedi.dume.Dume.Property;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a DUME: what it says, and every way it is refused, hostile ones included. */
@Tag("h2-only")
class DumeReaderTest {

    @TempDir
    Path folder;

    private final DumeReader reader = new DumeReader(EngineSettings.read(Configuration.of(Map.of())).flow().xml());

    static Path resource(String name) {
        return Path.of("src/test/resources/dume", name);
    }

    @Test
    void aRequestSaysItsProcedureItsBuyerAndItsCriteriaByFamily() throws IOException {
        Dume dume = reader.read(resource("request-mairie.xml")).dume().orElseThrow();

        assertEquals(Dume.Kind.REQUEST, dume.kind());
        assertEquals("AB12CD34", dume.id());
        assertEquals("2026-TRX-0042", dume.procedure().reference().orElseThrow());
        assertEquals("Réfection de la toiture de l'école Jules-Ferry", dume.procedure().title().orElseThrow());
        assertEquals(List.of("Lot1"), dume.procedure().lots());
        assertEquals("Mairie de Villefranche-sur-Loire (fictive)", dume.buyer().name().orElseThrow());
        assertEquals(List.of("21000000000017"), dume.buyer().identifiers());
        assertTrue(dume.economicOperator().isEmpty(), "a request has no economic operator");
        assertEquals(List.of(Family.EXCLUSION, Family.SELECTION, Family.OTHER), dume.criteria().stream().map(Criterion::family).toList());
        Property required = dume.criteria().get(1).groups().get(0).properties().get(0);
        assertEquals("250000 EUR", required.expected().orElseThrow());
        assertEquals("ONTRUE", dume.criteria().get(0).groups().get(0).subgroups().get(0).condition().orElseThrow());
    }

    @Test
    void aResponseLinksEachAnswerToThePropertyItAnswers() throws IOException {
        Dume dume = reader.read(resource("response-martin.xml")).dume().orElseThrow();

        assertEquals(Dume.Kind.RESPONSE, dume.kind());
        assertEquals("Couverture Martin & Fils <fictive>", dume.economicOperator().orElseThrow().name().orElseThrow());
        assertEquals(List.of("false"), dume.criteria().get(0).groups().get(0).properties().get(0).answers());
        assertEquals(List.of(), dume.criteria().get(0).groups().get(0).subgroups().get(0).properties().get(0).answers(),
                "no date of conviction: none was given");
        assertEquals(List.of("1850000 EUR", "2025-01-01 – 2025-12-31"),
                dume.criteria().get(1).groups().get(0).properties().get(1).answers());
    }

    @Test
    void aDumeThatBreaksTheSchemaIsRefusedWithEachErrorAtItsPlace() throws IOException {
        DumeReader.Reading reading = reader.read(resource("invalid-schema.xml"));

        assertTrue(reading.dume().isEmpty());
        List<DumeProblem> problems = reading.problems();
        assertTrue(problems.stream().anyMatch(p -> p.line() == 9 && p.message().contains("'20 novembre 2026' is not a valid value")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.line() == 83 && p.message().contains("Colour")), problems.toString());
        assertTrue(problems.stream().allMatch(p -> p.line() > 0 && p.column() > 0), problems.toString());
    }

    @Test
    void anotherDocumentIsNotADume() throws IOException {
        List<DumeProblem> problems = reader.read(resource("invalid-not-a-dume.xml")).problems();

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).message().startsWith("not a DUME: its root element is {urn:oasis:names:specification:ubl:schema:xsd:Invoice-2}Invoice"),
                problems.toString());
    }

    @Test
    void aFileCutShortIsRefusedWhereItEnds() throws IOException {
        List<DumeProblem> problems = reader.read(resource("invalid-malformed.xml")).problems();

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(7, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("Unexpected EOF"), problems.toString());
    }

    @Test
    void aFileOfFiftyMegabytesIsRefusedByItsSizeUnread() throws IOException {
        Path big = HostileDumes.fiftyMegabytes(folder);

        List<DumeProblem> problems = reader.read(big).problems();

        assertEquals(List.of(new DumeProblem(0, 0, "the file is " + Files.size(big) + " bytes, over the 8388608 bytes (8 MB) a DUME may be")),
                problems);
    }

    @Test
    void aStreamLongerThanTheLimitIsReadNoFurtherThanIt() throws IOException {
        long[] read = {0};
        InputStream endless = new FilterInputStream(InputStream.nullInputStream()) {
            @Override
            public int read(byte[] bytes, int offset, int length) {
                read[0] += length;
                return length;
            }
        };

        List<DumeProblem> problems = reader.read(endless, "endless.xml").problems();

        assertEquals(1, problems.size());
        assertTrue(problems.get(0).message().startsWith("the file is over the 8388608 bytes"), problems.toString());
        assertTrue(read[0] <= DumeReader.MAX_BYTES + 1, "read " + read[0] + " bytes");
    }

    @Test
    void billionLaughsAreRefusedAtTheirDoctypeWithoutExpandingAnything() throws IOException {
        List<DumeProblem> problems = reader.read(HostileDumes.billionLaughs(folder)).problems();

        assertEquals(1, problems.size(), problems.toString());
        assertEquals(2, problems.get(0).line());
        assertTrue(problems.get(0).message().contains("DOCTYPE"), problems.toString());
    }

    @Test
    void anExternalEntityIsNeverResolved() throws IOException {
        Path secret = Files.writeString(folder.resolve("secret.txt"), "the-secret-of-the-server");

        DumeReader.Reading reading = reader.read(HostileDumes.externalEntity(folder, secret));

        assertTrue(reading.dume().isEmpty());
        assertTrue(reading.problems().get(0).message().contains("DOCTYPE"), reading.problems().toString());
        assertFalse(reading.problems().toString().contains("the-secret-of-the-server"));
    }

    @Test
    void deepNestingIsRefusedAtTheParsersDepthLimit() throws IOException {
        List<DumeProblem> problems = reader.read(HostileDumes.deepNesting(folder)).problems();

        assertTrue(problems.stream().anyMatch(p -> p.message().contains("Maximum Element Depth limit (500) Exceeded")), problems.toString());
    }

    @Test
    void tooManyElementsAreRefusedBeforeTheTreeGrowsPastItsBound() throws IOException {
        Path many = Files.writeString(folder.resolve("many.xml"), HostileDumes.OPEN + "<cbc:Note/>".repeat(DumeReader.MAX_ELEMENTS)
                + "</QualificationApplicationRequest>", StandardCharsets.UTF_8);

        List<DumeProblem> problems = reader.read(many).problems();

        assertEquals(1, problems.size());
        assertEquals("more than 200000 elements: far more than a DUME holds", problems.get(0).message());
    }

    @Test
    void aDumeOfAnotherUblVersionIsRefusedSayingSo() throws IOException {
        String request = Files.readString(resource("request-mairie.xml")).replace("<cbc:UBLVersionID>2.2", "<cbc:UBLVersionID>2.1");

        List<DumeProblem> problems = reader.read(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), "ubl21.xml").problems();

        assertEquals(List.of("UBL 2.1 (cbc:UBLVersionID): a DUME is read as UBL 2.2 (the ESPD model 2.x, the French DUME's) or"
                + " UBL 2.3 (the ESPD models 3 and 4)"), problems.stream().map(DumeProblem::message).toList());
    }

    @Test
    void aDumeOfUbl23IsCheckedAgainstTheUbl23Schemas() throws IOException {
        // A criterion's lot reference is UBL 2.3's (the ESPD model 4 gives one): the 2.2 schemas refuse it, the 2.3 ones take it.
        String question = "<cbc:Description>L'opérateur économique a-t-il été condamné pour participation à une organisation"
                + " criminelle ?</cbc:Description>";
        String request = Files.readString(resource("request-mairie.xml")).replace(question, question
                + "<cac:ProcurementProjectLotReference><cbc:ID>LOT-1</cbc:ID></cac:ProcurementProjectLotReference>");
        assertTrue(request.contains("LOT-1"));

        List<DumeProblem> asUbl22 = reader.read(new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), "ubl22.xml").problems();
        DumeReader.Reading asUbl23 = reader.read(new ByteArrayInputStream(request.replace("<cbc:UBLVersionID>2.2", "<cbc:UBLVersionID>2.3")
                .getBytes(StandardCharsets.UTF_8)), "ubl23.xml");

        assertTrue(asUbl22.get(0).message().contains("ProcurementProjectLotReference"), asUbl22.toString());
        assertEquals(List.of(), asUbl23.problems());
        assertTrue(asUbl23.dume().isPresent());
    }
}
