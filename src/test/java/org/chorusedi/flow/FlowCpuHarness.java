package org.chorusedi.flow;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.chorusedi.config.Configuration;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.rules.RuleLevel;
import org.chorusedi.rules.RulesControl;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;

/**
 * The CPU one small single-invoice flow costs the engine's decision (reading, validation, staging, the EN 16931
 * rules at level reject, the routing controls), on a warm JVM: the files are decided once to warm it, then again,
 * measured. Not a test: run by hand, on two builds side by side (docs/contributors/performance.md, "One parse for
 * the rules"). Only the API both sides of that change share is used.
 *
 * <pre>java -Xmx1g -cp target/test-classes:target/classes:$(cat target/classpath.txt) org.chorusedi.flow.FlowCpuHarness FOLDER [files]</pre>
 */
public final class FlowCpuHarness {

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        Path flows = folder.resolve("flows");
        if (!Files.isDirectory(flows)) {
            Files.createDirectories(flows);
            for (int i = 1; i <= count; i++) {
                Files.writeString(flows.resolve(String.format("f-%05d.xml", i)),
                        InvoiceTemplate.toMinistry().withNumber("F-" + i).withLines(10).ubl());
            }
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(flows)) {
            files = listed.sorted().limit(count).toList();
        }
        FlowLimits limits = FlowLimits.read(Configuration.of(Map.of()));
        ExecutorService validators = ValidationPipeline.newThreadPool();
        ExecutorService rulesThreads = RulesControl.newThreadPool();
        FlowEvaluator evaluator = new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), limits, validators),
                new RoutingControls(MarketLookup.NONE), new RulesControl(RuleLevel.REJECT, Map.of(), rulesThreads),
                RecognitionSettings.ON, limits.maxFlowBytes());
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (String round : List.of("warm-up", "measured")) {
            Path staging = Files.createDirectories(folder.resolve("staging"));
            long cpu = os.getProcessCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < files.size(); i++) {
                evaluator.evaluate(files.get(i), "AAA001", "AAA001-" + i, DirectoryLookup.EMPTY, PartnerLookup.OPEN,
                        Files.createDirectory(staging.resolve("flow-" + i)));
            }
            cpu = os.getProcessCpuTime() - cpu;
            wall = System.nanoTime() - wall;
            System.out.printf("%s: %d flows, CPU %.2f ms a flow, wall %.2f ms a flow%n", round, files.size(),
                    cpu / 1e6 / files.size(), wall / 1e6 / files.size());
            try (Stream<Path> walk = Files.walk(staging)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        validators.shutdownNow();
        rulesThreads.shutdownNow();
    }
}
