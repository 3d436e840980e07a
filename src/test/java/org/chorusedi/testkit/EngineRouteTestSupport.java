package org.chorusedi.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.Service;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spi.Registry;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelContextConfiguration;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.chorusedi.config.Folders;
import org.chorusedi.config.Configuration;
import org.chorusedi.database.Database;
import org.chorusedi.engine.Engine;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.engine.EngineSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The route test kit's base class: the engine's real routes (routes/*.camel.yaml, as camel-main loads them)
 * and beans on a temporary root, with a database of the test's own, and the directory and partners of
 * {@link #prepareDirectory} imported before the routes start. A camel-test {@link CamelTestSupport}: a test
 * adds routes of its own by overriding {@code createRouteBuilder()} (Java) or {@link #userRoutes()} (route
 * files), mocks endpoints with {@code AdviceWith} (turning {@code isUseAdviceWith()} on, then starting the
 * context), and changes any configuration key in {@link #properties()}.
 * <p>
 * Flows are dropped the way senders must (written aside, then renamed): {@link #dropAndAwait} waits for the
 * engine's own event that the flow is finished (the intake route's exchange completed) and returns what
 * became of it, read from the ledger: {@link FlowResult}.
 * <p>
 * By default each test method gets an engine of its own, as camel-test gives each a Camel context of its own. A
 * class annotated {@link SharedEngine} opens one engine for all its methods (before the first, closed after the
 * last): faster, when its methods keep out of each other's way (see there). This is the kit's own sharing, for
 * test classes left per method for JUnit: camel-test's per-class mode ({@code @TestInstance(PER_CLASS)}) is
 * deprecated since Camel 4.7, and in 4.18 it still makes a context per method unless a deprecated protected
 * setting says otherwise, and does not stop them.
 */
public abstract class EngineRouteTestSupport extends CamelTestSupport {

    /** The engine's root: the test method's own, or the class's under {@link SharedEngine}. */
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
        if (sharesEngine()) {
            // camel-test starts and stops the context through this service: the class's context outlives its methods.
            configuration.withCamelContextService(new KeptContext());
        }
    }

    /** The temporary root exists only now, after construction: the properties are given here. */
    @Override
    protected void doPreSetup() throws Exception {
        if (sharesEngine()) {
            shared = SHARED.computeIfAbsent(getClass(), type -> new Shared());
            if (shared.root == null) {
                shared.root = Files.createTempDirectory("chorus-edi-" + getClass().getSimpleName() + "-");
                shared.completions = completions;
            }
            root = shared.root;
            databaseUrl = shared.databaseUrl;
            completions = shared.completions;
        }
        configuration.withUseOverridePropertiesWithPropertiesComponent(properties());
        if (shared != null) {
            shared.databaseUrl = databaseUrl;
        }
    }

    private boolean sharesEngine() {
        return getClass().isAnnotationPresent(SharedEngine.class)
                && !"false".equals(System.getProperty(SharedEngine.PROPERTY));
    }

    /** What the methods of a {@link SharedEngine} class share, from the first method's set-up to the class's end. */
    private static final class Shared {
        Path root;
        String databaseUrl;
        FlowCompletions completions;
        CamelContext context;
        Engine engine;
        FaultyDataSource database;
        boolean routesAdded;
    }

    /** The engines of the {@link SharedEngine} classes running (one at a time, unless classes run in parallel). */
    private static final Map<Class<?>, Shared> SHARED = new ConcurrentHashMap<>();

    /** This class's shared engine, or null when each method has its own. */
    private Shared shared;

    /** Closes the engine of a {@link SharedEngine} class after its last method and deletes its root. */
    @AfterAll
    static void closeSharedEngine(TestInfo test) throws Exception {
        Shared ending = test.getTestClass().map(SHARED::remove).orElse(null);
        if (ending == null) {
            return;
        }
        try {
            if (ending.context != null) {
                ending.context.stop();
            }
        } finally {
            if (ending.engine != null) {
                ending.engine.close();
            }
            deleteTree(ending.root);
        }
    }

    private static void deleteTree(Path tree) throws IOException {
        if (tree == null || !Files.exists(tree, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(tree)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * How camel-test starts and stops a {@link SharedEngine} class's context: started once, kept between methods
     * (once the engine is idle, its mocks reset), stopped by {@link #closeSharedEngine} after the last.
     */
    private final class KeptContext implements Service {
        @Override
        public void start() {
            if (context != null && !context.isStarted()) {
                context.start();
            }
        }

        @Override
        public void stop() {
            if (context == null) {
                return;
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (context.isStarted() && context.getInflightRepository().size() > 0 && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            MockEndpoint.resetMocks(context);
            try {
                clearFlows(shared);
            } catch (IOException | SQLException e) {
                throw new IllegalStateException("the shared engine could not be emptied for the next test", e);
            }
        }
    }

    /**
     * The tables that stay between the methods of a {@link SharedEngine} class: the directory's, the partners', the
     * markets' and the engine's own (its lock, the cluster's nodes, the scheduler's, the migrations'). Every other table holds
     * flows (the ledger's flows, invoices, moves and unique keys, the life-cycle events, the API's deposits, the
     * cluster's claims) and is emptied.
     */
    private static final Set<String> KEPT_TABLES = Set.of("structure", "service", "far37_subscription",
            "directory_clock", "partner", "partner_connection", "market", "market_party", "market_engagement", "technical_user",
            "engine_lock", "cluster_node", "flyway_schema_history");

    /** Empties the flow folders (not directory/ nor the database's db/) and the flows' tables of an idle engine. */
    private static void clearFlows(Shared shared) throws IOException, SQLException {
        if (shared == null || shared.engine == null) {
            return;
        }
        Folders folders = shared.engine.folders();
        for (Path folder : List.of(folders.in(), folders.out(), folders.ack(), folders.archive(), folders.rejected(),
                folders.failed(), folders.work())) {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> children = Files.list(folder)) {
                    for (Path child : children.toList()) {
                        deleteTree(child);
                    }
                }
            }
        }
        try (Connection connection = shared.engine.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            List<String> left = new ArrayList<>();
            try (ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%", null)) {
                while (tables.next()) {
                    String name = tables.getString("TABLE_NAME");
                    String lower = name.toLowerCase(Locale.ROOT);
                    boolean table = List.of("TABLE", "BASE TABLE").contains(tables.getString("TABLE_TYPE"));
                    if (table && !KEPT_TABLES.contains(lower) && !lower.startsWith("qrtz_")) {
                        left.add(name);
                    }
                }
            }
            // Children before their parents: what a foreign key holds back is emptied in the next round.
            while (!left.isEmpty()) {
                List<String> heldBack = new ArrayList<>();
                SQLException last = null;
                for (String table : left) {
                    try {
                        statement.executeUpdate("delete from \"" + table + "\"");
                    } catch (SQLException e) {
                        heldBack.add(table);
                        last = e;
                    }
                }
                if (heldBack.size() == left.size()) {
                    throw last;
                }
                left = heldBack;
            }
        }
    }

    /**
     * The engine's configuration (docs/operators/configuration.md: every key and its default): a fast-polling
     * intake, the database of {@link TestDatabase}. Override to change keys, starting from {@code super}'s.
     */
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
        if (shared != null && shared.engine != null) {
            engine = shared.engine;
            database = shared.database;
            return;
        }
        engine = Engine.open(EngineSettings.read(engineConfiguration()), Far37Settings.none(root),
                dataSource -> database = new FaultyDataSource(dataSource));
        if (shared != null) {
            shared.engine = engine;
            shared.database = database;
        }
        prepareDirectory(folders().directory());
        engine.directoryDrop().importPending();
        engine.routeBeans().forEach(registry::bind);
    }

    /** The test's Camel context, told of every exchange the intake route finishes (see {@link #dropAndAwait}). */
    @Override
    protected CamelContext createCamelContext() throws Exception {
        if (shared != null && shared.context != null) {
            return shared.context;
        }
        CamelContext camel = super.createCamelContext();
        camel.getManagementStrategy().addEventNotifier(completions);
        if (shared != null) {
            shared.context = camel;
        }
        return camel;
    }

    /**
     * Puts the directory files the engine imports before its routes start into its {@code directory/} folder:
     * by default the kit's ({@link TestDirectory}). Override to put a directory and a partner registry of your
     * own (a {@code *.csv} of structures, a {@code partenaires*.csv}, FAR37 extracts), as an operator drops them.
     */
    protected void prepareDirectory(Path directoryFolder) throws IOException {
        TestDirectory.copyInto(directoryFolder);
    }

    /**
     * Route files loaded beside the engine's, as the engine loads the folder of {@code chorus.routes.folder}
     * in production: resource locations such as {@code file:src/main/routes/copy.camel.yaml} or
     * {@code classpath:routes/mine.camel.yaml}. None by default.
     */
    protected List<String> userRoutes() {
        return List.of();
    }

    /** The engine's intake routes, the routes of {@link #userRoutes()}, then camel-test's {@code createRouteBuilder()}. */
    @Override
    protected RoutesBuilder[] createRouteBuilders() throws Exception {
        if (shared != null) {
            if (shared.routesAdded) {
                return new RoutesBuilder[0];
            }
            shared.routesAdded = true;
        }
        List<Resource> resources = new ArrayList<>();
        for (String location : Stream.concat(ENGINE_ROUTES.stream(), userRoutes().stream()).toList()) {
            resources.add(ResourceHelper.resolveMandatoryResource(context, location));
        }
        List<RoutesBuilder> builders = new ArrayList<>(PluginHelper.getRoutesLoader(context).findRoutesBuilders(resources));
        builders.addAll(List.of(super.createRouteBuilders()));
        return builders.toArray(RoutesBuilder[]::new);
    }

    /** The engine's routes a flow goes through (FAR37's, made from templates per subscriber, are left out). */
    private static final List<String> ENGINE_ROUTES = List.of("classpath:routes/flow-failures.camel.yaml",
            "classpath:routes/intake.camel.yaml");

    private Database ledgerDatabase;

    /** The engine's database, through connections of the test's own. */
    protected Database testDatabase() {
        if (ledgerDatabase == null) {
            ledgerDatabase = Database.open(databaseUrl, TestDatabase.user(), "");
        }
        return ledgerDatabase;
    }

    /** What the engine's ledger holds, read through a connection of the test's own. */
    protected LedgerQueries ledger() {
        return new LedgerQueries(testDatabase().dataSource());
    }

    @Override
    protected void doPostTearDown() throws Exception {
        if (ledgerDatabase != null) {
            ledgerDatabase.close();
        }
        if (engine != null && shared == null) {
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

    /** Every flow the intake route finished, in order (kept from before the routes start). */
    private FlowCompletions completions = new FlowCompletions();

    /**
     * Drops a flow as {@link #drop} does and waits (up to 30 s) for the engine to finish it: decided,
     * published and acknowledged, or parked after its retries.
     */
    protected FlowResult dropAndAwait(String partner, String name, byte[] content) throws IOException, InterruptedException {
        int mark = completions.count();
        Path dropped = drop(partner, name, content);
        return awaitResult(dropped, mark);
    }

    protected FlowResult dropAndAwait(String partner, String name, String content) throws IOException, InterruptedException {
        return dropAndAwait(partner, name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Drops a copy of a file (a flow kept in the test's resources, a real partner's file) and waits for it. */
    protected FlowResult dropAndAwait(String partner, Path file) throws IOException, InterruptedException {
        return dropAndAwait(partner, file.getFileName().toString(), Files.readAllBytes(file));
    }

    /**
     * Waits for the first flow finished since {@code mark} (a {@link FlowCompletions#count()}) that was dropped
     * as {@code dropped}, and reads what became of it.
     */
    private FlowResult awaitResult(Path dropped, int mark) throws InterruptedException {
        Path where = dropped.toAbsolutePath().normalize();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        int from = mark;
        while (true) {
            FlowCompletions.Finished finished = completions.awaitAfter(from, deadline)
                    .orElseThrow(() -> new AssertionError("the engine did not finish " + where + " in time"));
            from = finished.index() + 1;
            if (finished.dropped().equals(where)) {
                // A file picked up a second time, while its first pick-up was taking it, is gone: not a flow.
                Optional<FlowResult> result = FlowResult.read(ledger(), folders(), finished.flowId());
                if (result.isPresent()) {
                    return result.get();
                }
            }
        }
    }

    /** How many dropped files a test waits to see decided, counted from when it was made. */
    protected record FlowsDone(int target) {
    }

    /**
     * Waits for this many more flows to be decided, for a test that drops many at once, or files that are not
     * regular files (a link is refused without a route's exchange). The truth is on disk: a flow is decided once its
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

    /**
     * Every file under a folder (links and special files too, never followed), sorted. A running engine moves
     * files while the folder is walked: a file gone between listing and visit makes the walk start again.
     */
    protected static List<Path> files(Path folder) throws IOException {
        return FolderFiles.under(folder);
    }

    /** The one file under a folder whose name ends so. */
    protected static Path single(Path folder, String suffix) throws IOException {
        List<Path> matches = files(folder).stream().filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
        assertTrue(matches.size() == 1, () -> "expected one *" + suffix + " under " + folder + ", found " + matches);
        return matches.get(0);
    }
}
