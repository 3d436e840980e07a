package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 9: a sender's file name never reaches a log line raw: no forged line, no terminal escape. */
class ProgressTest {

    @Test
    void theFileNameIsLoggedWithItsControlCharactersEscaped() {
        String name = "flow\nINFO forged line \u001b[31m.xml";
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        try {
            new Progress(name, 2_000_000, () -> 1_000_000, 0).invoiceDone(3);
        } finally {
            System.setErr(stderr);
        }

        List<String> lines = logged.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(1, lines.size(), () -> "one line: " + lines);
        assertTrue(lines.get(0).contains("flow\\x0AINFO forged line \\x1B[31m.xml: 1 MB of 2 MB read, 3 invoice(s)"), lines.get(0));
    }
}
