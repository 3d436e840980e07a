package org.chorusedi.lifecycle;

import static org.chorusedi.testkit.LifeCycleFlows.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.support.Acks;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.testkit.LifeCycleFlows;
import org.junit.jupiter.api.Test;

/**
 * Every pair of statuses through the running engine: invoices of one batch (UBL and CII in turn) are
 * brought to each status a recipient or a completion can give them, then each is sent each status a
 * recipient may send, in one status flow. What the table of docs/partners/life-cycle.md allows is accepted
 * (12, completed, is taken up again as 03 is: a new suspension too); the status the invoice is in changes
 * nothing; everything else is refused with S03.
 */
class TransitionsRouteTest extends EngineRouteTestSupport {

    private static final String DATE = "2026-11-20";
    private static final List<String> FROM = List.of("03", "04", "05", "06", "07", "08", "09", "10", "11", "12");
    private static final List<String> TO = List.of("04", "05", "06", "07", "08", "09", "10", "11");

    /** The table of docs/partners/life-cycle.md: what may follow each status. */
    private static final Map<String, List<String>> ALLOWED = Map.of(
            "03", TO, "12", TO,
            "04", List.of(), "05", List.of(), "11", List.of(),
            "06", List.of("04", "05"),
            "07", List.of("08", "09", "10", "11"),
            "08", List.of("09", "10", "11"),
            "09", List.of("10", "11"),
            "10", List.of("11"));

    @Test
    void everyAllowedTransitionIsAcceptedAndEveryOtherRefused() throws Exception {
        Map<String, String[]> invoices = new LinkedHashMap<>(); // number -> {from, to}
        for (String from : FROM) {
            for (String to : TO) {
                invoices.put("T" + from + "-" + to, new String[] {from, to});
            }
        }
        deliverBatch(new ArrayList<>(invoices.keySet()));

        // Each invoice brought to its starting status: straight from 03, and 12 through 06 and a completion.
        List<String> setUp = new ArrayList<>();
        List<String> toComplete = new ArrayList<>();
        invoices.forEach((number, pair) -> {
            String from = pair[0];
            if (from.equals("12")) {
                setUp.add(line(number, "06"));
                toComplete.add(number);
            } else if (!from.equals("03")) {
                setUp.add(line(number, from));
            }
        });
        assertEquals("92", Acks.status(send("DEST01", LifeCycleFlows.statuses("DEST01", setUp.toArray(String[]::new)))));
        assertEquals("92", Acks.status(send("AAA001", completion(toComplete))));

        List<String> lines = new ArrayList<>();
        invoices.forEach((number, pair) -> lines.add(line(number, pair[1])));
        Path report = send("DEST01", LifeCycleFlows.statuses("DEST01", lines.toArray(String[]::new)));

        List<String> refusedNumbers = Acks.errorDescriptions(report).stream()
                .map(d -> d.substring(d.indexOf("invoice ") + "invoice ".length(), d.indexOf(" of supplier"))).toList();
        List<String> expectedRefused = new ArrayList<>();
        invoices.forEach((number, pair) -> {
            String from = pair[0];
            String to = pair[1];
            boolean unchanged = from.equals(to);
            boolean accepted = unchanged || ALLOWED.get(from).contains(to);
            if (!accepted) {
                expectedRefused.add(number);
            }
            String now = accepted && !unchanged ? to : from;
            assertEquals(now, ledger().invoices(number).get(0).status().code(), () -> number + ": from " + from + " sent " + to);
        });
        assertEquals(expectedRefused, refusedNumbers);
        assertEquals(expectedRefused.size(), Acks.errorCodes(report).stream().filter("S03"::equals).count(), "every refusal is S03");
        assertEquals("96", Acks.status(report));
    }

    private static String line(String number, String code) {
        String reason = code.equals("05") || code.equals("06") ? "Motif " + code : null;
        String mandate = code.equals("08") ? "MANDAT-" + number : null;
        return status(InvoiceTemplate.SUPPLIER, InvoiceTemplate.MINISTRY, number, DATE, code, reason, mandate);
    }

    private String completion(List<String> numbers) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DemandeComplement xmlns=\"urn:chorus-edi:lifecycle:1.0\">\n");
        for (String number : numbers) {
            xml.append("<Complement><Facture><Fournisseur>").append(InvoiceTemplate.SUPPLIER).append("</Fournisseur><NumeroFacture>")
                    .append(number).append("</NumeroFacture><DateFacture>").append(DATE).append("</DateFacture></Facture>")
                    .append("<PieceJointe><Nom>piece.pdf</Nom><Contenu>").append(Base64.getEncoder().encodeToString("%PDF-1.4".getBytes()))
                    .append("</Contenu></PieceJointe></Complement>\n");
        }
        return xml.append("</DemandeComplement>\n").toString();
    }

    private void deliverBatch(List<String> numbers) throws Exception {
        String declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
        StringBuilder batch = new StringBuilder(declaration + "<Batch xmlns=\"urn:chorus-edi:batch:1.0\">\n<Header><PartnerCode>AAA001"
                + "</PartnerCode><FlowId>LOT-T</FlowId><CreatedAt>2026-11-26T10:00:00Z</CreatedAt><InvoiceCount>" + numbers.size()
                + "</InvoiceCount></Header>\n");
        InvoiceTemplate ministry = InvoiceTemplate.toMinistry();
        for (int i = 0; i < numbers.size(); i++) {
            String invoice = i % 2 == 0 ? ministry.withNumber(numbers.get(i)).ubl() : ministry.withNumber(numbers.get(i)).cii();
            batch.append(invoice.substring(declaration.length()));
        }
        Path report = send("AAA001", batch.append("</Batch>\n").toString());
        assertEquals("92", Acks.status(report), () -> Acks.errorDescriptions(report).toString());
    }

    private int dropped;

    private Path send(String partner, String document) throws Exception {
        FlowsDone done = flowsDone(1);
        String name = "flow-" + (++dropped) + ".xml";
        drop(partner, name, document);
        await(done);
        String kept = files(root).stream().map(p -> p.getFileName().toString()).filter(n -> n.endsWith("__" + name)).findFirst().orElseThrow();
        return folders().ack(partner).resolve(kept.substring(0, kept.indexOf("__")) + ".flux.xml");
    }
}
