package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.chorusedi.directory.Address;
import org.chorusedi.directory.DirectoryTransaction;
import org.chorusedi.directory.IdentifierType;
import org.chorusedi.directory.ServiceRow;
import org.chorusedi.directory.StructureActivation;
import org.chorusedi.directory.StructureRow;
import org.chorusedi.far37.SubscriptionStore.Subscription;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing extracts: names, checksums, sequences, DELTA contents, failures and retention. */
class Far37PublisherTest extends Far37TestSupport {

    private static final String HEADER = "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
            + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,service_actif,"
            + "service_ej_obligatoire\n";

    private Subscriber subscriber;
    private Far37Publisher publisher;

    @BeforeEach
    void open() throws IOException {
        fixture.importCsv("directory.csv", Far37Fixture.DIRECTORY_CSV);
        subscriber = fixture.subscriber("AAA001");
        publisher = fixture.publisher(subscriber);
    }

    @Test
    void firstExtractIsAFullWithItsChecksumValidAndComplete() throws Exception {
        PublicationResult result = publisher.publish(subscriber, ExtractType.DELTA);

        assertTrue(result.published(), result::failure);
        assertEquals(ExtractType.FULL, result.type(), "a subscriber's first extract is a FULL");
        Path extract = result.file();
        assertTrue(extract.getFileName().toString().matches("FAR37_AAA001_FULL_\\d{14}_1\\.xml"), extract.toString());
        assertEquals(subscriber.folder(), extract.getParent());
        Far37Fixture.assertValid(extract);
        Far37Fixture.Extract full = Far37Fixture.Extract.read(extract);
        assertEquals(List.of("11000201100044", "19750001000016", "21750001600019", "26750045200011", "ES-B12345678"),
                full.identifiers());
        assertEquals(List.of("SCE-ACHATS", "SCE-FERME", "SCE-TRAVAUX"), full.services("11000201100044"));
        assertEquals("FULL", full.header("TypeExtrait"));
        assertEquals("1", full.header("NumeroSequence"));
        assertEquals("AAA001", full.header("Abonne"));
        assertEquals("CPP001", full.header("Emetteur"));
        assertEquals("5", full.header("NombreStructures"));
        assertEquals("", full.header("Depuis"));

        String sidecar = Files.readString(Path.of(extract + ".sha256"), StandardCharsets.US_ASCII);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(extract)));
        assertEquals(sha256 + "  " + extract.getFileName() + "\n", sidecar, "sha256sum's format");
        assertEquals(List.of(extract.getFileName().toString(), extract.getFileName() + ".sha256"), names(subscriber.folder()),
                "nothing left aside");
    }

    @Test
    void deltaCarriesAStructureAnOperatorDeactivatedThenActivated() throws Exception {
        publisher.publish(subscriber, ExtractType.FULL);
        assertEquals(StructureActivation.Outcome.DEACTIVATED_CLOSED, fixture.store.activation(new StructureActivation.Request(
                "11000201100044", false, StructureActivation.Sirene.INACTIVE, "M. Durand", "établissement fermé")));

        Far37Fixture.Extract closed = Far37Fixture.Extract.read(publisher.publish(subscriber, ExtractType.DELTA).file());
        assertEquals(List.of("11000201100044"), closed.identifiers(), "the structure alone changed");
        assertEquals("INACTIF", closed.structure("11000201100044", "f:Statut"));
        for (String service : closed.services("11000201100044")) {
            assertEquals("INACTIF", closed.value("/f:FAR37/f:Structure[f:Identifiant='11000201100044']/f:Service[f:CodeService='"
                    + service + "']/f:Statut"), "closed in SIRENE: its services too, " + service);
        }

        assertEquals(StructureActivation.Outcome.ACTIVATED, fixture.store.activation(new StructureActivation.Request(
                "11000201100044", true, StructureActivation.Sirene.ACTIVE, "M. Durand", "rouvert")));
        Far37Fixture.Extract reopened = Far37Fixture.Extract.read(publisher.publish(subscriber, ExtractType.DELTA).file());
        assertEquals(List.of("11000201100044"), reopened.identifiers());
        assertEquals("ACTIF", reopened.structure("11000201100044", "f:Statut"));
    }

    @Test
    void deltaCarriesUpdatesDeactivationsAndSiretChangesWithAllServices() throws Exception {
        publisher.publish(subscriber, ExtractType.FULL);
        assertEquals(0, publisher.publish(subscriber, ExtractType.DELTA).structures(), "nothing changed");

        fixture.importCsv("changes.csv", HEADER
                // A service of the ministry deactivated: the ministry comes with all its services.
                + "11000201100044,\"Ministère de l'Exemple, Direction des achats\",true,true,false,false,false,false,"
                + "SCE-ACHATS,Service des achats,false,false\n"
                // The closed school reopened under a new name.
                + "19750001000016,École rouverte,true,false,false,false,false,false,,,,\n"
                // The town deactivated.
                + "21750001600019,\"Ville d'Exemple\r\nHôtel de ville\",false,false,true,false,false,true,,,,\n");
        assertTrue(fixture.store.changeSiret("26750045200011", "26750045200029").done());

        PublicationResult delta = publisher.publish(subscriber, ExtractType.DELTA);

        assertEquals(ExtractType.DELTA, delta.type());
        assertEquals(3, delta.sequence(), "FULL 1, empty DELTA 2, this one 3: no gaps");
        Far37Fixture.assertValid(delta.file());
        Far37Fixture.Extract extract = Far37Fixture.Extract.read(delta.file());
        assertEquals(List.of("11000201100044", "19750001000016", "21750001600019", "26750045200011", "26750045200029"),
                extract.identifiers());
        assertEquals("5", extract.header("NombreStructures"));
        assertEquals(fixture.subscriptions().find("AAA001").orElseThrow().lastPublished().toString(),
                extract.header("DateGeneration"));
        assertEquals(List.of("SCE-ACHATS", "SCE-FERME", "SCE-TRAVAUX"), extract.services("11000201100044"));
        assertEquals("INACTIF", extract.value("/f:FAR37/f:Structure[f:Identifiant='11000201100044']"
                + "/f:Service[f:CodeService='SCE-ACHATS']/f:Statut"));
        assertEquals("École rouverte", extract.structure("19750001000016", "f:RaisonSociale"));
        assertEquals("INACTIF", extract.structure("21750001600019", "f:Statut"));
        // The SIRET change: the old structure inactive, the new one its copy, with its services, naming it.
        assertEquals("INACTIF", extract.structure("26750045200011", "f:Statut"));
        assertEquals("ACTIF", extract.structure("26750045200029", "f:Statut"));
        assertEquals("26750045200011", extract.structure("26750045200029", "f:IdentifiantStructureOrigine"));
        assertEquals("Hôpital d'Exemple", extract.structure("26750045200029", "f:RaisonSociale"));
        assertEquals(List.of("URGENCES"), extract.services("26750045200029"));
    }

    @Test
    void aServiceChangeBringsItsStructureWithAllItsServices() throws Exception {
        publisher.publish(subscriber, ExtractType.FULL);
        try (DirectoryTransaction transaction = fixture.store.begin()) {
            transaction.upsert(new ServiceRow("11000201100044", "SCE-NEUF", "Nouveau service", true, false, null, null, null));
            transaction.commit();
        }

        Far37Fixture.Extract extract = Far37Fixture.Extract.read(publisher.publish(subscriber, ExtractType.DELTA).file());

        assertEquals(List.of("11000201100044"), extract.identifiers());
        assertEquals(List.of("SCE-ACHATS", "SCE-FERME", "SCE-NEUF", "SCE-TRAVAUX"), extract.services("11000201100044"));
    }

    @Test
    void deltaStartsFromThePreviousExtract() throws Exception {
        PublicationResult first = publisher.publish(subscriber, ExtractType.FULL);
        Subscription afterFull = fixture.subscriptions().find("AAA001").orElseThrow();

        PublicationResult delta = publisher.publish(subscriber, ExtractType.DELTA);

        Far37Fixture.Extract extract = Far37Fixture.Extract.read(delta.file());
        assertEquals(afterFull.lastPublished().toString(), extract.header("Depuis"));
        assertEquals(Far37Fixture.Extract.read(first.file()).header("DateGeneration"), extract.header("Depuis"));
    }

    @Test
    void failedPublicationChangesNothingAndTheNextOneCatchesUp() throws Exception {
        publisher.publish(subscriber, ExtractType.FULL);
        Subscription before = fixture.subscriptions().find("AAA001").orElseThrow();
        fixture.importCsv("change.csv", HEADER + "13000548100010,Agence nouvelle,true,false,false,false,true,false,,,,\n");

        // The folder gone, a file in its place: tests run as root, whom a read-only folder does not stop.
        Path folder = subscriber.folder();
        Path moved = Files.move(folder, root.resolve("moved"));
        Files.writeString(folder, "not a folder");
        PublicationResult failed = publisher.publish(subscriber, ExtractType.DELTA);

        assertFalse(failed.published());
        assertNull(failed.file());
        assertEquals(before, fixture.subscriptions().find("AAA001").orElseThrow(), "sequence and watermark unchanged");

        Files.delete(folder);
        Files.move(moved, folder);
        PublicationResult caughtUp = publisher.publish(subscriber, ExtractType.DELTA);

        assertTrue(caughtUp.published(), caughtUp::failure);
        assertEquals(2, caughtUp.sequence(), "no gap");
        Far37Fixture.Extract extract = Far37Fixture.Extract.read(caughtUp.file());
        assertEquals(before.lastPublished().toString(), extract.header("Depuis"), "from the last successful extract");
        assertEquals(List.of("13000548100010"), extract.identifiers());
        assertFalse(names(folder).stream().anyMatch(name -> name.endsWith(".part")), names(folder).toString());
    }

    @Test
    void aMissingFolderOutsideTheRootIsAFailureNotCreated(@TempDir Path elsewhere) {
        Path share = elsewhere.resolve("unmounted-share");
        Subscriber remote = new Subscriber("BBB002", share, null, null, subscriber.timeZone(), false, 10);

        PublicationResult result = fixture.publisher(remote).publish(remote, ExtractType.FULL);

        assertFalse(result.published());
        assertTrue(result.failure().contains("missing"), result.failure());
        assertFalse(Files.exists(share));
        assertTrue(fixture.subscriptions().find("BBB002").isEmpty());
    }

    @Test
    void aValueXmlCannotCarryFailsThePublicationInsteadOfWritingABrokenFile() throws Exception {
        // Not through a CSV file, which refuses it: written straight to the store.
        fixture.store.upsert(List.of(new StructureRow("33000000000011", IdentifierType.SIRET, "Nom\u0001", true, false,
                false, false, false, false, false, Address.NONE, null, null)), List.of());

        PublicationResult result = publisher.publish(subscriber, ExtractType.FULL);

        assertFalse(result.published());
        assertTrue(names(subscriber.folder()).isEmpty(), names(subscriber.folder()).toString());
        assertTrue(fixture.subscriptions().find("AAA001").isEmpty());
    }

    @Test
    void retentionKeepsTheLatestExtractsWithTheirChecksums() throws Exception {
        Subscriber keepsTwo = new Subscriber("AAA001", subscriber.folder(), null, null, subscriber.timeZone(), true, 2);
        Far37Publisher retaining = fixture.publisher(keepsTwo);
        for (int i = 0; i < 4; i++) {
            assertTrue(retaining.publish(keepsTwo, i == 2 ? ExtractType.FULL : ExtractType.DELTA).published());
        }

        List<String> names = names(keepsTwo.folder());
        assertEquals(4, names.size(), names.toString());
        assertTrue(names.get(0).matches("FAR37_AAA001_FULL_\\d{14}_3\\.xml\\.gz"), names.toString());
        assertTrue(names.get(1).matches("FAR37_AAA001_FULL_\\d{14}_3\\.xml\\.gz\\.sha256"), names.toString());
        assertTrue(names.get(2).matches("FAR37_AAA001_DELTA_\\d{14}_4\\.xml\\.gz"), names.toString());
        assertTrue(names.get(3).matches("FAR37_AAA001_DELTA_\\d{14}_4\\.xml\\.gz\\.sha256"), names.toString());
    }

    @Test
    void anExtractPublishedButNotRecordedKeepsItsNumber() throws Exception {
        publisher.publish(subscriber, ExtractType.FULL);
        // As if the engine stopped between renaming extract 2 into place and recording it.
        Files.writeString(subscriber.folder().resolve("FAR37_AAA001_DELTA_20250101000000_2.xml"), "<FAR37/>");
        Files.writeString(subscriber.folder().resolve("FAR37_AAA001_DELTA_20250101000000_3.xml.part"), "<FAR");

        PublicationResult next = publisher.publish(subscriber, ExtractType.DELTA);

        assertEquals(3, next.sequence());
        assertFalse(names(subscriber.folder()).contains("FAR37_AAA001_DELTA_20250101000000_3.xml.part"),
                "what an interrupted publication left aside is removed");
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted((a, b) -> {
                // by sequence number, then the extract before its checksum
                return Long.compare(sequence(a), sequence(b)) != 0 ? Long.compare(sequence(a), sequence(b)) : a.compareTo(b);
            }).toList();
        }
    }

    private static long sequence(String name) {
        String digits = name.replaceFirst("^FAR37_[A-Z0-9]+_[A-Z]+_\\d{14}_(\\d+)\\..*$", "$1");
        return digits.matches("\\d+") ? Long.parseLong(digits) : 0;
    }
}
