package org.chorusedi.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The kit's directory of public structures and partner registry, ready to be imported by an engine under
 * test: the structures {@link org.chorusedi.generator.InvoiceTemplate} sends to, each with the rules it
 * stands for (service code or engagement required, inactive...), and the partners that send for its
 * supplier (AAA001 and BBB002, connected in emission) or receive for those structures (MIN001, VIL001...).
 */
public final class TestDirectory {

    /** The files, in the kit's jar beside this class: directory.csv, then partenaires.csv. */
    public static final List<String> FILES = List.of("directory.csv", "partenaires.csv");

    private TestDirectory() {
    }

    /** Copies both files into an engine's {@code directory/} folder, where the engine imports them. */
    public static void copyInto(Path directoryFolder) throws IOException {
        Files.createDirectories(directoryFolder);
        for (String name : FILES) {
            try (InputStream csv = TestDirectory.class.getResourceAsStream(name)) {
                Files.copy(csv, directoryFolder.resolve(name));
            }
        }
    }
}
