package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.chorusedi.database.Database;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryStoreTest {

    private static final Instant T1 = Instant.parse("2025-03-01T08:00:00.123456Z");
    private static final Instant T2 = Instant.parse("2025-03-02T08:00:00Z");
    private static final Instant T3 = Instant.parse("2025-03-03T08:00:00Z");

    private static final StructureRow MAIRIE =
            structure("21750001600019", "Mairie de Paris", true, true, false, true, false, true);
    private static final StructureRow HOPITAL =
            structure("26750045200011", "Hôpital", false, false, true, false, true, false);
    private static final ServiceRow VOIRIE = service("21750001600019", "VOIRIE", "Voirie", true, false);
    private static final ServiceRow ARCHIVES = service("21750001600019", "ARCH", null, false, true);

    @TempDir
    Path dir;

    private Database database;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabase.url(dir), TestDatabase.user(), "");
    }

    @AfterEach
    void close() {
        database.close();
    }

    private DirectoryStore storeAt(Instant now) {
        return new DirectoryStore(database.dataSource(), Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void lookupsReadBackEveryValue() {
        DirectoryStore store = storeAt(T1);
        store.upsert(List.of(MAIRIE, HOPITAL), List.of(VOIRIE, ARCHIVES));

        assertEquals(Optional.of(new Structure("21750001600019", "Mairie de Paris", true, true, false, true, false,
                true, T1)), store.structure("21750001600019"));
        assertEquals(Optional.of(new Structure("26750045200011", "Hôpital", false, false, true, false, true, false,
                T1)), store.structure("26750045200011"));
        assertEquals(Optional.of(new Service("21750001600019", "VOIRIE", "Voirie", true, false, T1)),
                store.service("21750001600019", "VOIRIE"));
        assertEquals(Optional.of(new Service("21750001600019", "ARCH", null, false, true, T1)),
                store.service("21750001600019", "ARCH"));
    }

    @Test
    void unknownKeysFindNothing() {
        DirectoryStore store = storeAt(T1);
        store.upsert(List.of(MAIRIE, HOPITAL), List.of(VOIRIE));

        assertEquals(Optional.empty(), store.structure("00000000000000"));
        assertEquals(Optional.empty(), store.structure(null));
        assertEquals(Optional.empty(), store.service("21750001600019", "voirie"));
        assertEquals(Optional.empty(), store.service("26750045200011", "VOIRIE"));
        assertEquals(Optional.empty(), store.service("00000000000000", "VOIRIE"));
        assertEquals(Optional.empty(), store.service("21750001600019", null));
    }

    @Test
    void upsertOfUnchangedValuesKeepsLastModified() {
        storeAt(T1).upsert(List.of(MAIRIE), List.of(VOIRIE, ARCHIVES));
        DirectoryStore later = storeAt(T2);
        later.upsert(List.of(MAIRIE), List.of(VOIRIE, ARCHIVES));

        assertEquals(T1, later.structure("21750001600019").orElseThrow().lastModified());
        assertEquals(T1, later.service("21750001600019", "VOIRIE").orElseThrow().lastModified());
        assertEquals(T1, later.service("21750001600019", "ARCH").orElseThrow().lastModified());
    }

    @Test
    void changedValueSetsLastModifiedOfThatRowOnly() {
        storeAt(T1).upsert(List.of(MAIRIE, HOPITAL), List.of(VOIRIE, ARCHIVES));
        DirectoryStore later = storeAt(T2);
        StructureRow mairieWithoutMoa =
                structure("21750001600019", "Mairie de Paris", true, true, false, true, false, false);
        ServiceRow archivesNamed = service("21750001600019", "ARCH", "Archives", false, true);
        later.upsert(List.of(mairieWithoutMoa, HOPITAL), List.of(VOIRIE, archivesNamed));

        assertEquals(new Structure("21750001600019", "Mairie de Paris", true, true, false, true, false, false, T2),
                later.structure("21750001600019").orElseThrow());
        assertEquals(T1, later.structure("26750045200011").orElseThrow().lastModified());
        assertEquals(new Service("21750001600019", "ARCH", "Archives", false, true, T2),
                later.service("21750001600019", "ARCH").orElseThrow());
        assertEquals(T1, later.service("21750001600019", "VOIRIE").orElseThrow().lastModified());
    }

    @Test
    void deactivationReadsBackInactive() {
        storeAt(T1).upsert(List.of(MAIRIE), List.of(VOIRIE));
        DirectoryStore later = storeAt(T2);
        later.upsert(List.of(structure("21750001600019", "Mairie de Paris", false, true, false, true, false,
                true)), List.of(service("21750001600019", "VOIRIE", "Voirie", false, false)));

        assertFalse(later.structure("21750001600019").orElseThrow().active());
        assertFalse(later.service("21750001600019", "VOIRIE").orElseThrow().active());
    }

    @Test
    void lastRowGivenForAKeyWinsWithinOneUpsert() {
        DirectoryStore store = storeAt(T1);
        StructureRow renamed = structure("21750001600019", "Ville de Paris", true, true, false, true, false,
                true);
        ServiceRow voirieInactive = service("21750001600019", "VOIRIE", "Voirie", false, false);
        store.upsert(List.of(MAIRIE, renamed), List.of(VOIRIE, voirieInactive));

        assertEquals("Ville de Paris", store.structure("21750001600019").orElseThrow().name());
        assertFalse(store.service("21750001600019", "VOIRIE").orElseThrow().active());
    }

    @Test
    void failedUpsertWritesNothing() {
        storeAt(T1).upsert(List.of(MAIRIE), List.of());
        DirectoryStore later = storeAt(T2);
        StructureRow renamed = structure("21750001600019", "Ville de Paris", true, true, false, true, false,
                true);
        ServiceRow orphan = service("00000000000000", "X", "Orphan", true, false);

        assertThrows(DirectoryException.class,
                () -> later.upsert(List.of(renamed, HOPITAL), List.of(VOIRIE, orphan)));

        assertEquals(Optional.of(new Structure("21750001600019", "Mairie de Paris", true, true, false, true, false,
                true, T1)), later.structure("21750001600019"));
        assertEquals(Optional.empty(), later.structure("26750045200011"));
        assertEquals(Optional.empty(), later.service("21750001600019", "VOIRIE"));
    }

    @Test
    void transactionReadsItsOwnWritesAndKeepsNothingWithoutCommit() {
        DirectoryStore store = storeAt(T3);
        try (DirectoryTransaction transaction = store.begin()) {
            transaction.upsert(MAIRIE);
            transaction.upsert(VOIRIE);
            assertEquals("Mairie de Paris", transaction.structure("21750001600019").orElseThrow().name());
            assertEquals("Voirie", transaction.service("21750001600019", "VOIRIE").orElseThrow().name());
        }
        assertEquals(Optional.empty(), store.structure("21750001600019"));
        assertEquals(Optional.empty(), store.service("21750001600019", "VOIRIE"));
    }

    private static StructureRow structure(String identifier, String name, boolean active, boolean serviceCodeRequired,
            boolean engagementRequired, boolean engagementOrServiceCodeRequired, boolean paymentStatusNotReported,
            boolean moa) {
        return new StructureRow(identifier, IdentifierType.SIRET, name, active, serviceCodeRequired, engagementRequired,
                engagementOrServiceCodeRequired, paymentStatusNotReported, moa, false, Address.NONE, null, null);
    }

    private static ServiceRow service(String structureIdentifier, String code, String name, boolean active,
            boolean engagementRequired) {
        return new ServiceRow(structureIdentifier, code, name, active, engagementRequired, null, null, null);
    }
}
