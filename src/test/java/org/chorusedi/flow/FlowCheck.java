package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.rules.RuleLevel;
import org.chorusedi.rules.RulesControl;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;

/** A flow decided as the engine decides it, with the engine's limits (some settings changed) and an empty directory. */
final class FlowCheck {

    /** The validation threads of every check (daemon threads). */
    private static final ExecutorService VALIDATORS = ValidationPipeline.newThreadPool();
    /** The tests of reading leave the EN 16931 rules out (rules.* and RulesRouteTest check them). */
    static final RulesControl NO_RULES = new RulesControl(RuleLevel.OFF, Map.of(), null);

    private FlowCheck() {
    }

    /** @param dir where the invoices are staged */
    static FlowOutcome evaluate(Path file, Path dir, Map<String, String> settings) throws IOException {
        FlowLimits limits = FlowLimits.read(Configuration.of(settings));
        FlowEvaluator evaluator = new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), limits, VALIDATORS),
                new RoutingControls(MarketLookup.NONE), NO_RULES, RecognitionSettings.ON, limits.maxFlowBytes());
        Path staging = Files.createTempDirectory(dir, "staging");
        return assertDoesNotThrow(() -> evaluator.evaluate(file, "AAA001", "AAA001-0001", DirectoryLookup.EMPTY, PartnerLookup.OPEN, staging),
                () -> file.getFileName() + " must be decided, not thrown");
    }

    /** The one finding of a flow rejected as a whole, of this code; nothing of the flow is kept. */
    static String rejected(FlowOutcome outcome, ReasonCode code) {
        assertTrue(outcome.rejectedAsWhole(), () -> "findings: " + outcome.allFindings());
        assertEquals(List.of(), outcome.invoices(), "nothing is kept of a flow rejected as a whole");
        assertEquals(1, outcome.flowFindings().size(), () -> "findings: " + outcome.flowFindings());
        Finding finding = outcome.flowFindings().get(0);
        assertEquals(code, finding.code(), finding::description);
        return finding.description();
    }
}
