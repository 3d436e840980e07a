package org.chorusedi.engine;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.apache.camel.RoutesBuilder;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.config.EngineSettings;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.Database;
import org.chorusedi.directory.DirectoryCsvImport;
import org.chorusedi.directory.DirectoryDrop;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.DirectoryImport;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.far37.CatchUp;
import org.chorusedi.far37.Far37Import;
import org.chorusedi.far37.Far37Publisher;
import org.chorusedi.far37.Far37Schedule;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.far37.SubscriptionStore;
import org.chorusedi.flow.FlowEvaluator;
import org.chorusedi.flow.FlowLimits;
import org.chorusedi.flow.FlowReader;
import org.chorusedi.intake.FlowIds;
import org.chorusedi.intake.FlowIntake;
import org.chorusedi.intake.PartnerFolderFilter;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.intake.Publication;
import org.chorusedi.routing.RoutingControls;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;

/** The engine's parts, made once from the settings: one place shows what exists and how it is wired. */
public final class Engine implements AutoCloseable {

    private final EngineSettings settings;
    private final Far37Settings far37;
    private final Folders folders;
    private final Database database;
    private final DirectoryStore directory;
    private final FlowIntake flowIntake;
    private final DirectoryDrop directoryDrop;
    private final Far37Publisher far37Publisher;
    private final CatchUp far37CatchUp;
    private final ExecutorService validators = ValidationPipeline.newThreadPool();

    private Engine(EngineSettings settings, Far37Settings far37) throws IOException {
        this.settings = settings;
        this.far37 = far37;
        this.folders = settings.folders().create();
        this.database = Database.open(settings.effectiveDatabaseUrl(), settings.databaseUser(), settings.databasePassword());
        this.directory = new DirectoryStore(database.dataSource());
        Ledger ledger = new Ledger(database.dataSource());
        Publication.recover(folders.work(), ledger);
        this.flowIntake = new FlowIntake(folders, evaluator(settings, validators), directory,
                new CppStatutWriter(settings.enginePartnerCode()), new FlowIds(Clock.systemUTC()), ledger, Clock.systemUTC());
        this.directoryDrop = new DirectoryDrop(directoryImports(settings, directory), folders.directory());
        this.far37Publisher = far37Publisher(settings, far37, database.dataSource());
        this.far37CatchUp = new CatchUp(far37, new SubscriptionStore(database.dataSource()), far37Publisher,
                Clock.systemUTC());
    }

    /** Opens the root (creating its folders), finishes or drops interrupted flows, opens the database. */
    public static Engine open(EngineSettings settings, Far37Settings far37) throws IOException {
        return new Engine(settings, far37);
    }

    /** An engine without FAR37 subscribers. */
    public static Engine open(EngineSettings settings) throws IOException {
        return open(settings, Far37Settings.none(settings.root()));
    }

    /**
     * How every flow is decided, by the engine and by {@code validate} alike.
     *
     * @param validators the validation threads, owned by the caller (see ValidationPipeline.newThreadPool)
     */
    public static FlowEvaluator evaluator(EngineSettings settings, ExecutorService validators) {
        return new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), FlowLimits.of(settings), validators),
                new RoutingControls(), settings.maxFlowBytes());
    }

    /** The directory files dropped into directory/, by the end of their name. */
    static Map<String, DirectoryImport> directoryImports(EngineSettings settings, DirectoryStore directory) {
        DirectoryCsvImport csv = new DirectoryCsvImport(directory);
        Far37Import far37 = new Far37Import(directory, settings.maxSchemaErrors());
        return Map.of(".csv", csv::importCsv, ".xml", far37, ".xml.gz", far37);
    }

    /** How FAR37 extracts are published, by the schedule and by {@code far37 publish} alike. */
    public static Far37Publisher far37Publisher(EngineSettings settings, Far37Settings far37, DataSource database) {
        return new Far37Publisher(far37, new DirectoryStore(database), new SubscriptionStore(database),
                settings.enginePartnerCode());
    }

    /** The beans the routes in routes/ refer to, by name. */
    public Map<String, Object> routeBeans() {
        return Map.of(
                "flowIntake", flowIntake,
                "directoryDrop", directoryDrop,
                "partnerFolders", new PartnerFolderFilter(),
                "far37Publisher", far37Publisher,
                "far37CatchUp", far37CatchUp);
    }

    /** The routes made in Java: one FAR37 route per subscriber and extract type, from the template in routes/. */
    public List<RoutesBuilder> routeBuilders() {
        return List.of(new Far37Schedule(far37));
    }

    public EngineSettings settings() {
        return settings;
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

    @Override
    public void close() {
        validators.shutdownNow();
        database.close();
    }
}
