package org.chorusedi.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.camel.builder.NotifyBuilder;
import org.chorusedi.support.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/** The directory-import route of routes/intake.camel.yaml: CSV files dropped into directory/. */
class DirectoryImportRouteTest extends EngineRouteTestSupport {

    private static final String HEADER = "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,"
            + "ej_ou_code_service,statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,service_actif,service_ej_obligatoire\n";

    @Test
    void aGoodFileIsImportedAndMovedToImported() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("directory-import").whenDone(1).create();
        dropCsv("update.csv", HEADER
                + "33000000000011,Nouvelle structure,true,false,false,false,false,false,COMPTA,Comptabilité,true,true\n"
                + "19750001000016,École rouverte,true,false,false,false,false,false,,,,\n");
        await(done);

        assertTrue(engine.directory().structure("33000000000011").orElseThrow().active());
        assertTrue(engine.directory().service("33000000000011", "COMPTA").orElseThrow().engagementRequired());
        assertEquals("École rouverte", engine.directory().structure("19750001000016").orElseThrow().name());
        assertTrue(engine.directory().structure("19750001000016").orElseThrow().active(), "an update reactivates");
        assertEquals(1, files(folders().directory().resolve("imported")).stream()
                .filter(p -> p.getFileName().toString().endsWith("_update.csv")).count());
        assertTrue(Files.notExists(folders().directory().resolve("update.csv")));
    }

    @Test
    void aFileWithABadLineChangesNothingAndIsRejectedWithItsReport() throws Exception {
        NotifyBuilder done = new NotifyBuilder(context).fromRoute("directory-import").whenDone(1).create();
        dropCsv("bad.csv", HEADER
                + "33000000000011,Nouvelle structure,true,false,false,false,false,false,,,,\n"
                + "19750001000016,École rouverte,oui,false,false,false,false,false,,,,\n");
        await(done);

        assertTrue(engine.directory().structure("33000000000011").isEmpty(), "nothing of a bad file is imported");
        assertTrue(!engine.directory().structure("19750001000016").orElseThrow().active());
        Path report = folders().directory().resolve("rejected/bad.csv.errors.txt");
        String errors = Files.readString(report, StandardCharsets.UTF_8);
        assertTrue(errors.startsWith("line 3: "), errors);
        assertTrue(errors.contains("actif"), errors);
        assertTrue(Files.exists(folders().directory().resolve("rejected/bad.csv")));
    }

    private void dropCsv(String name, String content) throws Exception {
        Path aside = folders().directory().resolve(name + ".part");
        Files.writeString(aside, content, StandardCharsets.UTF_8);
        Files.move(aside, folders().directory().resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }
}
