package org.chorusedi.far37;

import org.chorusedi.testkit.TestDirectory;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TimeZone;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.testkit.EngineRouteTestSupport;
import org.chorusedi.support.Far37Text;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.KeyMatcher;
import org.quartz.listeners.JobListenerSupport;

/**
 * The FAR37 schedule as the engine runs it: routes/far37.camel.yaml, one route per subscriber and
 * extract type from its template, the catch-up at start-up; the Quartz jobs are fired on demand.
 */
class Far37RouteTest extends EngineRouteTestSupport {

    private static final long WAIT_MS = 30_000;

    @Override
    protected Properties properties() {
        Properties properties = super.properties();
        properties.setProperty("chorus.far37.subscribers", "AAA001,BBB002");
        properties.setProperty("chorus.far37.subscriber.BBB002.gzip", "true");
        return properties;
    }

    /** The engine of the base class, with the FAR37 subscribers of {@link #properties()}. */
    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        Configuration configuration = engineConfiguration();
        engine = Engine.open(EngineSettings.read(configuration), Far37Settings.read(configuration));
        TestDirectory.copyInto(folders().directory());
        engine.directoryDrop().importPending();
        engine.routeBeans().forEach(registry::bind);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        List<RoutesBuilder> builders = new ArrayList<>(List.of(super.createRouteBuilders()));
        builders.addAll(PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/far37.camel.yaml")));
        builders.addAll(engine.routeBuilders());
        return builders.toArray(RoutesBuilder[]::new);
    }

    @Test
    void eachSubscriberGetsAFullAtStartUpThenOneExtractPerFire() throws Exception {
        awaitStartUpExtracts();
        Path aaa = folders().root().resolve("far37/AAA001");
        Path bbb = folders().root().resolve("far37/BBB002");

        fire("AAA001", ExtractType.DELTA);
        fire("AAA001", ExtractType.FULL);

        List<Path> extracts = extracts(aaa);
        assertEquals(3, extracts.size(), extracts.toString());
        assertTrue(extracts.get(0).getFileName().toString().matches("FAR37_AAA001_FULL_\\d{14}_1\\.xml"), extracts.toString());
        assertTrue(extracts.get(1).getFileName().toString().matches("FAR37_AAA001_DELTA_\\d{14}_2\\.xml"), extracts.toString());
        assertTrue(extracts.get(2).getFileName().toString().matches("FAR37_AAA001_FULL_\\d{14}_3\\.xml"), extracts.toString());
        for (Path extract : extracts) {
            Far37Fixture.assertValid(extract);
            assertTrue(Files.exists(Path.of(extract + ".sha256")), extract + " has its checksum");
        }
        assertEquals("5", Far37Fixture.Extract.read(extracts.get(2)).header("NombreStructures"));
        List<Path> others = extracts(bbb);
        assertEquals(1, others.size(), "a fire publishes for its own subscriber only: " + others);
        assertTrue(others.get(0).getFileName().toString().endsWith("_1.xml.gz"), others.toString());
    }

    @Test
    void triggersFollowTheConfiguredCronExpressionsInTheirTimeZone() throws Exception {
        awaitStartUpExtracts();
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();

        CronTrigger full = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("AAA001-FULL", "far37"));
        CronTrigger delta = (CronTrigger) scheduler.getTrigger(TriggerKey.triggerKey("BBB002-DELTA", "far37"));

        assertEquals("0 0 2 ? * SUN", full.getCronExpression());
        assertEquals("0 0 2 * * ?", delta.getCronExpression());
        assertEquals(TimeZone.getTimeZone("Europe/Paris"), full.getTimeZone());
        assertEquals(4, context.getRoutes().stream().filter(r -> r.getRouteId().matches("far37-[A-Z0-9]+-(FULL|DELTA)")).count());
    }

    @Test
    void aFailedFireChangesNothingAndTheNextFireCatchesUp() throws Exception {
        awaitStartUpExtracts();
        Path aaa = folders().root().resolve("far37/AAA001");
        Path moved = Files.move(aaa, folders().root().resolve("far37/moved"));
        Files.writeString(aaa, "a file where the folder was");

        fire("AAA001", ExtractType.DELTA);

        Files.delete(aaa);
        Files.move(moved, aaa);
        assertEquals(1, extracts(aaa).size());
        fire("AAA001", ExtractType.DELTA);
        List<Path> extracts = extracts(aaa);
        assertEquals(2, extracts.size(), extracts.toString());
        assertTrue(extracts.get(1).getFileName().toString().matches("FAR37_AAA001_DELTA_\\d{14}_2\\.xml"), extracts.toString());
    }

    @Test
    void aFar37ExtractDroppedIntoTheDirectoryFolderIsImported() throws Exception {
        awaitStartUpExtracts();
        NotifyBuilder imported = new NotifyBuilder(context).fromRoute("directory-import").whenDone(1).create();
        String extract = Far37Text.header("DELTA", "2025-01-01T00:00:00Z", 1)
                + Far37Text.structure("33000000000011", "Nouvelle structure", "ACTIF", "2025-03-01T00:00:00Z",
                        Far37Text.service("COMPTA", "ACTIF"))
                + "</FAR37>";
        Path aside = folders().directory().resolve("FAR37_CPP002_DELTA_20250302010000_4.xml.part");
        Files.writeString(aside, extract, StandardCharsets.UTF_8);
        Files.move(aside, folders().directory().resolve("FAR37_CPP002_DELTA_20250302010000_4.xml"),
                StandardCopyOption.ATOMIC_MOVE);

        await(imported);

        assertEquals("Nouvelle structure", engine.directory().structure("33000000000011").orElseThrow().name());
        assertTrue(engine.directory().service("33000000000011", "COMPTA").orElseThrow().active());
        assertEquals(1, files(folders().directory().resolve("imported")).stream()
                .filter(p -> p.getFileName().toString().endsWith("_FAR37_CPP002_DELTA_20250302010000_4.xml")).count());
    }

    /** Fires that subscriber's Quartz job now, as its schedule would, and waits until the job has run. */
    private void fire(String subscriber, ExtractType type) throws Exception {
        Scheduler scheduler = context.getComponent("quartz", QuartzComponent.class).getScheduler();
        JobKey job = JobKey.jobKey(subscriber + "-" + type, "far37");
        CountDownLatch ran = new CountDownLatch(1);
        JobListenerSupport listener = new JobListenerSupport() {
            @Override
            public String getName() {
                return "test-" + job;
            }

            @Override
            public void jobWasExecuted(JobExecutionContext execution, JobExecutionException failure) {
                ran.countDown();
            }
        };
        scheduler.getListenerManager().addJobListener(listener, KeyMatcher.keyEquals(job));
        try {
            scheduler.triggerJob(job);
            assertTrue(ran.await(WAIT_MS, TimeUnit.MILLISECONDS), "the " + type + " fire for " + subscriber + " did not run");
        } finally {
            scheduler.getListenerManager().removeJobListener(listener.getName());
        }
    }

    /** The subscriber's extracts (not their checksums), by sequence number. */
    private static List<Path> extracts(Path folder) throws IOException {
        return files(folder).stream()
                .filter(p -> p.getFileName().toString().matches("FAR37_.*_\\d+\\.xml(\\.gz)?"))
                .sorted((a, b) -> Long.compare(sequence(a), sequence(b)))
                .toList();
    }

    private static long sequence(Path extract) {
        return Long.parseLong(extract.getFileName().toString().replaceFirst("^.*_(\\d+)\\.xml(\\.gz)?$", "$1"));
    }

    /** The catch-up at start-up publishes each new subscriber's first FULL: waits for both, and for the catch-up to end. */
    private void awaitStartUpExtracts() throws Exception {
        awaitExtracts(folders().root().resolve("far37/AAA001"), 1);
        awaitExtracts(folders().root().resolve("far37/BBB002"), 1);
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (context.getInflightRepository().size("far37-catch-up") > 0) {
            assertTrue(System.currentTimeMillis() < deadline, "the catch-up did not end");
            Thread.sleep(20);
        }
    }

    private static void awaitExtracts(Path folder, int count) throws Exception {
        long deadline = System.currentTimeMillis() + WAIT_MS;
        while (extracts(folder).size() < count || files(folder).size() < 2 * count) {
            assertTrue(System.currentTimeMillis() < deadline, "no " + count + " extract(s) in " + folder);
            Thread.sleep(50);
        }
    }
}
