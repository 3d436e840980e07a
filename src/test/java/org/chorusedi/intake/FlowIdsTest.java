package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.chorusedi.database.Database;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, item 2: flow ids are unique for ever. Today's counter started again at 1 with each engine, so
 * that an engine restarted within the same millisecond, or under a clock stepped back, gave a new flow the
 * id of a committed one; the ledger's sequence does not.
 */
class FlowIdsTest {

    @TempDir
    Path dir;

    @Test
    void idsStayUniqueAcrossRestartsAtTheSameInstantAndUnderAClockSteppedBack() {
        String url = TestDatabase.url(dir);
        Instant now = Instant.parse("2026-11-28T10:15:30.123Z");
        Set<String> ids = new HashSet<>();
        for (int restart = 0; restart < 3; restart++) {
            // A new database pool and a new generator: what an engine restarted within the same millisecond has.
            try (Database database = Database.open(url, TestDatabase.user(), "")) {
                FlowIds flowIds = new FlowIds(Clock.fixed(now, ZoneOffset.UTC), new Ledger(database.dataSource())::nextFlowNumber);
                for (int i = 0; i < 5; i++) {
                    assertTrue(ids.add(flowIds.next("AAA001")), () -> "a flow id given twice: " + ids);
                }
            }
        }
        try (Database database = Database.open(url, TestDatabase.user(), "")) {
            FlowIds steppedBack = new FlowIds(Clock.fixed(now.minusSeconds(3600), ZoneOffset.UTC),
                    new Ledger(database.dataSource())::nextFlowNumber);
            String id = steppedBack.next("AAA001");
            assertTrue(ids.add(id), id);
            assertEquals("AAA001-20261128T091530123-0016", id, "the partner, the time, the ledger's number");
        }
    }
}
