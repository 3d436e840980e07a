package org.chorusedi.config;
import org.chorusedi.engine.EngineSettings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The order of the sources a test can give in this JVM (the environment and -D: ConfigurationSourcesIT). */
class ConfigurationTest {

    @TempDir
    Path dir;

    @Test
    void theFileWinsOverTheJarAndTheCommandLineOverTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("chorus-edi.properties"),
                "chorus.flow.max-invoices = 20\nchorus.intake.threads = 3\ncamel.main.shutdown-timeout = 5\n");

        Configuration configuration = Configuration.load(file, Map.of("chorus.intake.threads", "4"));

        assertEquals(20, EngineSettings.read(configuration).flow().maxInvoices(), "the file over the jar");
        assertEquals("4", configuration.value("chorus.intake.threads"), "the command line over the file");
        assertEquals("10", configuration.value("chorus.validation.max-errors"), "the jar's default");
        assertEquals("5", configuration.properties().getProperty("camel.main.shutdown-timeout"), "Camel's keys too");
        assertEquals(Path.of("edi-data").toAbsolutePath(), EngineSettings.read(configuration).root(), "a relative root: from the working folder");
    }

    @Test
    void aBadValueNamesItsKeyAndWhatItExpects() {
        assertMessage("chorus.flow.max-bytes: '1G' is not a whole number from 1", "chorus.flow.max-bytes", "1G");
        assertMessage("chorus.intake.threads: '0' is not a whole number from 1", "chorus.intake.threads", "0");
        assertMessage("chorus.routes.folder: 'no-such-folder' is not an existing folder", "chorus.routes.folder", "no-such-folder");
        assertMessage("chorus.engine-partner-code: 'CPP-001' is not a partner code (3 to 8 letters and digits)",
                "chorus.engine-partner-code", "CPP-001");
        assertMessage("chorus.log.format: 'xml' is not one of text, json", "chorus.log.format", "xml");
        assertMessage("chorus.flow.max-invoices: '3000000000' is not a whole number from 1 to 2147483647",
                "chorus.flow.max-invoices", "3000000000");
    }

    @Test
    void aMisspeltKeyIsWarnedAboutWithTheLikelyOne() throws Exception {
        Path file = Files.writeString(dir.resolve("my.properties"),
                "chorus.flow.max-invoice = 3\nchorus.far37.subscriber.AAA001.gzip = true\nchorus.far37.subscriber.AAA001.gzp = true\n");

        List<String> warnings = Configuration.load(file, Map.of("chorus.no.such.thing", "1", "chorus.db.password", "x")).warnings();

        assertEquals(List.of(
                "unknown configuration key chorus.far37.subscriber.AAA001.gzp (ignored)",
                "unknown configuration key chorus.flow.max-invoice (ignored): did you mean chorus.flow.max-invoices?",
                "unknown configuration key chorus.no.such.thing (ignored)",
                "chorus.db.password is given on the command line, where every user of the machine sees it: give it in the"
                        + " configuration file or as CHORUS_DB_PASSWORD"), warnings);
    }

    @Test
    void aConfigurationFileThatCannotBeReadStopsTheCommand() {
        InvalidSetting e = assertThrows(InvalidSetting.class, () -> Configuration.load(dir.resolve("missing.properties"), Map.of()));
        assertTrue(e.getMessage().contains("missing.properties cannot be read"), e.getMessage());
    }

    private static void assertMessage(String expected, String key, String value) {
        InvalidSetting e = assertThrows(InvalidSetting.class, () -> EngineSettings.read(Configuration.of(Map.of(key, value))));
        assertEquals(expected, e.getMessage());
    }
}
