package org.chorusedi.engine;

import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.chorusedi.acknowledgement.CppStatutWriter;
import org.chorusedi.config.EngineSettings;
import org.chorusedi.config.Folders;
import org.chorusedi.directory.Database;
import org.chorusedi.directory.DirectoryCsvImport;
import org.chorusedi.directory.DirectoryDrop;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.DirectoryStore;
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

/** The engine's parts, made once from the settings: one place shows what exists and how it is wired. */
public final class Engine implements AutoCloseable {

    private final EngineSettings settings;
    private final Folders folders;
    private final Database database;
    private final DirectoryStore directory;
    private final FlowIntake flowIntake;
    private final DirectoryDrop directoryDrop;

    private Engine(EngineSettings settings) throws IOException {
        this.settings = settings;
        this.folders = settings.folders().create();
        this.database = Database.open(settings.effectiveDatabaseUrl(), settings.databaseUser(), settings.databasePassword());
        this.directory = new DirectoryStore(database.dataSource());
        Ledger ledger = new Ledger(database.dataSource());
        Publication.recover(folders.work(), ledger);
        this.flowIntake = new FlowIntake(folders, evaluator(settings), directory,
                new CppStatutWriter(settings.enginePartnerCode()), new FlowIds(Clock.systemUTC()), ledger, Clock.systemUTC());
        this.directoryDrop = new DirectoryDrop(new DirectoryCsvImport(directory), folders.directory());
    }

    /** Opens the root (creating its folders), finishes or drops interrupted flows, opens the database. */
    public static Engine open(EngineSettings settings) throws IOException {
        return new Engine(settings);
    }

    /** How every flow is decided, by the engine and by {@code validate} alike. */
    public static FlowEvaluator evaluator(EngineSettings settings) {
        FlowLimits limits = new FlowLimits(settings.maxFlowBytes(), settings.maxInvoices(), settings.maxSchemaErrors(),
                settings.maxCompressionRatio());
        return new FlowEvaluator(new FlowReader(SchemaCatalog.shared(), limits),
                new RoutingControls(), settings.maxFlowBytes());
    }

    /** The beans the routes in routes/ refer to, by name. */
    public Map<String, Object> routeBeans() {
        return Map.of(
                "flowIntake", flowIntake,
                "directoryDrop", directoryDrop,
                "partnerFolders", new PartnerFolderFilter());
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
        database.close();
    }
}
