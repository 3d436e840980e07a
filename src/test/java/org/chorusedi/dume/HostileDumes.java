package org.chorusedi.dume;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** DUMEs made to harm a reader, written where a test asks: each must be refused without harm. */
public final class HostileDumes {

    static final String OPEN = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<QualificationApplicationRequest xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:QualificationApplicationRequest-2\""
            + " xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">\n";

    private HostileDumes() {
    }

    /** A 50 MB DUME: a request whose note is 50 MB of text. */
    public static Path fiftyMegabytes(Path folder) throws IOException {
        Path file = folder.resolve("fifty-megabytes.xml");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write((OPEN + "<cbc:Note>").getBytes(StandardCharsets.UTF_8));
            byte[] line = "DUME ".repeat(200).getBytes(StandardCharsets.US_ASCII);
            for (long written = 0; written < 50L * 1024 * 1024; written += line.length) {
                out.write(line);
            }
            out.write("</cbc:Note></QualificationApplicationRequest>\n".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /** Billion laughs: entities that expand to gigabytes, through a DOCTYPE. */
    public static Path billionLaughs(Path folder) throws IOException {
        StringBuilder doctype = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doctype.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        doctype.append("]>\n");
        return write(folder, "billion-laughs.xml", doctype + OPEN.substring(OPEN.indexOf('\n') + 1)
                + "<cbc:ID>&lol9;</cbc:ID></QualificationApplicationRequest>\n");
    }

    /** XXE: an external entity that would read a local file into the page. */
    public static Path externalEntity(Path folder, Path secret) throws IOException {
        return write(folder, "xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE r [<!ENTITY secret SYSTEM \"" + secret.toUri() + "\">]>\n"
                + OPEN.substring(OPEN.indexOf('\n') + 1) + "<cbc:ID>&secret;</cbc:ID></QualificationApplicationRequest>\n");
    }

    /** 100,000 nested elements: a parser that recursed, or a tree without a bound, would fall over. */
    public static Path deepNesting(Path folder) throws IOException {
        int depth = 100_000;
        return write(folder, "deep.xml", OPEN + "<cbc:Note>".repeat(depth) + "</cbc:Note>".repeat(depth)
                + "</QualificationApplicationRequest>\n");
    }

    private static Path write(Path folder, String name, String content) throws IOException {
        return Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
