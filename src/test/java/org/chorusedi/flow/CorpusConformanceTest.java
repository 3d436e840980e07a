package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.routing.ReasonCode;
import org.chorusedi.routing.RoutingControls;
import org.chorusedi.support.SharedReference;
import org.chorusedi.validation.SchemaCatalog;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 62 EN 16931 example invoices of ../shared/corpus: each passes the XSD step, then is rejected
 * at routing (none is addressed to a French public recipient), and its report is valid CPPStatut.
 * Skips when ../shared is absent.
 */
class CorpusConformanceTest {

    private static final Set<ReasonCode> ROUTING_REJECTIONS = Set.of(ReasonCode.I01, ReasonCode.I02, ReasonCode.I03);

    static Stream<Path> corpus() throws Exception {
        Path corpus = SharedReference.require(SharedReference.CORPUS);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(corpus)) {
            files = walk.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        }
        assertEquals(62, files.size(), "the corpus holds 62 invoices");
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("corpus")
    void passesTheSchemaThenIsRejectedAtRouting(Path invoice) throws Exception {
        FlowEvaluator evaluator = new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), 10), new RoutingControls(), 1L << 30);

        FlowOutcome outcome = evaluator.evaluate(invoice, "AAA001", "AAA001-TEST", DirectoryLookup.EMPTY);

        assertFalse(outcome.rejectedAsWhole(), () -> "flow findings: " + outcome.flowFindings());
        assertEquals(1, outcome.invoices().size());
        assertEquals("93", outcome.status());
        assertTrue(outcome.invoices().get(0).findings().stream().anyMatch(f -> ROUTING_REJECTIONS.contains(f.code())),
                () -> "findings: " + outcome.invoices().get(0).findings());
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        new CppStatutWriter("CPP001").writeFlowReport(outcome, report);
        SharedReference.assertValidCppStatut(report.toByteArray());
    }
}
