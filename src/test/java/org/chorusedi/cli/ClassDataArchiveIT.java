package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.chorusedi.support.EngineCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive the build makes beside the jar (target/chorus-edi.jsa, from src/main/cds/chorus-edi.classlist)
 * serves the launcher's JVM, and a JVM refuses it for another jar: with -Xshare:on it fails, as the launcher's
 * -Xshare:auto would pass over it (docs/operators/install-and-run.md, "Start-up").
 */
// On H2 only in CI (.ci/run): nothing here depends on the database.
@Tag("h2-only")
class ClassDataArchiveIT {

    private static final Path ARCHIVE = Path.of("target", "chorus-edi.jsa").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void theLaunchersJvmTakesTheCommandsClassesFromTheArchive() throws Exception {
        Path jar = EngineCommand.packagedJar();
        assertTrue(Files.isRegularFile(ARCHIVE), ARCHIVE + " is made by mvn package");
        assertTrue(Files.getLastModifiedTime(ARCHIVE).compareTo(Files.getLastModifiedTime(jar)) > 0, "made after the jar");

        EngineCommand.Result version = EngineCommand.launched(dir, List.of("-Xshare:on", "-Xlog:class+load"), 2, "--version");

        assertEquals(0, version.status(), version::all);
        assertTrue(version.out().contains("org.chorusedi.cli.ChorusEdi source: shared objects file"), version::all);
        assertTrue(version.out().contains("picocli.CommandLine source: shared objects file"), version::all);
    }

    @Test
    void anotherJarIsRefusedTheArchive() throws Exception {
        Path copy = Files.copy(EngineCommand.packagedJar(), dir.resolve("chorus-edi.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();

        Process refused = new ProcessBuilder(java, "-XX:SharedArchiveFile=" + ARCHIVE, "-Xshare:on", "-cp", copy.toString(),
                "org.chorusedi.cli.ChorusEdi", "--version").redirectErrorStream(true).redirectOutput(dir.resolve("out").toFile()).start();

        assertTrue(refused.waitFor(2, TimeUnit.MINUTES));
        assertNotEquals(0, refused.exitValue(), () -> "the JVM used an archive made for another class path");
    }
}
