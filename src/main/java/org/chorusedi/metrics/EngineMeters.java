package org.chorusedi.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.DoubleSupplier;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.far37.PublicationResult;
import org.chorusedi.flow.FlowOutcome;
import org.chorusedi.flow.InvoiceOutcome;
import org.chorusedi.decision.Finding;

/**
 * The engine's own meters, in the registry Camel's Prometheus endpoint scrapes (docs/operators/watching.md, "Metrics"):
 * the one place that knows their names and labels. Each is updated where the engine records an outcome.
 */
public final class EngineMeters {

    /** The flow duration histogram's buckets: from a small flow's fraction of a second to a 1 GB flow's minutes. */
    private static final Duration[] BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
        Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10)};

    /** The kind of a flow of invoices, as the ledger names it beside the life-cycle kinds. */
    private static final String INVOICES = "INVOICES";

    private final MeterRegistry registry;
    private final AtomicInteger inProgress = new AtomicInteger();

    public EngineMeters(MeterRegistry registry) {
        this.registry = registry;
        registry.gauge("chorus.flows.in.progress", inProgress);
    }

    /** Meters kept nowhere else: for the parts of the engine that run without the engine (tests, commands). */
    public static EngineMeters none() {
        return new EngineMeters(new SimpleMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Which node this is: an info metric, always 1, whose labels name it (a node's other series join on its instance). */
    public void node(String nodeId, String mode) {
        Gauge.builder("chorus.node.info", () -> 1).description("Which node this is: its node id and mode (single, cluster)")
                .tag("node", nodeId).tag("mode", mode).register(registry);
    }

    /** In cluster mode: this node's claims and the live nodes, read from the database when scraped (NaN when it does not answer). */
    public void cluster(DoubleSupplier claimsHeld, DoubleSupplier nodesAlive) {
        Gauge.builder("chorus.flow.claims", claimsHeld::getAsDouble)
                .description("Flows this node holds a claim on (being processed, or waiting to be settled)").register(registry);
        Gauge.builder("chorus.cluster.nodes.alive", nodesAlive::getAsDouble)
                .description("Nodes of the cluster whose lease has not passed, by the database's clock").register(registry);
    }

    /**
     * The works documents waiting for an answer, read from the ledger when scraped (NaN when it does not answer): by
     * the party they wait for, and the drafts past their MOE's delay. Readiness-neutral: a late MOE is the parties'
     * matter, not the engine's health.
     */
    public void works(DoubleSupplier waitingForMoe, DoubleSupplier waitingForMoa, DoubleSupplier late) {
        Gauge.builder("chorus.works.waiting", waitingForMoe::getAsDouble)
                .description("Works documents waiting for an answer: drafts with their MOE, MOE's statements with their MOA")
                .tag("party", "moe").register(registry);
        Gauge.builder("chorus.works.waiting", waitingForMoa::getAsDouble)
                .description("Works documents waiting for an answer: drafts with their MOE, MOE's statements with their MOA")
                .tag("party", "moa").register(registry);
        Gauge.builder("chorus.works.late", late::getAsDouble)
                .description("Works drafts still waiting for their MOE past its delay (chorus.works.moe-delay-days)").register(registry);
    }

    /** A flow is being read, checked and published (paired with {@link #flowEnded}). */
    public void flowStarted() {
        inProgress.incrementAndGet();
    }

    public void flowEnded() {
        inProgress.decrementAndGet();
    }

    /** A flow of invoices, once committed and published: what was read, what it became, how long it took. */
    public void flowDecided(FlowOutcome flow, Duration took) {
        flow(flow.partner(), INVOICES, flow.status(), flow.sizeBytes());
        Timer.builder("chorus.flow.duration").description("From reading a flow to its publication, by flow status")
                .tag("status", flow.status()).serviceLevelObjectives(BUCKETS).register(registry).record(took);
        long delivered = flow.deliveredCount();
        invoices(flow.partner(), "delivered").increment(delivered);
        invoices(flow.partner(), "rejected").increment(flow.invoices().size() - delivered);
        flow.flowFindings().forEach(this::rejection);
        flow.invoices().stream().filter(i -> !i.delivered()).map(InvoiceOutcome::findings)
                .forEach(findings -> findings.forEach(this::rejection));
    }

    /** A life-cycle flow (STATUSES, RECYCLING, COMPLETION) decided, once committed and published. */
    public void lifeCycleFlowDecided(String partner, String kind, String status, long sizeBytes) {
        flow(partner, kind, status, sizeBytes);
    }

    private void flow(String partner, String kind, String status, long sizeBytes) {
        Counter.builder("chorus.flows").description("Flows decided, by partner, kind and flow status (92, 96, 93)")
                .tag("partner", partner).tag("kind", kind).tag("status", status).register(registry).increment();
        Counter.builder("chorus.flow.read").baseUnit("bytes").description("Bytes of the flows decided, by partner")
                .tag("partner", partner).register(registry).increment(sizeBytes);
    }

    /** A flow parked in failed/ after its retries. */
    public void flowParked(String partner) {
        Counter.builder("chorus.flows.parked").description("Flows parked in failed/, by partner")
                .tag("partner", partner).register(registry).increment();
    }

    /** A FAR37 extract published, or not. */
    public void far37Publication(PublicationResult result) {
        Counter.builder("chorus.far37.publications").description("FAR37 publications, by subscriber, type and outcome")
                .tag("subscriber", result.subscriber()).tag("type", result.type().name())
                .tag("outcome", result.published() ? "published" : "failed").register(registry).increment();
    }

    /** A directory file imported or rejected. */
    public void directoryImport(ImportReport report) {
        Counter.builder("chorus.directory.imports").description("Directory files dropped into directory/, by outcome")
                .tag("outcome", report.ok() ? "imported" : "rejected").register(registry).increment();
    }

    private Counter invoices(String partner, String outcome) {
        return Counter.builder("chorus.invoices").description("Invoices decided, by partner and outcome")
                .tag("partner", partner).tag("outcome", outcome).register(registry);
    }

    private void rejection(Finding finding) {
        Counter.builder("chorus.rejections").description("Reasons for rejecting a flow or an invoice, by reason code")
                .tag("code", finding.code().name()).register(registry).increment();
    }
}
