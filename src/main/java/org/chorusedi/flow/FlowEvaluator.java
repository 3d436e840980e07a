package org.chorusedi.flow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.chorusedi.controls.InvoiceCheck;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Service;
import org.chorusedi.directory.Structure;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.Partner;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.rules.InvoiceTrees;
import org.chorusedi.rules.RulesControl;
import org.chorusedi.text.Digits;
import org.chorusedi.validation.Quoted;

/**
 * Decides a flow: the file checks, one pass of reading (each invoice staged on the way), the EN 16931
 * rules on each invoice that passed its schema, then the routing controls per invoice. Publishes nothing: the engine and the {@code validate} command share
 * this code path.
 */
public final class FlowEvaluator {

    private final FlowReader reader;
    private final RecognitionSettings recognition;
    private final RoutingControls controls;
    private final RulesControl rules;
    private final long maxFlowBytes;

    public FlowEvaluator(FlowReader reader, RoutingControls controls, RulesControl rules, RecognitionSettings recognition,
                         long maxFlowBytes) {
        this.reader = reader;
        this.recognition = recognition;
        this.controls = controls;
        this.rules = rules;
        this.maxFlowBytes = maxFlowBytes;
    }

    /**
     * @param partner  the code of the partner that sent it
     * @param partners the registry the emission check runs against (PartnerLookup.OPEN: no check)
     * @param staging  an empty folder: each invoice's own bytes are staged there, for delivery
     */
    public FlowOutcome evaluate(Path file, String partner, String flowId, DirectoryLookup directory, PartnerLookup partners,
            Path staging) throws IOException {
        return evaluate(file, partner, flowId, directory, partners, staging, DepositMode.EDI);
    }

    /** The same, under the size limits of the flow's deposit mode. */
    public FlowOutcome evaluate(Path file, String partner, String flowId, DirectoryLookup directory, PartnerLookup partners,
            Path staging, DepositMode mode) throws IOException {
        String fileName = file.getFileName().toString();
        long size = Files.size(file);
        FlowRead read;
        List<RulesControl.Verdict> verdicts;
        // Whatever becomes of the flow, the trees built as it was read give their share of the heap back here.
        try (InvoiceTrees trees = rules.treesFor(partner)) {
            if (size == 0) {
                read = FlowRead.rejected(new Finding(ReasonCode.F01, fileName + ": the file is empty"));
            } else if (size > maxFlowBytes) {
                read = FlowRead.rejected(new Finding(ReasonCode.F02,
                        fileName + ": " + size + " bytes, over the limit of " + maxFlowBytes + " bytes"));
            } else {
                read = reader.read(file, fileName, staging, mode, recognition.on(partner), trees);
            }
            verdicts = rules.check(partner, read.invoices().stream().map(FlowEvaluator::toCheck).toList());
        }
        DirectoryLookup cached = new FlowDirectoryCache(directory);
        PartnerLookup cachedPartners = new FlowPartnerCache(partners);
        List<InvoiceOutcome> invoices = new ArrayList<>();
        RoutingControls flowControls = controls.forOneFlow();
        for (int i = 0; i < read.invoices().size(); i++) {
            InvoiceRead invoice = read.invoices().get(i);
            InvoiceCheck check = flowControls.check(invoice.keys(), invoice.index(), partner, cached, cachedPartners);
            List<Finding> findings = new ArrayList<>(invoice.findings());
            // An invoice whose attachments are not base64 (I16) was not looked into for its PDF: I16 says why.
            if (invoice.keys().minimal() && invoice.pdf() == null && passedSchema(invoice)) {
                findings.add(new Finding(ReasonCode.I32, InvoiceCheck.name(invoice.keys(), invoice.index()) + ": BT-24 "
                        + Quoted.capped(invoice.keys().specificationId()) + " is a minimal profile, whose legal invoice is its PDF, and it has none: deposit it inside its Factur-X PDF,"
                        + " or carry the PDF as its first attachment of mimeCode application/pdf"));
            }
            findings.addAll(verdicts.get(i).rejections());
            findings.addAll(check.findings());
            invoices.add(new InvoiceOutcome(invoice, invoiceId(flowId, invoice.index()), findings,
                    check.structure().map(Structure::name).orElse(null), check.service().map(Service::name).orElse(null),
                    verdicts.get(i).warnings(), findings.isEmpty() ? check.route() : check.unrouted()));
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneId.systemDefault()).truncatedTo(ChronoUnit.MILLIS);
        return new FlowOutcome(flowId, partner, fileName, size, read.sha256(), now, read.flowFindings(), invoices);
    }

    /** What the rules check of an invoice; null when they do not check it (its tree, if any, is given back). */
    private static RulesControl.Invoice toCheck(InvoiceRead i) {
        if (passedSchema(i) && !i.keys().minimal()) {
            return new RulesControl.Invoice(InvoiceCheck.name(i.keys(), i.index()), i.syntax(), i.staged(), i.ownBytes(), i.treeNodes(), i.tree());
        }
        if (i.tree() != null) {
            i.tree().release();
        }
        return null;
    }

    private static boolean passedSchema(InvoiceRead invoice) {
        return invoice.findings().stream().noneMatch(f -> f.code() == ReasonCode.I16);
    }

    static String invoiceId(String flowId, int index) {
        return flowId + "-" + Digits.padded(index, 4);
    }

    /** A flow's invoices mostly go to a few recipients: ask the directory once for each. */
    private static final class FlowDirectoryCache implements DirectoryLookup {
        private final DirectoryLookup directory;
        private final Map<String, Optional<Structure>> structures = new HashMap<>();
        private final Map<List<String>, Optional<Service>> services = new HashMap<>();

        FlowDirectoryCache(DirectoryLookup directory) {
            this.directory = directory;
        }

        @Override
        public Optional<Structure> structure(String identifier) {
            return structures.computeIfAbsent(identifier, directory::structure);
        }

        @Override
        public Optional<Service> service(String structureIdentifier, String serviceCode) {
            return services.computeIfAbsent(List.of(structureIdentifier, serviceCode),
                    key -> directory.service(structureIdentifier, serviceCode));
        }
    }

    /** A flow has one sender and mostly one or a few suppliers: ask the registry once for each. */
    private static final class FlowPartnerCache implements PartnerLookup {
        private final PartnerLookup partners;
        private final Map<String, Optional<Partner>> known = new HashMap<>();
        private final Map<List<Object>, Boolean> connections = new HashMap<>();

        FlowPartnerCache(PartnerLookup partners) {
            this.partners = partners;
        }

        @Override
        public Optional<Partner> partner(String code) {
            return known.computeIfAbsent(code, partners::partner);
        }

        @Override
        public boolean connected(String partnerCode, String identifier, Direction direction) {
            return connections.computeIfAbsent(Arrays.asList(partnerCode, identifier, direction), // the identifier may be null
                    key -> partners.connected(partnerCode, identifier, direction));
        }
    }
}
