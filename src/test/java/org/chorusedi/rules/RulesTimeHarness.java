package org.chorusedi.rules;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import net.sf.saxon.s9api.XdmNode;
import org.chorusedi.config.Configuration;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.flow.FlowLimits;
import org.chorusedi.flow.FlowReader;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.Syntax;
import org.chorusedi.validation.ValidationPipeline;

/**
 * How one small invoice's rules time splits, on a warm JVM: the whole check from the staged file, building its tree
 * alone from that file, the check of the tree the first pass built, and what building that tree adds to the first
 * pass (the process's CPU reading the file with and without it). Not a test: run by hand
 * (docs/contributors/performance.md, "One parse for the rules").
 *
 * <pre>mvn -B -o -q test-compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -Xmx1g -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.chorusedi.rules.RulesTimeHarness 2000</pre>
 */
public final class RulesTimeHarness {

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Path dir = Files.createTempDirectory("rules-time");
        Path file = Files.writeString(dir.resolve("invoice.xml"), InvoiceTemplate.toMinistry().withLines(10).ubl());
        BusinessRules rules = BusinessRules.shared();
        RulesHeap heap = new RulesHeap(Runtime.getRuntime().maxMemory());
        ExecutorService validators = ValidationPipeline.newThreadPool();
        FlowReader reader = new FlowReader(SchemaCatalog.shared(), FlowLimits.read(Configuration.of(Map.of())), validators);
        XdmNode tree = firstPassTree(reader, heap, dir, file);
        System.out.printf("invoice: UBL, 10 lines, %d bytes; %d rounds of each after %d of warm-up%n", Files.size(file), rounds, rounds);
        for (int pass = 0; pass < 2; pass++) {
            boolean report = pass == 1;
            double check = time(report, "check from the staged file", rounds, () -> rules.check(file, Syntax.UBL_INVOICE));
            double parse = time(report, "  of which building its tree from the file", rounds, () -> rules.parse(file));
            time(report, "check of the tree from the first pass", rounds, () -> rules.check(tree, Syntax.UBL_INVOICE));
            double without = cpu(report, "first pass without the tree (process CPU)", rounds, () -> read(reader, InvoiceTrees.NONE, dir, file));
            double with = cpu(report, "first pass building the tree (process CPU)", rounds, () -> {
                try (InvoiceTrees trees = new InvoiceTrees(heap)) {
                    return read(reader, trees, dir, file);
                }
            });
            if (report) {
                System.out.printf("building the tree: %.1f %% of the check from the file; on the first pass it adds %.3f ms%n",
                        100 * parse / check, with - without);
            }
        }
        validators.shutdownNow();
        delete(dir);
    }

    private static XdmNode firstPassTree(FlowReader reader, RulesHeap heap, Path dir, Path file) throws Exception {
        InvoiceTrees trees = new InvoiceTrees(heap);
        Path staging = Files.createDirectory(dir.resolve("kept"));
        return reader.read(file, "invoice.xml", staging, DepositMode.EDI, false, trees).invoices().get(0).tree().use();
    }

    private static Object read(FlowReader reader, InvoiceTrees trees, Path dir, Path file) throws Exception {
        Path staging = Files.createTempDirectory(dir, "staging");
        Object read = reader.read(file, "invoice.xml", staging, DepositMode.EDI, false, trees);
        delete(staging);
        return read;
    }

    /** Milliseconds of wall time per round, on this thread. */
    private static double time(boolean report, String what, int rounds, Callable<?> task) throws Exception {
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            task.call();
        }
        double ms = (System.nanoTime() - start) / 1e6 / rounds;
        if (report) {
            System.out.printf("%s: %.3f ms%n", what, ms);
        }
        return ms;
    }

    /** Milliseconds of the process's CPU per round: the first pass runs on two threads. */
    private static double cpu(boolean report, String what, int rounds, Callable<?> task) throws Exception {
        long start = OS.getProcessCpuTime();
        for (int i = 0; i < rounds; i++) {
            task.call();
        }
        double ms = (OS.getProcessCpuTime() - start) / 1e6 / rounds;
        if (report) {
            System.out.printf("%s: %.3f ms%n", what, ms);
        }
        return ms;
    }

    private static void delete(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
