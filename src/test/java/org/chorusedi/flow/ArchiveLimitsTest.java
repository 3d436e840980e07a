package org.chorusedi.flow;

import static org.chorusedi.support.ExpandingFlows.gzip;
import static org.chorusedi.support.ExpandingFlows.letters;
import static org.chorusedi.support.ExpandingFlows.pad;
import static org.chorusedi.support.ExpandingFlows.paxRecordLength;
import static org.chorusedi.support.ExpandingFlows.tarEnd;
import static org.chorusedi.support.ExpandingFlows.tarFile;
import static org.chorusedi.support.ExpandingFlows.tarHeader;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.testkit.Archives;
import org.chorusedi.support.ExpandingFlows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, archive limits: archive metadata that Commons Compress would read whole (a tar's GNU long
 * names and PAX headers, a zip's central directory) is measured first and refused with F08 past
 * {@code chorus.archive.max-header-bytes}, naming the entry and the key; entries are counted against
 * {@code chorus.archive.max-entries}, a zip's before its directory is read; sparse tar entries are
 * refused. What keeps the limits is read as before.
 */
class ArchiveLimitsTest {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();
    private static final byte[] INVOICE = utf8(MINISTRY.ubl());
    private static final String HEADER_LIMIT = ", over the limit of 1048576 bytes (chorus.archive.max-header-bytes)";

    @TempDir
    Path dir;

    private FlowOutcome evaluate(Path file, Map<String, String> settings) throws IOException {
        return FlowCheck.evaluate(file, dir, settings);
    }

    /** The one F08 finding of a flow rejected as a whole. */
    private String f08(Path file, Map<String, String> settings) throws IOException {
        return FlowCheck.rejected(evaluate(file, settings), ReasonCode.F08);
    }

    private String f08(Path file) throws IOException {
        return f08(file, Map.of());
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ================================================================ tar headers

    @Test
    void aGnuLongNameOverTheHeaderLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = ExpandingFlows.tarGzWithLongName(dir.resolve("long-name.tar.gz"), 2_000_000, INVOICE);

        assertEquals("long-name.tar.gz: entry 1: its headers hold 2000513 bytes (a GNU long name of 2000001 bytes)" + HEADER_LIMIT,
                f08(file));
    }

    @Test
    void aPaxHeaderOverTheHeaderLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = ExpandingFlows.tarGzWithPaxHeader(dir.resolve("pax.tar.gz"), 2_000_000, INVOICE);
        long length = paxRecordLength("path", 2_000_000);

        assertEquals("pax.tar.gz: entry 1: its headers hold " + (512 + length) + " bytes (a PAX header of " + length + " bytes)"
                + HEADER_LIMIT, f08(file));
    }

    @Test
    void aChainOfSmallHeadersBeforeOneEntryIsHeldToTheLimitTogether() throws Exception {
        // Commons Compress follows such a chain by recursion: thousands of them would overflow its stack.
        Path file = gzip(dir.resolve("chain.tar.gz"), out -> {
            for (int i = 0; i < 5000; i++) {
                tarHeader(out, "././@LongLink", TarConstants.LF_GNUTYPE_LONGNAME, 2);
                out.write(new byte[] {'a', 0});
                pad(out, 2);
            }
            tarFile(out, "facture.xml", INVOICE);
            tarEnd(out);
        });

        long held = (1_048_576 / 514 + 1) * 514; // each header: its block and its 2 bytes of name
        assertEquals("chain.tar.gz: entry 1: its headers hold " + held + " bytes (a GNU long name of 2 bytes)" + HEADER_LIMIT, f08(file));
    }

    @Test
    void theGlobalPaxHeadersOfATarAreHeldToTheLimitTogether() throws Exception {
        Path file = gzip(dir.resolve("global.tar.gz"), out -> {
            for (int i = 1; i <= 3; i++) {
                long length = paxRecordLength("chorus.k" + i, 400_000);
                tarHeader(out, "./GlobalHead", TarConstants.LF_PAX_GLOBAL_EXTENDED_HEADER, length);
                out.write((length + " chorus.k" + i + "=").getBytes(StandardCharsets.US_ASCII));
                letters(out, 400_000);
                out.write('\n');
                pad(out, length);
                tarFile(out, "f" + i + ".xml", utf8(MINISTRY.withNumber("F-G" + i).ubl()));
            }
            tarEnd(out);
        });

        String description = f08(file);
        assertTrue(description.startsWith("global.tar.gz: entry 3: the tar's global PAX headers hold "), description);
        assertTrue(description.endsWith(HEADER_LIMIT), description);
    }

    @Test
    void sparseEntriesAreRefusedBeforeTheirMapIsRead() throws Exception {
        Path oldGnu = gzip(dir.resolve("old-gnu-sparse.tar.gz"), out -> {
            tarHeader(out, "facture.xml", TarConstants.LF_GNUTYPE_SPARSE, INVOICE.length);
            out.write(INVOICE);
            pad(out, INVOICE.length);
            tarEnd(out);
        });
        Path pax = gzip(dir.resolve("pax-sparse.tar.gz"), out -> {
            String records = record("GNU.sparse.major", "1") + record("GNU.sparse.minor", "0") + record("GNU.sparse.name", "facture.xml");
            tarHeader(out, "./PaxHeaders/facture.xml", TarConstants.LF_PAX_EXTENDED_HEADER_LC, records.length());
            out.write(records.getBytes(StandardCharsets.US_ASCII));
            pad(out, records.length());
            // a sparse map announcing far more regions than it holds: Commons Compress would read them all
            byte[] map = "99999999999\n0\n".getBytes(StandardCharsets.US_ASCII);
            tarHeader(out, "GNUSparseFile.0/facture.xml", TarConstants.LF_NORMAL, map.length);
            out.write(map);
            pad(out, map.length);
            tarEnd(out);
        });

        assertEquals("old-gnu-sparse.tar.gz: entry 1: sparse files are refused", f08(oldGnu));
        assertEquals("pax-sparse.tar.gz: entry 1: sparse files are refused", f08(pax));
    }

    private static String record(String key, String value) {
        long length = paxRecordLength(key, value.length());
        return length + " " + key + "=" + value + "\n";
    }

    @Test
    void aTarWithMoreEntriesThanTheLimitIsRefusedFoldersIncluded() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("factures/", new byte[0]);
        entries.put("factures/f1.xml", utf8(MINISTRY.withNumber("F-E1").ubl()));
        entries.put("factures/f2.xml", utf8(MINISTRY.withNumber("F-E2").ubl()));
        entries.put("factures/f3.xml", utf8(MINISTRY.withNumber("F-E3").ubl()));
        Path file = Files.write(dir.resolve("four.tar.gz"), Archives.tarGz(entries));

        assertFourEntriesAreOneTooManyForThree(file, "four.tar.gz: the tar holds entry 4");
    }

    /** An archive of four entries is refused at three at most, as {@code said}, and read at four. */
    private void assertFourEntriesAreOneTooManyForThree(Path file, String said) throws IOException {
        assertEquals(said + ", over the limit of 3 entries (chorus.archive.max-entries)", f08(file, Map.of("chorus.archive.max-entries", "3")));
        assertFalse(evaluate(file, Map.of("chorus.archive.max-entries", "4")).rejectedAsWhole(), "four entries, four at most");
    }

    @Test
    void tarHeadersWithinTheLimitAreReadAsBefore() throws Exception {
        String longName = "factures/" + "n".repeat(300) + ".xml";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (int mode : new int[] {TarArchiveOutputStream.LONGFILE_GNU, TarArchiveOutputStream.LONGFILE_POSIX}) {
                out.setLongFileMode(mode);
                byte[] invoice = utf8(MINISTRY.withNumber("F-L" + mode).ubl());
                TarArchiveEntry entry = new TarArchiveEntry(longName + mode);
                entry.setSize(invoice.length);
                out.putArchiveEntry(entry);
                out.write(invoice);
                out.closeArchiveEntry();
            }
        }
        FlowOutcome outcome = evaluate(Files.write(dir.resolve("long-names.tar.gz"), bytes.toByteArray()), Map.of());

        assertFalse(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(2, outcome.invoices().size());
    }

    // ================================================================ zip central directory

    @Test
    void aZipWhoseDirectoryClaimsMoreEntriesThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            entries.put("f" + i + ".xml", utf8(MINISTRY.withNumber("F-Z" + i).ubl()));
        }
        Path file = Files.write(dir.resolve("four.zip"), Archives.zip(entries));

        assertFourEntriesAreOneTooManyForThree(file, "four.zip: the central directory claims 4 entries");
    }

    @Test
    void aZipWhoseDirectoryHoldsMoreEntriesThanItClaimsIsRefusedBeforeItIsRead() throws Exception {
        Path file = ExpandingFlows.zipWithDirectory(dir.resolve("understated.zip"), 1001, 5, 0, 0);

        assertEquals("understated.zip: the central directory lists entry 1001, over the limit of 1000 entries (chorus.archive.max-entries)",
                f08(file));
    }

    @Test
    void aZipWhoseDirectoryIsOverTheHeaderLimitIsRefusedBeforeItIsRead() throws Exception {
        Path file = ExpandingFlows.zipWithDirectory(dir.resolve("large-directory.zip"), 20, 65_535, 0, 0);

        assertEquals("large-directory.zip: the central directory claims " + 20 * (46 + 65_535) + " bytes" + HEADER_LIMIT, f08(file));
    }

    @Test
    void aZip64EndRecordClaimingMoreEntriesThanTheLimitIsRefused() throws Exception {
        byte[] zip = zip64();
        int record = lastIndexOf(zip, new byte[] {'P', 'K', 6, 6});
        assertTrue(record > 0, "a zip64 end record");
        ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN).putLong(record + 32, 1_000_000_000_000L);

        assertEquals("zip64.zip: the central directory claims 1000000000000 entries, over the limit of 1000 entries (chorus.archive.max-entries)",
                f08(Files.write(dir.resolve("zip64.zip"), zip)));
    }

    /** A zip of the invoice in the zip64 form: its end record, a locator and a zip64 end record. */
    private static byte[] zip64() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(bytes)) {
            out.setUseZip64(Zip64Mode.Always);
            out.putArchiveEntry(new ZipArchiveEntry("f.xml"));
            out.write(INVOICE);
            out.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static int lastIndexOf(byte[] bytes, byte[] sought) {
        for (int at = bytes.length - sought.length; at >= 0; at--) {
            if (java.util.Arrays.equals(bytes, at, at + sought.length, sought, 0, sought.length)) {
                return at;
            }
        }
        return -1;
    }

    @Test
    void aZip64WithinTheLimitsIsReadAsBefore() throws Exception {
        FlowOutcome outcome = evaluate(Files.write(dir.resolve("zip64-ok.zip"), zip64()), Map.of());

        assertFalse(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(List.of(1), outcome.invoices().stream().map(i -> i.invoice().index()).toList());
    }
}
