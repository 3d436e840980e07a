package org.chorusedi.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/**
 * Directory files for tests: FAR37 text, and the hostile files that must never hold the engine up (the
 * test directory and partner registry are the kit's: {@link org.chorusedi.testkit.TestDirectory}).
 */
public final class DirectoryFiles {

    private DirectoryFiles() {
    }

    /**
     * A FULL of one structure with that many services, all valid: beyond PostgreSQL's 65,535 bind
     * parameters when the services are more than that.
     */
    public static Path far37ManyServices(Path file, int services) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(Far37Text.header("FULL", null, 1));
            String structure = Far37Text.structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z", "");
            out.write(structure, 0, structure.length() - "</Structure>\n".length());
            for (int i = 0; i < services; i++) {
                out.write(Far37Text.service(String.format("S%06d", i), "ACTIF"));
            }
            out.write("</Structure>\n</FAR37>\n");
        }
        return file;
    }

    /**
     * About 30 KB of gzip whose one Structure holds millions of elements (some 32 MB of XML), in services
     * of 100,000 elements each: within the parser's limit of children for one element.
     */
    public static Path far37MillionsOfElements(Path file) throws IOException {
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file), 1 << 16)) {
            String structure = Far37Text.structure("21750001600019", "Ville", "ACTIF", "2025-01-01T00:00:00Z", "");
            out.write((Far37Text.header("FULL", null, 1) + structure.substring(0, structure.length() - "</Structure>\n".length()))
                    .getBytes(StandardCharsets.UTF_8));
            byte[] service = ("<Service>" + "<a/>".repeat(100_000) + "</Service>").getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 80; i++) {
                out.write(service);
            }
            out.write("</Structure>\n</FAR37>\n".getBytes(StandardCharsets.UTF_8));
        }
        return file;
    }

    /**
     * A CSV file whose quote is never closed, followed by about {@code bytes} of short lines: one field of
     * the rest of the file, which the parser would keep whole (a non-Latin-1 character first, so two bytes
     * a character in memory).
     */
    public static Path csvUnterminatedQuote(Path file, long bytes) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,ej_ou_code_service,"
                    + "statut_mise_en_paiement_non_remonte,moa\n");
            out.write("33000000000011,\"€ Structure sans fin,true,false,false,false,false,false\n");
            String line = "x".repeat(99) + "\n";
            for (long written = 0; written < bytes; written += line.length()) {
                out.write(line);
            }
        }
        return file;
    }
}
