package org.chorusedi.database;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded H2 file comes back to what it holds after a burst of commits. H2 writes every commit as a new chunk of
 * the pages it changed, and frees a chunk only once none of its pages is live. Rows written once and kept, under keys
 * that fall anywhere in their index (the ledger's SHA-256 keys), leave a few live pages in nearly every chunk: before
 * {@link H2Upkeep}, the engine's file was 3 % live after 3,000 single files, and grew by some 500 MB every 10,000
 * files, for good. H2 keeps what it no longer uses for a while (RETENTION_TIME) before it overwrites or cuts it: so
 * the file is checked after a pause.
 */
class DatabaseFileTest {

    private static final int ROWS_A_ROUND = 1000;
    /** Long enough for many of the upkeep's passes; the wait ends as soon as they have done their work. */
    private static final long PATIENCE_MS = 30_000;
    private static final int MOSTLY = 50;

    @TempDir
    Path dir;

    @Test
    void theFileComesBackToWhatItHoldsOnceItsChunksAreOldEnough() throws Exception {
        // H2 frees and rewrites only chunks older than its RETENTION_TIME (45 s by default): shortened here.
        String url = "jdbc:h2:file:" + dir.resolve("chorus-edi") + ";WRITE_DELAY=0;RETENTION_TIME=100";
        try (Database database = Database.open(url, "sa", "")) {
            DataSource dataSource = database.dataSource();
            execute(dataSource, "CREATE TABLE kept (k CHAR(64) PRIMARY KEY, v VARCHAR(300))");
            for (int round = 1; round <= 2; round++) {
                for (int i = 0; i < ROWS_A_ROUND; i++) {
                    insertOne(dataSource);
                }
                long written = fileSize();
                int justWritten = chunksFillRate(dataSource);
                awaitUpkeep(dataSource, written);
                long size = fileSize();
                int live = chunksFillRate(dataSource);
                String after = "round " + round + ", " + PATIENCE_MS / 1000 + " s after it: ";
                assertAll(
                        () -> assertTrue(live >= MOSTLY, after + live + " % of the chunks' bytes live (" + justWritten
                                + " % just after it): their dead pages are kept"),
                        () -> assertTrue(size <= written / 2, after + size / 1024 + " KB, " + written / 1024
                                + " KB just after it: the file did not give back the space it no longer uses"));
            }
        }
    }

    /** Until the chunks are mostly live and the file has given back half its size, or the patience is out. */
    private void awaitUpkeep(DataSource dataSource, long written) throws Exception {
        long end = System.nanoTime() + PATIENCE_MS * 1_000_000;
        while ((chunksFillRate(dataSource) < MOSTLY || fileSize() > written / 2) && System.nanoTime() < end) {
            Thread.sleep(200);
        }
    }

    private long fileSize() throws IOException {
        return Files.size(dir.resolve("chorus-edi.mv.db"));
    }

    private static void insertOne(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO kept VALUES (?, ?)")) {
            insert.setString(1, (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", ""));
            insert.setString(2, "x".repeat(300));
            insert.executeUpdate();
        }
    }

    /** The share of the chunks' bytes that are live pages (H2's info.CHUNKS_FILL_RATE). */
    private static int chunksFillRate(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(
                     "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                             + " WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'")) {
            row.next();
            return Integer.parseInt(row.getString(1));
        }
    }

    private static void execute(DataSource dataSource, String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
