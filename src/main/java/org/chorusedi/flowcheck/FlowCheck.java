package org.chorusedi.flowcheck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import javax.sql.DataSource;
import javax.xml.stream.XMLStreamException;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.acknowledgement.FlowReport;
import org.chorusedi.decision.FlowStatus;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.ledger.DuplicateChecks;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.lifecycle.LifeCycleDecisions;
import org.chorusedi.lifecycle.LifeCycleOutcome;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.recognition.RecognitionReport;
import org.chorusedi.works.WorksAnswers;

/**
 * One flow checked as the engine would decide it, publishing, moving and changing nothing: what {@code validate}
 * prints, whether it checks in its own process or a running engine answers it (flowcheck.CheckSocket).
 */
public final class FlowCheck {

    /**
     * What {@code validate} prints and returns.
     *
     * @param status 0 every invoice (every line) would be delivered, 1 anything would be rejected
     * @param report the flow report (CPPStatut), for standard output
     * @param notes  what goes to standard error: what was read in a plain PDF, the EN 16931 warnings
     */
    public record Result(int status, byte[] report, String notes) {
    }

    /** A life-cycle document checked without a root: its lines are decided against a ledger, and there is none. */
    public static final class NeedsRoot extends Exception {
        NeedsRoot(String message) {
            super(message);
        }
    }

    private final String enginePartnerCode;
    private final LifeCycleReader lifeCycleReader;
    private final FlowEvaluator evaluator;
    private final DirectoryLookup directory;
    private final PartnerLookup emission;
    /** The root's database, whose ledger finds the duplicates and the works statements' answers; null without a root. */
    private final DataSource database;
    /** How a life-cycle document's lines are decided against the root; null without a root. */
    private final LifeCycleDecisions lifeCycle;
    /** Whose type converters a life-cycle document is read with; null: a context of its own for each such document. */
    private final CamelContext camel;

    /**
     * Made by the engine (engine.Engine.flowCheck), as it decides flows.
     *
     * @param enginePartnerCode the report's Emetteur
     * @param directory         the directory (DirectoryLookup.EMPTY without a root: the recipient is unknown, I03)
     * @param emission          the partner registry as the emission check reads it (PartnerLookup.OPEN without a root)
     * @param database          the root's database, read only; null: no root, and a life-cycle document is refused
     * @param lifeCycle         a life-cycle document's decisions against the root; null without a root
     * @param camel             the engine's Camel context; null: one made for each life-cycle document
     */
    public FlowCheck(String enginePartnerCode, LifeCycleReader lifeCycleReader, FlowEvaluator evaluator, DirectoryLookup directory,
                     PartnerLookup emission, DataSource database, LifeCycleDecisions lifeCycle, CamelContext camel) {
        this.enginePartnerCode = enginePartnerCode;
        this.lifeCycleReader = lifeCycleReader;
        this.evaluator = evaluator;
        this.directory = directory;
        this.emission = emission;
        this.database = database;
        this.lifeCycle = lifeCycle;
        this.camel = camel;
    }

    /**
     * Checks one file as sent by {@code sender} in {@code mode}; its invoices are staged as the engine would, in a
     * folder that goes away with the check.
     *
     * @throws NeedsRoot a life-cycle document, checked without a root
     */
    public Result check(Path file, String sender, DepositMode mode) throws IOException, NeedsRoot {
        String flowId = sender + "-VALIDATE";
        Optional<LifeCycleReader.Kind> kind = lifeCycleReader.kind(file);
        if (kind.isPresent()) {
            if (lifeCycle == null) {
                throw new NeedsRoot(file + " is a life-cycle document (" + kind.get() + "): its lines are decided"
                        + " against the ledger of a root, give --root");
            }
            return checkLifeCycle(file, kind.get(), sender, flowId);
        }
        Path staging = Files.createTempDirectory("chorus-edi-validate");
        try {
            FlowOutcome outcome = evaluator.evaluate(file, sender, flowId, directory, emission, staging, mode);
            if (database != null) {
                outcome = new DuplicateChecks(new Ledger(database)).apply(outcome);
                outcome = new WorksAnswers(new LedgerQueries(database)).apply(outcome).outcome();
            }
            StringBuilder notes = new StringBuilder();
            // What was read in a plain PDF (a few kilobytes, read whole): what its sender reads in <flow id>.reconnaissance.txt.
            Path recognised = staging.resolve(RecognitionReport.STAGED_NAME);
            if (Files.exists(recognised)) {
                notes.append(Files.readString(recognised));
            }
            // What the engine writes beside a delivered invoice's status (factures.xml): never a rejection.
            outcome.invoices().forEach(invoice -> invoice.warnings().forEach(w -> notes.append("EN 16931 ").append(w)
                    .append(System.lineSeparator())));
            return new Result(exitStatus(outcome.status()), report(FlowReport.ofInvoiceFlow(outcome)), notes.toString());
        } finally {
            delete(staging);
        }
    }

    /** A life-cycle document: read as the engine reads it, its lines decided against the root's ledger and registry. */
    private Result checkLifeCycle(Path file, LifeCycleReader.Kind kind, String sender, String flowId) throws IOException {
        Path staging = Files.createTempDirectory("chorus-edi-validate");
        CamelContext context = camel != null ? camel : new DefaultCamelContext();
        try {
            if (camel == null) {
                context.start();
            }
            LifeCycleReader.Read read = lifeCycleReader.read(file, file.getFileName().toString(), kind, context);
            lifeCycle.prepare(read, sender, staging);
            LifeCycleOutcome outcome = lifeCycle.decide(flowId, sender, file.getFileName().toString(), Files.size(file), null, read,
                    staging);
            return new Result(exitStatus(outcome.status()), report(FlowReport.ofLifeCycleFlow(outcome)), "");
        } finally {
            if (camel == null) {
                context.stop();
            }
            delete(staging);
        }
    }

    private static int exitStatus(String flowStatus) {
        return FlowStatus.ACCEPTED.code().equals(flowStatus) ? 0 : 1;
    }

    /** The report as the engine writes it (a few kilobytes: a line per invoice). */
    private byte[] report(FlowReport report) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            new CppStatutWriter(enginePartnerCode).write(report, bytes);
        } catch (XMLStreamException e) {
            throw new IOException("the flow report could not be written", e);
        }
        return bytes.toByteArray();
    }

    private static void delete(Path staging) throws IOException {
        try (var staged = Files.walk(staging)) {
            for (Path p : staged.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
