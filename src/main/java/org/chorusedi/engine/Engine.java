package org.chorusedi.engine;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.cluster.ClusterNode;
import org.chorusedi.cluster.ClusterQuartz;
import org.chorusedi.cluster.ClusterSettings;
import org.chorusedi.cluster.ClusterTurns;
import org.chorusedi.cluster.ClusterView;
import org.chorusedi.cluster.FlowClaims;
import org.chorusedi.cluster.NodeClaims;
import org.chorusedi.config.Folders;
import org.chorusedi.controls.RoutingControls;
import org.chorusedi.database.Database;
import org.chorusedi.decision.InvoiceStatus;
import org.chorusedi.directory.DirectoryCsvImport;
import org.chorusedi.directory.DirectoryDrop;
import org.chorusedi.directory.DirectoryImport;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.ImportLimits;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.far37.CatchUp;
import org.chorusedi.far37.Far37Import;
import org.chorusedi.far37.Far37Publisher;
import org.chorusedi.far37.Far37Schedule;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.far37.SubscriptionStore;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowReader;
import org.chorusedi.flowcheck.FlowCheck;
import org.chorusedi.intake.FlowIntake;
import org.chorusedi.intake.IntakeReadLock;
import org.chorusedi.intake.PartnerFolderFilter;
import org.chorusedi.ledger.CommitFence;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.lifecycle.LifeCycleDecisions;
import org.chorusedi.lifecycle.LifeCycleReader;
import org.chorusedi.market.MarketLookup;
import org.chorusedi.market.Markets;
import org.chorusedi.market.MarketsCsvImport;
import org.chorusedi.metrics.EngineMeters;
import org.chorusedi.partner.Direction;
import org.chorusedi.partner.PartnerLookup;
import org.chorusedi.partner.Partners;
import org.chorusedi.partner.PartnersCsvImport;
import org.chorusedi.rules.RulesControl;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.chorusedi.works.WorksAnswers;
import org.chorusedi.works.WorksClock;

/** The engine's parts, made once from the settings: one place shows what exists and how it is wired. */
public final class Engine implements AutoCloseable {

    /** Threads that force a flow's files to disk side by side (see intake.DiskSync). */
    private static final int SYNC_THREADS = 16;

    private final EngineSettings settings;
    private final Far37Settings far37;
    private final Folders folders;
    private final EngineLock lock;
    private final ExecutorService syncPool;
    /** Settles again, with a growing delay, the flows left unfinished (also when no flow comes in). */
    private final ScheduledExecutorService settling;
    private final Database database;
    private final DirectoryStore directory;
    private final FlowIntake flowIntake;
    private final IntakeReadLock intakeReadLock;
    private final DirectoryDrop directoryDrop;
    private final Far37Publisher far37Publisher;
    private final CatchUp far37CatchUp;
    private final ExecutorService validators = ValidationPipeline.newThreadPool();
    private final ExecutorService rulesThreads = RulesControl.newThreadPool();
    /** The database as the engine uses it (through the decoration tests give it). */
    private final DataSource dataSource;
    private final Ledger ledger;
    private final LedgerQueries ledgerQueries;
    private final SubscriptionStore subscriptions;
    /** The market registry, for the invoice controls of the frameworks (issue 23). */
    private final Markets markets;
    /** How every flow is decided, by the intake and by validate --root answered here. */
    private final FlowEvaluator evaluator;
    private final LifeCycleDecisions lifeCycleDecisions;
    /** Scraped at /observe/metrics by Camel's Prometheus support, which finds it in the registry by name. */
    private final PrometheusMeterRegistry meterRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final EngineMeters meters = new EngineMeters(meterRegistry);
    /** Cluster mode: this node's lease (null for the single engine) and its turns with the other nodes. */
    private final ClusterSettings cluster;
    private final ClusterNode node;
    private final ClusterTurns turns;
    /** This node and its cluster, as the operators' endpoints show them. */
    private final ClusterView clusterView;

    private Engine(EngineSettings settings, Far37Settings far37, EngineLock lock, Database database, DataSource dataSource,
                   ClusterSettings cluster, ClusterNode node) {
        this.cluster = cluster;
        this.node = node;
        this.turns = node == null ? null
                : new ClusterTurns(settings.database().url(), settings.database().user(), settings.database().password());
        // A node claims its flows in the database; its commits check that the claim is still its own.
        NodeClaims claims = node == null ? null : new NodeClaims(dataSource, node.nodeId());
        this.settings = settings;
        this.far37 = far37;
        this.folders = settings.folders();
        this.intakeReadLock = readLock();
        this.lock = lock;
        this.database = database;
        this.syncPool = Executors.newFixedThreadPool(SYNC_THREADS, daemon("chorus-sync"));
        this.settling = Executors.newSingleThreadScheduledExecutor(daemon("chorus-settling"));
        this.dataSource = dataSource;
        this.directory = new DirectoryStore(dataSource);
        // Each flow committed or parked names this node, the single engine's too.
        this.ledger = new Ledger(dataSource, claims == null ? CommitFence.NONE : claims, cluster.nodeId());
        this.ledgerQueries = new LedgerQueries(dataSource);
        this.subscriptions = new SubscriptionStore(dataSource);
        this.markets = new Markets(dataSource);
        this.evaluator = evaluator(settings, validators, rulesThreads, markets);
        this.lifeCycleDecisions = lifeCycleDecisions(settings, dataSource, directory, markets, evaluator);
        this.flowIntake = new FlowIntake(folders, evaluator, directory, emissionRegistry(settings, dataSource), lifeCycleReader(settings),
                lifeCycleDecisions,
                new CppStatutWriter(settings.enginePartnerCode()), ledger, new WorksAnswers(ledgerQueries), syncPool, Clock.systemUTC(), meters,
                claims == null ? FlowClaims.LOCAL : claims, settings.intake().threads(),
                settings.intake().largeFlows());
        this.directoryDrop = new DirectoryDrop(metered(directoryImports(settings, directory, dataSource)), folders.directory(),
                settings.directory().importAttempts(), settings.directory().retryDelay(), Clock.systemUTC());
        this.far37Publisher = new Far37Publisher(far37, directory, subscriptions, settings.enginePartnerCode(),
                meters::far37Publication);
        this.far37CatchUp = new CatchUp(far37, subscriptions, far37Publisher, Clock.systemUTC());
        this.clusterView = new ClusterView(cluster, Clock.systemUTC().instant(), flowIntake.atWork(), dataSource);
        meters.node(cluster.nodeId(), clusterView.mode());
        if (cluster.enabled()) {
            meters.cluster(clusterView::claimsHeld, clusterView::nodesAlive);
        }
        WorksClock works = settings.works();
        meters.works(() -> worksWaiting(InvoiceStatus.A_TRAITER_MOE, null), () -> worksWaiting(InvoiceStatus.A_VALIDER_MOA, null),
                () -> worksWaiting(InvoiceStatus.A_TRAITER_MOE, works.lateBefore(Instant.now())));
    }

    /**
     * For the meters: the works documents waiting in that status, made available before that time when one is given;
     * NaN when the ledger does not answer.
     */
    private double worksWaiting(InvoiceStatus status, Instant before) {
        try {
            return ledgerQueries.countWorksWaiting(status, before);
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    /**
     * Opens the root (creating its folders) and the database, each held by this engine alone, then
     * settles the flows a stop interrupted: committed ones finished, uncommitted ones put back in in/.
     *
     * @throws EngineLock.Held when another engine holds the root or the database
     */
    public static Engine open(EngineSettings settings, Far37Settings far37) throws IOException, EngineLock.Held {
        return open(settings, far37, UnaryOperator.identity());
    }

    /**
     * The same, with every use of the database going through {@code decorate}: where tests make the
     * database fail on purpose (a commit lost, a database out of reach).
     */
    public static Engine open(EngineSettings settings, Far37Settings far37, UnaryOperator<DataSource> decorate)
            throws IOException, EngineLock.Held {
        return open(settings, far37, ClusterSettings.off(), decorate);
    }

    /**
     * The same, as a node of a cluster when {@code cluster} is enabled: the root is shared with the other
     * nodes (no lock on it), the database too (its single-engine lock taken shared).
     */
    public static Engine open(EngineSettings settings, Far37Settings far37, ClusterSettings cluster, UnaryOperator<DataSource> decorate)
            throws IOException, EngineLock.Held {
        Folders folders = settings.folders().create();
        EngineLock lock = cluster.enabled()
                ? EngineLock.forClusterNode(settings.database().url(), settings.database().user(), settings.database().password())
                : EngineLock.onRoot(folders.root());
        Database database = null;
        ClusterNode node = null;
        try {
            database = openDatabase(settings);
            if (cluster.enabled()) {
                node = joinCluster(settings, cluster);
            } else {
                lock.onDatabase(settings.database().url(), settings.database().user(), settings.database().password());
            }
            Engine engine = new Engine(settings, far37, lock, database, decorate.apply(database.dataSource()), cluster, node);
            engine.flowIntake.recover();
            // While the directory is imported and Camel starts (about a second): the first poll can then take them.
            engine.intakeReadLock.lookAtWaiting(folders.in());
            engine.settling.scheduleWithFixedDelay(engine.flowIntake::settleUnfinished, 1, 1, TimeUnit.SECONDS);
            return engine;
        } catch (EngineLock.Held | RuntimeException e) {
            if (node != null) {
                node.close();
            }
            if (database != null) {
                database.close();
            }
            lock.close();
            throw e;
        }
    }

    /** Joins the cluster once the database is migrated: a node id a live node holds is refused as a held root is. */
    private static ClusterNode joinCluster(EngineSettings settings, ClusterSettings cluster) throws EngineLock.Held {
        try {
            return ClusterNode.join(cluster, settings.database().url(), settings.database().user(), settings.database().password());
        } catch (ClusterNode.NodeIdTaken e) {
            throw new EngineLock.Held(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while joining the cluster", e);
        }
    }

    private static ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** H2 lets one process at a time open its file: another one that does holds the database. */
    private static Database openDatabase(EngineSettings settings) throws EngineLock.Held {
        try {
            return settings.database().open();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && sql.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                    throw new EngineLock.Held("the database " + settings.database().url()
                            + " is in use by another process: one engine per database");
                }
            }
            throw e;
        }
    }

    /** org.h2.api.ErrorCode.DATABASE_ALREADY_OPEN_1. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;

    /** An engine without FAR37 subscribers. */
    public static Engine open(EngineSettings settings) throws IOException, EngineLock.Held {
        return open(settings, Far37Settings.none(settings.root()));
    }

    /**
     * How every flow is decided, by the engine and by {@code validate} alike.
     *
     * @param validators   the validation threads, owned by the caller (see ValidationPipeline.newThreadPool)
     * @param rulesThreads the EN 16931 rules' threads, owned by the caller (see RulesControl.newThreadPool)
     * @param markets      the market registry a market's documents are held against (MarketLookup.NONE: none)
     */
    public static FlowEvaluator evaluator(EngineSettings settings, ExecutorService validators, ExecutorService rulesThreads,
            MarketLookup markets) {
        return new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), settings.flow(), validators),
                new RoutingControls(markets), RulesControl.of(settings.rules(), rulesThreads), settings.recognition(),
                settings.flow().maxFlowBytes());
    }

    /**
     * A flow checked as this engine would decide it now, changing nothing (validate --root answered by the engine):
     * its threads, its database, its compiled rules.
     *
     * @param camel the engine's Camel context, a life-cycle document's reader's
     */
    public FlowCheck flowCheck(CamelContext camel) {
        return new FlowCheck(settings.enginePartnerCode(), lifeCycleReader(settings), evaluator, directory,
                emissionRegistry(settings, dataSource), dataSource, lifeCycleDecisions, camel);
    }

    /**
     * A flow checked by {@code validate} in its own process, as an engine would decide it.
     *
     * @param validators   the validation threads, owned by the caller (see ValidationPipeline.newThreadPool)
     * @param rulesThreads the EN 16931 rules' threads, owned by the caller (see RulesControl.newThreadPool)
     * @param database     the root's database (its directory, registry, markets and ledger, read only); null: no root,
     *                     the recipient is then unknown (I03), the emission check cannot run, a life-cycle document is refused
     */
    public static FlowCheck flowCheck(EngineSettings settings, ExecutorService validators, ExecutorService rulesThreads,
                                      DataSource database) {
        if (database == null) {
            return new FlowCheck(settings.enginePartnerCode(), lifeCycleReader(settings),
                    evaluator(settings, validators, rulesThreads, MarketLookup.NONE), DirectoryLookup.EMPTY, PartnerLookup.OPEN, null,
                    null, null);
        }
        Markets markets = new Markets(database);
        FlowEvaluator evaluator = evaluator(settings, validators, rulesThreads, markets);
        DirectoryStore directory = new DirectoryStore(database);
        return new FlowCheck(settings.enginePartnerCode(), lifeCycleReader(settings), evaluator, directory,
                emissionRegistry(settings, database), database, lifeCycleDecisions(settings, database, directory, markets, evaluator), null);
    }

    private static LifeCycleReader lifeCycleReader(EngineSettings settings) {
        return new LifeCycleReader(settings.flow().xml(), settings.lifeCycle().maxBytes(), settings.lifeCycle().maxLines());
    }

    /** Whose statuses a partner may send: its connections in reception, whatever the emission check. */
    private static LifeCycleDecisions lifeCycleDecisions(EngineSettings settings, DataSource database, DirectoryStore directory,
                                                         Markets markets, FlowEvaluator evaluator) {
        Partners registry = new Partners(database);
        return new LifeCycleDecisions(new LedgerQueries(database), directory, new RoutingControls(markets),
                (partner, siret) -> registry.connected(partner, siret, Direction.RECEPTION), settings.folders(), evaluator);
    }

    /** The partner registry as the emission check sees it, by the engine and {@code validate --root} alike. */
    public static PartnerLookup emissionRegistry(EngineSettings settings, DataSource database) {
        return settings.partnersEmissionCheck() ? new Partners(database) : PartnerLookup.OPEN;
    }

    /**
     * The directory files dropped into directory/, by the end of their name; a partners file is a CSV file named
     * partenaires*.csv, a markets file one named marches*.csv.
     */
    static Map<String, DirectoryImport> directoryImports(EngineSettings settings, DirectoryStore directory, DataSource database) {
        ImportLimits limits = settings.directory().limits();
        DirectoryCsvImport csv = new DirectoryCsvImport(directory, limits);
        PartnersCsvImport partners = new PartnersCsvImport(database, limits, Clock.systemUTC());
        MarketsCsvImport markets = new MarketsCsvImport(database, directory, limits, Clock.systemUTC());
        Far37Import far37 = new Far37Import(directory, limits);
        DirectoryImport csvFiles = file -> PartnersCsvImport.isPartnersFile(file) ? partners.importCsv(file)
                : MarketsCsvImport.isMarketsFile(file) ? markets.importCsv(file) : csv.importCsv(file);
        return Map.of(".csv", csvFiles, ".xml", far37, ".xml.gz", far37);
    }

    /** Each directory import counted by its outcome. */
    private Map<String, DirectoryImport> metered(Map<String, DirectoryImport> imports) {
        Map<String, DirectoryImport> metered = new HashMap<>();
        imports.forEach((suffix, importer) -> metered.put(suffix, file -> {
            ImportReport report = importer.importFile(file);
            meters.directoryImport(report);
            return report;
        }));
        return metered;
    }

    /** How FAR37 extracts are published by {@code far37 publish}, as by the schedule. */
    public static Far37Publisher far37Publisher(EngineSettings settings, Far37Settings far37, DataSource database) {
        return new Far37Publisher(far37, new DirectoryStore(database), new SubscriptionStore(database),
                settings.enginePartnerCode());
    }

    /** The beans the routes in routes/ refer to, by name. */
    public Map<String, Object> routeBeans() {
        Map<String, Object> beans = new HashMap<>(Map.of(
                "flowIntake", flowIntake,
                "directoryDrop", directoryDrop,
                "partnerFolders", new PartnerFolderFilter(flowIntake::refuseLink,
                        node == null ? (partner, file) -> true : node.dropShares()::takes),
                "intakeReadLock", intakeReadLock,
                "directoryReadLock", readLock(),
                "far37Publisher", far37Publisher,
                "far37CatchUp", far37CatchUp));
        if (node != null) {
            // A node takes its turn with the others for what must be done once; Quartz's store is the cluster's.
            beans.put("directoryDrop", turns.directoryDrop(directoryDrop));
            beans.put("far37Publisher", turns.far37Publisher(far37Publisher, subscriptions));
            beans.put("far37CatchUp", turns.far37CatchUp(far37CatchUp));
            beans.put("quartz", ClusterQuartz.component(cluster, settings.database().url(), settings.database().user(),
                    settings.database().password()));
        }
        return beans;
    }

    /** The directory files waiting at start-up, imported before any flow is taken (on a node, in its turn). */
    public void importPendingDirectoryFiles() throws IOException {
        if (node != null) {
            turns.directoryDrop(directoryDrop).importPending();
        } else {
            directoryDrop.importPending();
        }
    }

    /** This node's settings in the cluster (not enabled: the single engine). */
    public ClusterSettings cluster() {
        return cluster;
    }

    /** This node, what it works on, and its cluster's nodes. */
    public ClusterView clusterView() {
        return clusterView;
    }

    /** When a dropped file is completely written (each route has its own, it keeps what it saw of its files). */
    private IntakeReadLock readLock() {
        return new IntakeReadLock(settings.intake().readLockCheckInterval(), settings.intake().readLockMinAge(), Clock.systemUTC());
    }

    /** The routes made in Java: one FAR37 route per subscriber and extract type, from the template in routes/. */
    public List<RoutesBuilder> routeBuilders() {
        return List.of(new Far37Schedule(far37, node != null));
    }

    public EngineSettings settings() {
        return settings;
    }

    public Far37Settings far37() {
        return far37;
    }

    /** The database as the engine uses it. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Ledger ledger() {
        return ledger;
    }

    /** What the ledger holds, for the APIs, the health checks and the life cycle. */
    public LedgerQueries ledgerQueries() {
        return ledgerQueries;
    }

    public SubscriptionStore subscriptions() {
        return subscriptions;
    }

    /** The market registry as the invoice controls read it (read from the database at each call). */
    public MarketLookup markets() {
        return markets;
    }

    public DirectoryStore directoryStore() {
        return directory;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return meterRegistry;
    }

    public Folders folders() {
        return folders;
    }

    public DirectoryLookup directory() {
        return directory;
    }

    public FlowIntake flowIntake() {
        return flowIntake;
    }

    public DirectoryDrop directoryDrop() {
        return directoryDrop;
    }

    /**
     * Once the routes are stopped: the flows left in work/ are handed back (see FlowIntake.handBack), then the node's
     * lease is dropped (the other nodes take over at once what is left), and the database is closed last.
     */
    @Override
    public void close() {
        settling.shutdownNow();
        flowIntake.handBack();
        if (node != null) {
            node.close();
        }
        syncPool.shutdownNow();
        validators.shutdownNow();
        rulesThreads.shutdownNow();
        meterRegistry.close();
        database.close();
        lock.close();
    }
}
