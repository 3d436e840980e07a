package org.chorusedi.dume;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The public ESPD examples of {@code ../shared/corpus-espd/examples/} (OP-TED/ESPD-EDM, EUPL 1.2): beside the
 * project, not part of it, never copied into it. A test that reads them skips, saying so, when they are absent.
 */
public final class EspdExamples {

    /**
     * Every public example, read and shown: ESPD-EDM 2.1.1 on UBL 2.2 (the French DUME's model), ESPD-EDM 4.1.0 on
     * UBL 2.3.
     */
    public static final List<String> VALID = List.of("v2.1.1-BASIC-ESPDRequest-2.1.1.xml", "v2.1.1-BASIC-ESPDResponse-2.1.1.xml",
            "v2.1.1-EXTENDED-ESPDRequest-2.1.1.xml", "v2.1.1-EXTENDED-ESPDResponse-2.1.1.xml", "v4.1.0-ESPD-Request.xml",
            "v4.1.0-ESPD-Response.xml");

    private static final Path FOLDER = Path.of("..", "shared", "corpus-espd", "examples").toAbsolutePath().normalize();

    private EspdExamples() {
    }

    /** One example's path; the test is skipped when ../shared is not there. */
    public static Path example(String name) {
        assumeTrue(Files.isDirectory(FOLDER), "skipped: the public ESPD examples are not at " + FOLDER
                + " (../shared is beside the project, not part of it)");
        Path file = FOLDER.resolve(name);
        assumeTrue(Files.isRegularFile(file), "skipped: no public ESPD example " + file);
        return file;
    }

    /** How many criteria a DUME's XML holds, counted in its text: what its page must show. */
    public static long criteriaIn(Path file) throws java.io.IOException {
        String xml = Files.readString(file);
        return xml.split("<cac:TenderingCriterion>", -1).length - 1;
    }
}
