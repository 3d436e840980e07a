package org.chorusedi.rules;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import net.sf.saxon.s9api.XdmNode;
import org.chorusedi.logging.FlowLog;
import org.chorusedi.decision.Finding;
import org.chorusedi.decision.ReasonCode;
import org.chorusedi.validation.Syntax;

/**
 * The EN 16931 rules on each invoice of a flow that passed its schema, at the sending partner's level
 * (chorus.rules.level, chorus.rules.level-by-partner): a failed rule of flag fatal rejects the invoice
 * with I20, one error line per rule; at level warn, and for rules of flag warning, the invoice's warnings.
 * Invoices are independent: they are checked side by side on the engine's rules threads, each on the tree its flow's
 * first pass built of it when there is one ({@link #treesFor}), else on a tree parsed from its staged file.
 */
public final class RulesControl {

    /**
     * An invoice to check: how the error lines name it, and its own bytes, staged.
     *
     * @param ownBytes  its size without its attachments' base64, which the rules never see
     * @param treeNodes the nodes of its tree (elements, attributes, texts), counted as it was read
     * @param tree      its tree from the first pass, given back once checked; null: its staged file is parsed
     */
    public record Invoice(String name, Syntax syntax, Path staged, long ownBytes, long treeNodes, InvoiceTree tree) {

        long heapNeeded() {
            return RulesHeap.need(ownBytes, treeNodes);
        }
    }

    /** What the rules say of one invoice: its rejections (I20) and its warnings, each a line. */
    public record Verdict(List<Finding> rejections, List<String> warnings) {
        public static final Verdict NONE = new Verdict(List.of(), List.of());
    }

    /** The rule id of an invoice too large for the rules' share of the heap (see {@link RulesHeap}). */
    private static final String TOO_LARGE = "EN16931-SIZE";
    /**
     * Invoices handed to the rules threads ahead of the one whose verdict is awaited: more than a flow holds by
     * default (chorus.flow.max-invoices, 500), so that such a flow is handed over whole and checked before the
     * next one's invoices (two flows interleaved would both wait to the end); a larger flow waits its turn.
     */
    private static final int IN_FLIGHT = 1000;
    /**
     * The least maximum heap in which trees are built from the first pass: building them loads Saxon while the first
     * pass still reads, a few MB its reading may need in a small heap (LargeFacturXMemoryIT reads a 70 MB Factur-X in
     * -Xmx32m, an invoice the rules refuse without ever loading Saxon).
     */
    static final long TREES_AHEAD_HEAP = 128L << 20;

    private final RuleLevel level;
    private final Map<String, RuleLevel> byPartner;
    private final ExecutorService threads;
    private final RulesHeap heap;

    /**
     * @param threads where invoices are checked, owned by the caller (see {@link #newThreadPool})
     */
    public RulesControl(RuleLevel level, Map<String, RuleLevel> byPartner, ExecutorService threads) {
        this(level, byPartner, threads, RulesHeap.ofThisJvm());
    }

    RulesControl(RuleLevel level, Map<String, RuleLevel> byPartner, ExecutorService threads, RulesHeap heap) {
        this.level = level;
        this.byPartner = Map.copyOf(byPartner);
        this.threads = threads;
        this.heap = heap;
    }

    /** At the levels of the settings. The rules are compiled (once per JVM, a few seconds) for the first invoice they check. */
    public static RulesControl of(RulesSettings settings, ExecutorService threads) {
        return new RulesControl(settings.level(), settings.levelByPartner(), threads);
    }

    /**
     * One thread per core: an invoice's check is all computing, and its tree lives while it runs (large trees
     * wait for their share of the heap, see {@link RulesHeap}).
     */
    public static ExecutorService newThreadPool() {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), task -> {
            Thread thread = new Thread(task, "chorus-rules-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Where a flow of this partner's has its invoices' trees built from its first pass, for its check; none when its
     * rules are off, or in a heap under {@link #TREES_AHEAD_HEAP}. The caller closes it when the flow is done with.
     */
    public InvoiceTrees treesFor(String partner) {
        return levelFor(partner) == RuleLevel.OFF || heap.maxHeap() < TREES_AHEAD_HEAP ? InvoiceTrees.NONE : new InvoiceTrees(heap);
    }

    private RuleLevel levelFor(String partner) {
        return byPartner.getOrDefault(partner, level);
    }

    /**
     * The verdict on each invoice, in order; an invoice given as null (it failed its schema) is not checked.
     *
     * @throws IOException when a staged invoice cannot be read (the disk's fault, not the sender's)
     */
    public List<Verdict> check(String partner, List<Invoice> invoices) throws IOException {
        RuleLevel partnerLevel = levelFor(partner);
        List<Verdict> verdicts = new ArrayList<>();
        if (partnerLevel == RuleLevel.OFF) {
            invoices.forEach(i -> verdicts.add(Verdict.NONE));
            return verdicts;
        }
        // At most IN_FLIGHT invoices handed to the rules threads ahead of the one awaited: a flow of 100,000
        // invoices is read far faster than it is checked, and a task waiting in the queue holds memory.
        List<Future<List<RuleFailure>>> running = new ArrayList<>(Collections.nCopies(invoices.size(), null));
        int submitted = 0;
        try {
            for (int i = 0; i < invoices.size(); i++) {
                for (; submitted < invoices.size() && submitted < i + IN_FLIGHT; submitted++) {
                    running.set(submitted, submit(invoices.get(submitted)));
                }
                Future<List<RuleFailure>> checked = running.set(i, null);
                verdicts.add(checked == null ? Verdict.NONE : verdict(invoices.get(i).name(), checked.get(), partnerLevel));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while checking the EN 16931 rules");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the EN 16931 rules failed", e.getCause());
        } finally {
            running.stream().filter(f -> f != null).forEach(f -> f.cancel(true));
        }
        return verdicts;
    }

    /** Null for an invoice not to check (it failed its schema). */
    private Future<List<RuleFailure>> submit(Invoice invoice) {
        return invoice == null ? null
                : !heap.fits(invoice.heapNeeded()) ? CompletableFuture.completedFuture(List.of(tooLarge(invoice)))
                : threads.submit(FlowLog.carried(() -> check(invoice)));
    }

    /** On the tree of the first pass, which holds its share of the heap already, while it is there; else from the staged file. */
    private List<RuleFailure> check(Invoice invoice) throws Exception {
        XdmNode tree = invoice.tree() == null ? null : invoice.tree().use();
        if (tree == null) {
            return heap.check(invoice.heapNeeded(), () -> BusinessRules.shared().check(invoice.staged(), invoice.syntax()));
        }
        try {
            return BusinessRules.shared().check(tree, invoice.syntax());
        } finally {
            invoice.tree().release();
        }
    }

    /** Says what heap would check it: the operator's answer is -Xmx. */
    private RuleFailure tooLarge(Invoice invoice) {
        return new RuleFailure(TOO_LARGE, true, "the invoice weighs " + invoice.ownBytes() + " bytes without its attachments,"
                + " a tree of " + invoice.treeNodes() + " nodes: the EN 16931 rules would need " + mib(invoice.heapNeeded())
                + " MiB of heap to check it, over the " + mib(heap.share()) + " MiB they may take of this engine's "
                + mib(heap.maxHeap()) + " MiB (half); a maximum heap of " + mib(RulesHeap.heapFor(invoice.heapNeeded()))
                + " MiB (-Xmx) would check it", "/", 1);
    }

    /** Rounded up. */
    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private static Verdict verdict(String name, List<RuleFailure> failures, RuleLevel level) {
        List<Finding> rejections = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (RuleFailure failure : failures) {
            if (failure.fatal() && level == RuleLevel.REJECT) {
                rejections.add(new Finding(ReasonCode.I20, name + ": " + failure.describe()));
            } else {
                warnings.add(name + ": [" + (failure.fatal() ? "fatal" : "warning") + "] " + failure.describe());
            }
        }
        return new Verdict(rejections, warnings);
    }
}
