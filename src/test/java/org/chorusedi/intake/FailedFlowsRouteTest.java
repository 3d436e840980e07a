package org.chorusedi.intake;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.NotifyBuilder;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.ledger.FlowRow;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 4, through the running engine: a flow that cannot be finished is parked, never tried for
 * ever. Folder names made from outside text are bounded, so a service code that is a long run of bytes to
 * escape is delivered; a failure of the engine itself while a flow is decided (an Error) parks that flow at
 * once, and the engine goes on with the others. (A folder that cannot be written: HostileCorpusRouteTest;
 * {@code run --once} ending: RunOnceIT.)
 */
class FailedFlowsRouteTest extends EngineRouteTestSupport {

    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    @Test
    void aServiceCodeWhoseFolderNameWouldBeTooLongIsDeliveredUnderABoundedNameOfItsOwn() throws Exception {
        String slashes = "/".repeat(100);
        String slashesThenA = "/".repeat(99) + "A";
        NotifyBuilder imported = new NotifyBuilder(context).fromRoute("directory-import").whenDone(1).create();
        Files.writeString(folders().directory().resolve("long-codes.csv"), String.join("\n",
                "identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,ej_ou_code_service,"
                        + "statut_mise_en_paiement_non_remonte,moa,code_service,libelle_service,service_actif,service_ej_obligatoire",
                InvoiceTemplate.MINISTRY + ",Ministère,true,true,false,false,false,false,\"" + slashes + "\",Barres,true,false",
                InvoiceTemplate.MINISTRY + ",Ministère,true,true,false,false,false,false,\"" + slashesThenA + "\",Barres et A,true,false",
                ""));
        await(imported);
        FlowsDone done = flowsDone(2);
        drop("AAA001", "slashes.xml", MINISTRY.withNumber("F-SLASH-1").withServiceCode(slashes).ubl());
        drop("AAA001", "slashes-then-a.xml", MINISTRY.withNumber("F-SLASH-2").withServiceCode(slashesThenA).ubl());
        await(done);

        List<Path> delivered = files(folders().out().resolve(InvoiceTemplate.MINISTRY));
        assertAll(
                () -> assertEquals(2, delivered.size(), delivered::toString),
                () -> assertTrue(delivered.stream().allMatch(p -> p.getParent().getFileName().toString()
                        .getBytes(StandardCharsets.UTF_8).length <= 255), delivered::toString),
                () -> assertTrue(delivered.get(0).getParent().getFileName().toString().startsWith("%2F%2F%2F")),
                () -> assertEquals(2, delivered.stream().map(Path::getParent).distinct().count(), "two codes, two folders"),
                () -> assertEquals(List.of("92", "92"), files(folders().ack("AAA001")).stream()
                        .filter(p -> p.toString().endsWith(".flux.xml")).map(Acks::status).toList()));
    }

    @Test
    void anErrorOfTheEngineWhileAFlowIsDecidedParksThatFlowAtOnceAndTheOthersGoThrough() throws Exception {
        byte[] first = MINISTRY.withNumber("F-ERROR-1").ubl().getBytes(StandardCharsets.UTF_8);
        NotifyBuilder parked = new NotifyBuilder(context).fromRoute("flow-intake").whenDone(1).create();
        database.errorAtNextDirectoryLookUp(new OutOfMemoryError("Java heap space (the test's)"));
        drop("AAA001", "the-engine-fails.xml", first);
        assertTrue(parked.matches(30, TimeUnit.SECONDS));
        FlowsDone done = flowsDone(1);
        drop("AAA001", "the-next-one.xml", MINISTRY.withNumber("F-ERROR-2").ubl());
        await(done);

        Path kept = single(folders().failed("AAA001"), "__the-engine-fails.xml");
        String report = Files.readString(kept.resolveSibling(kept.getFileName() + ".report.txt"));
        FlowRow parkedFlow = ledger().flows("AAA001", null).stream()
                .filter(f -> f.fileName().equals("the-engine-fails.xml")).findFirst().orElseThrow();
        assertAll(
                () -> assertArrayEquals(first, Files.readAllBytes(kept)),
                () -> assertTrue(report.contains("attempts:  1") && report.contains("OutOfMemoryError"), report),
                () -> assertEquals("PARKED", parkedFlow.state()),
                () -> assertEquals(engine.cluster().nodeId(), parkedFlow.node(), "the node that parked it"),
                () -> assertEquals(1, files(folders().out()).size(), "the next flow is delivered"),
                () -> assertEquals(List.of(), files(folders().work())));
    }

    /** Issue 21: a parked flow always has its number and its ledger row; a ledger out of reach goes away by itself. */
    @Test
    void aFlowIsNeverParkedWhileTheLedgerCannotBeReached() throws Exception {
        database.unreachable();
        NotifyBuilder triedAndGivenUp = new NotifyBuilder(context).fromRoute("flow-intake").whenDone(1).create();
        drop("AAA001", "while-the-database-is-down.xml", MINISTRY.withNumber("F-DOWN-1").ubl());
        assertTrue(triedAndGivenUp.matches(30, TimeUnit.SECONDS), "every attempt made");
        assertAll(
                () -> assertEquals(List.of(), files(folders().failed("AAA001")), "not parked"),
                () -> assertEquals(1, files(folders().in().resolve("AAA001")).size(), "still waiting in in/"));

        FlowsDone done = flowsDone(1);
        database.reachable();
        await(done);
        assertAll(
                () -> assertEquals(1, files(folders().out()).size(), "delivered once the ledger answers"),
                () -> assertEquals(List.of(), files(folders().failed("AAA001"))),
                () -> assertEquals(List.of(), files(folders().in().resolve("AAA001"))));
    }
}
