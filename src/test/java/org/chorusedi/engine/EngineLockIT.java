package org.chorusedi.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 7: one engine per root and per database. A second engine started, as an operator would,
 * on a root or a database a running engine holds refuses to start, with a clear message and exit status 3,
 * and touches nothing; once the first one stops, it starts.
 */
class EngineLockIT {

    @TempDir
    Path dir;

    @Test
    void aSecondEngineOnAHeldRootOrAHeldDatabaseRefusesToStartWithExitStatus3() throws Exception {
        String url = TestDatabase.url(dir.resolve("db"));
        Path root = dir.resolve("root");
        Path otherRoot = dir.resolve("other-root");
        Files.createDirectories(root.resolve("in/AAA001"));
        Path pending = Files.writeString(root.resolve("in/AAA001/pending.xml"), "<not-taken/>");

        EngineCommand.Result onTheRoot;
        EngineCommand.Result onTheDatabase;
        try (Engine first = Engine.open(settings(root, url))) {
            EngineLock.Held inProcess = assertThrows(EngineLock.Held.class, () -> Engine.open(settings(root, url)));
            assertTrue(inProcess.getMessage().contains("is held by another engine"), inProcess.getMessage());

            onTheRoot = run(root, url);
            onTheDatabase = run(otherRoot, url);
        }
        EngineCommand.Result afterwards = run(otherRoot, url);

        assertAll(
                () -> assertEquals(3, onTheRoot.status(), onTheRoot::err),
                () -> assertTrue(onTheRoot.err().contains("not started: the root " + root.toAbsolutePath().normalize()
                        + " is held by another engine (pid " + ProcessHandle.current().pid()), onTheRoot::err),
                () -> assertTrue(Files.exists(pending), "the refused engine took nothing"),
                () -> assertEquals(3, onTheDatabase.status(), onTheDatabase::err),
                () -> assertTrue(onTheDatabase.err().contains("not started: the database") && onTheDatabase.err().contains("in use by another"),
                        onTheDatabase::err),
                () -> assertEquals(0, afterwards.status(), () -> "once the first engine stopped, the database is free:\n" + afterwards.err()));
    }

    private static EngineSettings settings(Path root, String url) {
        return EngineSettings.read(Configuration.of(Map.of("chorus.root", root.toString(), "chorus.db.url", url,
                "chorus.db.user", TestDatabase.user())));
    }

    /** {@code run --once} in a JVM of its own, as an operator starts it. */
    private EngineCommand.Result run(Path root, String url) throws Exception {
        return EngineCommand.run(dir, 3, "run", "--once", "--root", root.toString(), "-Dchorus.db.url=" + url,
                "-Dchorus.db.user=" + TestDatabase.user(), "-Dchorus.once.idle-seconds=1");
    }
}
