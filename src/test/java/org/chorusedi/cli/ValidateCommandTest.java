package org.chorusedi.cli;

import org.chorusedi.testkit.FolderFiles;
import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.generator.FacturXWriter;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.support.SharedReference;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code validate FILE}: the engine's decision, printed as a flow report, with its exit status. */
// Reads files with no database of the pass's own (the root's H2 at most): once, in the H2 pass (.ci/run).
@Tag("h2-only")
class ValidateCommandTest {

    @TempDir
    Path folder;

    /** What one run of the command printed and returned. */
    record Result(int status, String out) {
    }

    static Result validate(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            String[] command = Stream.concat(Stream.of("validate"), Stream.of(args)).toArray(String[]::new);
            int status = ChorusEdi.execute(command);
            return new Result(status, out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    /** A root whose directory and partner registry are the tests' (src/test/resources), imported. */
    private Path rootWithDirectory() throws Exception {
        Path root = folder.resolve("root");
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            engine.directoryDrop().importPending();
        }
        return root;
    }

    @Test
    void withTheDirectoryOfARootAGoodInvoiceWouldBeDeliveredAndExitsZero() throws Exception {
        Path root = rootWithDirectory();
        Path invoice = InvoiceTemplate.toMinistry().writeUbl(folder.resolve("AAA001/invoice.xml"));

        Result result = validate("--root", root.toString(), invoice.toString());

        assertEquals(0, result.status(), result.out());
        assertTrue(result.out().contains("<IdStatut>92</IdStatut>"), result.out());
        assertTrue(result.out().contains("<Id>AAA001</Id>"), "the partner comes from the file's folder");
        assertEquals(List.of(), FolderFiles.under(root.resolve("out")), "validate publishes nothing");
        assertTrue(Files.exists(invoice), "validate leaves the file where it is");
    }

    @Test
    void aPlainPdfIsRecognisedAndWhatWasReadIsPrintedBesideTheReport() throws Exception {
        Path root = rootWithDirectory();
        Path pdf = PdfInvoiceWriter.write(folder.resolve("AAA001/facture.pdf"), PdfInvoiceWriter.Layout.HEADER_BLOCKS, 0).file();
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Result result;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            result = validate("--root", root.toString(), pdf.toString());
        } finally {
            System.setErr(original);
        }

        assertEquals(0, result.status(), result.out());
        String read = err.toString(StandardCharsets.UTF_8);
        assertTrue(read.startsWith("What chorus-edi read in facture.pdf"), read);
        assertTrue(read.contains("the recipient's SIRET (BT-47): " + InvoiceTemplate.MINISTRY), read);
    }

    @Test
    void anMoesStatementAnsweringNoDraftOfTheRootsLedgerGetsI31() throws Exception {
        Path root = folder.resolve("works-root");
        try (Engine engine = Engine.open(EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString()))))) {
            TestDirectory.copyInto(engine.folders().directory());
            Path partners = engine.folders().directory().resolve("partenaires.csv");
            Files.writeString(partners, Files.readString(partners).stripTrailing() + "\nMOE001,Maîtrise d'œuvre,true,EMISSION,"
                    + "41234567000019\n");
            Files.writeString(engine.folders().directory().resolve("marches.csv"), "numero_marche,role,identifiant,engagements\n"
                    + "M-V,MOA," + InvoiceTemplate.CITY + ",\nM-V,MOE,41234567000019,\nM-V,TITULAIRE," + InvoiceTemplate.SUPPLIER + ",\n");
            engine.directoryDrop().importPending();
        }
        Path statement = InvoiceTemplate.toMinistry().withRecipient(InvoiceTemplate.CITY).withServiceCode(null).withContract("M-V")
                .withFramework("A15").withNumber("EA-1").answering("DM-1").writeUbl(folder.resolve("MOE001/etat.xml"));

        Result result = validate("--root", root.toString(), statement.toString());

        assertEquals(1, result.status(), result.out());
        assertTrue(result.out().contains("<CodeErreur>I31</CodeErreur>"), result.out());
        assertTrue(result.out().contains("document 'DM-1' (BT-25) of supplier " + InvoiceTemplate.SUPPLIER + " on market M-V: no such document"
                + " was delivered"), result.out());
    }

    @Test
    void aFacturXPdfGetsTheEnginesVerdictOnItsEmbeddedInvoice() throws Exception {
        Path root = rootWithDirectory();
        Path pdf = FacturXWriter.write(InvoiceTemplate.toMinistry(), folder.resolve("AAA001/facture.pdf"));
        byte[] bytes = Files.readAllBytes(pdf);
        Path truncated = Files.write(folder.resolve("AAA001/tronque.pdf"), Arrays.copyOf(bytes, bytes.length - 200));

        Result delivered = validate("--root", root.toString(), pdf.toString());
        Result rejected = validate("--root", root.toString(), truncated.toString());

        assertEquals(0, delivered.status(), delivered.out());
        assertTrue(delivered.out().contains("<IdStatut>92</IdStatut>"), delivered.out());
        assertEquals(1, rejected.status(), rejected.out());
        assertTrue(rejected.out().contains("<CodeErreur>F12</CodeErreur>"), rejected.out());
        assertEquals(List.of(), FolderFiles.under(root.resolve("out")), "validate publishes nothing");
    }

    @Test
    void withoutARootTheRecipientIsUnknownAndExitsOne() throws Exception {
        Path invoice = InvoiceTemplate.toMinistry().writeCii(folder.resolve("invoice.xml"));

        Result result = validate(invoice.toString());

        assertEquals(1, result.status());
        assertTrue(result.out().contains("<CodeErreur>I03</CodeErreur>"), result.out());
        assertTrue(result.out().contains("<Id>VALIDATE</Id>"), result.out());
        assertFalse(result.out().contains("<CodeErreur>I19</CodeErreur>"), "no registry: no emission check " + result.out());
    }

    @Test
    void withARootTheEmissionCheckGivesTheEnginesVerdictUnlessTurnedOff() throws Exception {
        Path root = rootWithDirectory();
        Path notConnected = InvoiceTemplate.toMinistry().withSupplier("35600000049837").writeUbl(folder.resolve("AAA001/other.xml"));
        Path unknownPartner = InvoiceTemplate.toMinistry().writeUbl(folder.resolve("ZZZ999/invoice.xml"));

        Result rejected = validate("--root", root.toString(), notConnected.toString());
        Result unknown = validate("--root", root.toString(), unknownPartner.toString());
        Result off = validate("--root", root.toString(), "-Dchorus.partners.emission-check=false", notConnected.toString());

        assertEquals(1, rejected.status(), rejected.out());
        assertTrue(rejected.out().contains("<CodeErreur>I18</CodeErreur>"), rejected.out());
        assertTrue(rejected.out().contains("supplier SIRET 35600000049837 is not connected in emission to partner AAA001"),
                rejected.out());
        assertEquals(1, unknown.status(), unknown.out());
        assertTrue(unknown.out().contains("<CodeErreur>I19</CodeErreur>"), unknown.out());
        assertEquals(0, off.status(), off.out());
    }

    @Test
    void aHostileFileIsReportedNotFollowed() throws Exception {
        Path xxe = Files.writeString(folder.resolve("xxe.xml"),
                "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/hostname\">]><r>&x;</r>");

        Result result = validate(xxe.toString());

        assertEquals(1, result.status());
        assertTrue(result.out().contains("<CodeErreur>" + ReasonCode.F04 + "</CodeErreur>"), result.out());
    }

    @Test
    void usageErrorsExitTwo() throws Exception {
        Path invoice = InvoiceTemplate.toMinistry().writeUbl(folder.resolve("invoice.xml"));
        assertEquals(2, validate().status(), "no file");
        assertEquals(2, validate(folder.resolve("missing.xml").toString()).status(), "a file that does not exist");
        assertEquals(2, validate("--partner", "X", invoice.toString()).status(), "a partner code that is no partner code");
    }

    static Stream<Path> corpus() throws Exception {
        try (Stream<Path> walk = Files.walk(SharedReference.require(SharedReference.CORPUS))) {
            List<Path> files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
            assertEquals(62, files.size(), "the corpus holds 62 invoices");
            return files.stream();
        }
    }

    /** Each EN 16931 example passes the XSD, is rejected at routing, and the report is valid CPPStatut. */
    @ParameterizedTest
    @MethodSource("corpus")
    void everyEn16931ExamplePassesTheSchemaAndIsRejectedAtRouting(Path invoice) throws Exception {
        Result result = validate(invoice.toString());

        assertEquals(1, result.status(), result.out());
        assertTrue(result.out().contains("<NatureErreur>FACTURE</NatureErreur>"), result.out());
        assertTrue(!result.out().contains("<NatureErreur>FLUX</NatureErreur>"), "the XSD step passes: " + result.out());
        assertTrue(result.out().matches("(?s).*<CodeErreur>I0[123]</CodeErreur>.*"), result.out());
        SharedReference.assertValidCppStatut(result.out().getBytes(StandardCharsets.UTF_8));
    }

}
