package org.chorusedi.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.chorusedi.config.Folders;
import org.chorusedi.config.Configuration;
import org.chorusedi.directory.Database;
import org.chorusedi.engine.Engine;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.far37.Far37Settings;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real engine on a temporary root: the intake's routes of routes/ loaded as camel-main loads them, the
 * beans of {@link Engine}, the test directory (src/test/resources/directory.csv) imported.
 * Tests drop files the way senders must (write aside, then rename) and wait with a NotifyBuilder.
 */
public abstract class EngineRouteTestSupport extends CamelTestSupport {

    @TempDir
    protected Path root;

    /** The test's own database (H2, or PostgreSQL under .ci/run), made once per test. */
    private String databaseUrl;

    protected Engine engine;

    protected Folders folders() {
        return engine.folders();
    }

    private CamelContextConfiguration configuration;

    @Override
    public void configureContext(CamelContextConfiguration configuration) {
        super.configureContext(configuration);
        this.configuration = configuration;
    }

    /** The temporary root exists only now, after construction: the properties are given here. */
    @Override
    protected void doPreSetup() throws Exception {
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties());
    }

    protected Properties properties() {
        if (databaseUrl == null) {
            databaseUrl = TestDatabase.url(root.resolve("db"));
        }
        return Configuration.of(Map.of(
                "chorus.db.url", databaseUrl,
                "chorus.db.user", TestDatabase.user(),
                "chorus.root", root.toString(),
                "chorus.intake.poll-delay-ms", "100",
                "chorus.intake.read-lock-min-age-ms", "0",
                "chorus.intake.read-lock-check-interval-ms", "100",
                "chorus.intake.retries", "2",
                "chorus.intake.retry-delay-ms", "100",
                "chorus.directory.poll-delay-ms", "100")).properties();
    }

    /** The configuration of {@link #properties()}, as the engine reads it. */
    protected Configuration engineConfiguration() {
        Map<String, String> all = new HashMap<>();
        Properties properties = properties();
        properties.stringPropertyNames().forEach(key -> all.put(key, properties.getProperty(key)));
        return Configuration.of(all);
    }

    /** The JDBC URL of the test's database. */
    protected String databaseUrl() {
        properties();
        return databaseUrl;
    }

    /** The engine's database, which a test may make fail on purpose; as it is otherwise. */
    protected FaultyDataSource database;

    @Override
    protected void bindToRegistry(Registry registry) throws Exception {
        engine = Engine.open(engineConfiguration().settings(), Far37Settings.none(root),
                dataSource -> database = new FaultyDataSource(dataSource));
        DirectoryFiles.testDirectory(folders().directory());
        engine.directoryDrop().importPending();
        engine.routeBeans().forEach(registry::bind);
    }

    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        return PluginHelper.getRoutesLoader(context)
                .findRoutesBuilders(ResourceHelper.resolveMandatoryResource(context, "classpath:routes/flow-failures.camel.yaml"),
                        ResourceHelper.resolveMandatoryResource(context, "classpath:routes/intake.camel.yaml"))
                .toArray(RoutesBuilder[]::new);
    }

    private Database ledgerDatabase;

    /** The engine's database, through connections of the test's own. */
    protected Database testDatabase() {
        if (ledgerDatabase == null) {
            ledgerDatabase = Database.open(databaseUrl, TestDatabase.user(), "");
        }
        return ledgerDatabase;
    }

    /** The engine's ledger, read through a connection of the test's own. */
    protected Ledger ledger() {
        return new Ledger(testDatabase().dataSource());
    }

    @Override
    protected void doPostTearDown() throws Exception {
        if (ledgerDatabase != null) {
            ledgerDatabase.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    /** Drops a flow as a sender must: written aside under a .part name, then renamed. */
    protected Path drop(String partner, String name, String content) throws IOException {
        return drop(partner, name, content.getBytes(StandardCharsets.UTF_8));
    }

    protected Path drop(String partner, String name, byte[] content) throws IOException {
        Path folder = Files.createDirectories(folders().in().resolve(partner));
        Path aside = folder.resolve(name + ".part");
        Files.write(aside, content);
        return Files.move(aside, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    /** How many dropped files a test waits to see decided, counted from when it was made. */
    protected record FlowsDone(int target) {
    }

    /**
     * Waits for this many more flows to be decided. The truth is on disk: a flow is decided once its
     * original is kept in archive/ or rejected/ (the last move of its publication) and the route has
     * nothing left in flight. (A NotifyBuilder on the route miscounts: the route hands each file to a
     * thread pool, and some exchanges are reported twice.)
     */
    protected FlowsDone flowsDone(int count) throws IOException {
        return new FlowsDone(kept() + count);
    }

    protected void await(FlowsDone flows) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (kept() < flows.target() || context.getInflightRepository().size("flow-intake") > 0) {
            assertTrue(System.nanoTime() < deadline, "the engine did not finish the flows in time");
            Thread.sleep(20);
        }
    }

    /** Waits for a NotifyBuilder (the directory route's, for one). */
    protected static void await(NotifyBuilder notify) {
        assertTrue(notify.matches(30, TimeUnit.SECONDS), "the engine did not finish in time");
    }

    private int kept() throws IOException {
        int count = 0;
        for (Path folder : List.of(folders().archive(), folders().rejected())) {
            count += (int) files(folder).stream().filter(p -> p.getFileName().toString().contains("__")).count();
        }
        return count;
    }

    /** Every file under a folder (links and special files too, never followed), sorted. */
    protected static List<Path> files(Path folder) throws IOException {
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
        }
    }

    /** The one file under a folder whose name ends so. */
    protected static Path single(Path folder, String suffix) throws IOException {
        List<Path> matches = files(folder).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        assertTrue(matches.size() == 1, () -> "expected one *" + suffix + " under " + folder + ", found " + matches);
        return matches.get(0);
    }
}
