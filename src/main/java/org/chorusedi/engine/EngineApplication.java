package org.chorusedi.engine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.chorusedi.api.ApiQueries;
import org.chorusedi.api.ApiRoutes;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.api.UnreadableRequests;
import org.chorusedi.draft.PdfDrafts;
import org.chorusedi.dume.DumeReader;
import org.chorusedi.flowcheck.CheckSocket;
import org.chorusedi.flowcheck.CheckSocketSettings;
import org.chorusedi.health.DatabaseCheck;
import org.chorusedi.health.Far37Check;
import org.chorusedi.health.HealthMeters;
import org.chorusedi.health.HealthSettings;
import org.chorusedi.health.NodeCheck;
import org.chorusedi.health.ParkedFlowsCheck;
import org.chorusedi.health.PublicationsCheck;
import org.chorusedi.health.RootCheck;
import org.chorusedi.intake.ParkedFlows;
import org.chorusedi.ledger.OperatorActions;
import org.chorusedi.rules.BusinessRules;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.web.DumeRoutes;
import org.chorusedi.web.HttpSettings;
import org.chorusedi.web.MalformedRequests;
import org.chorusedi.web.OpsAccess;
import org.chorusedi.web.OpsActions;
import org.chorusedi.web.OpsRoutes;
import org.chorusedi.web.ServerVertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine as a camel-main application: the beans bound by name, the routes loaded from routes/,
 * the routes made from its templates (one per FAR37 subscriber and extract type), the operators'
 * HTTP server with its health checks, meters, page and API, and the socket that answers validate --root.
 */
public final class EngineApplication {

    private EngineApplication() {
    }

    private static final Logger LOG = LoggerFactory.getLogger(EngineApplication.class);

    /** The exit status when another engine holds the root or the database. */
    public static final int HELD_BY_ANOTHER_ENGINE = 3;

    /**
     * Runs until stopped, or with {@code once} until nothing has been processed for
     * {@code chorus.once.idle-seconds} (without the HTTP server then). Returns the process exit code: 3 when
     * another engine holds the root or the database (nothing is done then).
     *
     * @param checked every value the run reads, checked before anything was done (a wrong one stopped the command)
     */
    public static int run(RunSettings checked, boolean once) throws Exception {
        EngineSettings settings = checked.engine();
        Properties properties = checked.properties();
        HttpSettings http = checked.http();
        StopSignals signals = StopSignals.install();
        // The schemas (under a second) while the database opens.
        compileAhead(SchemaCatalog::shared);
        Engine opened;
        try {
            opened = Engine.open(settings, checked.far37(), checked.cluster(), UnaryOperator.identity());
        } catch (EngineLock.Held e) {
            System.err.println("chorus-edi: not started: " + e.getMessage());
            return HELD_BY_ANOTHER_ENGINE;
        }
        try (Engine engine = opened) {
            // The directory first: flows already waiting are then routed against it.
            engine.importPendingDirectoryFiles();
            if (signals.requested()) {
                return 0;
            }
            Main main = main(engine, properties, once ? http.off() : http, checked.health(), checked.api(), Clock.systemUTC());
            if (once) {
                main.configure().setDurationMaxIdleSeconds(settings.onceIdleSeconds());
            }
            if (settings.rules().used()) {
                // The rules (seconds of Saxon-HE) once the routes have started, while the first poll finds the flows
                // waiting: compiled from the JVM's start, they slowed the start itself on two shared cores.
                main.addMainListener(new MainListenerSupport() {
                    @Override
                    public void afterStart(BaseMainSupport started) {
                        compileAhead(BusinessRules::shared);
                    }
                });
            }
            signals.attach(engine, main);
            main.run();
            return main.getExitCode();
        }
    }

    /**
     * Compiles on a thread of its own (the invoice schemas, the EN 16931 rules), so that the first flow waits only for
     * what is not compiled yet. A compilation that fails fails the flows that need it, as before.
     */
    private static void compileAhead(Runnable compile) {
        Thread ahead = new Thread(() -> {
            try {
                compile.run();
            } catch (RuntimeException | Error e) {
                LOG.debug("compiling ahead failed; the flows that need it say why: {}", e.toString());
            }
        }, "compile-ahead");
        ahead.setDaemon(true);
        ahead.start();
    }

    /**
     * The camel-main application around an opened engine, not yet run: its beans, its routes, its health checks
     * and meters, and with {@code http} on, the server: the operators' health, metrics, page and API, and the
     * partners' API, whose technical users' passwords expire by {@code clock} (a test's own).
     */
    public static Main main(Engine engine, Properties properties, HttpSettings http, HealthSettings health, ApiSettings api,
                            Clock clock) {
        Main main = new Main();
        properties.stringPropertyNames().forEach(key -> main.addOverrideProperty(key, properties.getProperty(key)));
        http.camelMain().forEach(main::addOverrideProperty);
        main.addOverrideProperty("camel.main.routes-include-pattern", engine.settings().routesIncludePattern());
        engine.routeBeans().forEach(main::bind);
        engine.routeBuilders().forEach(main.configure()::addRoutesBuilder);
        main.bind(MicrometerConstants.METRICS_REGISTRY_NAME, engine.meterRegistry());
        List<HealthCheck> checks = healthChecks(engine, health);
        checks.forEach(check -> main.bind(check.getId(), check));
        HealthMeters.bind(engine.meterRegistry(), checks, engine.folders().root());
        // The nodes of a cluster share their root: a socket in it would be one node's only.
        CheckSocketSettings checkSocket = engine.settings().validateSocket();
        if (checkSocket.enabled() && !engine.cluster().enabled()) {
            main.addMainListener(new CheckSocket(engine.folders().validateSocket(), checkSocket, engine::flowCheck));
        }
        if (http.enabled()) {
            ServerVertx vertx = new ServerVertx(new UnreadableRequests());
            main.bind("vertx", vertx.vertx());
            main.addMainListener(vertx);
            PdfDrafts drafts = new PdfDrafts(engine.folders().drafts(), engine.directory(), engine.flowIntake().deposits(), clock,
                    engine.settings().recognition().draftLifetime(), engine.settings().flow().maxFlowBytes());
            TechnicalUsers technicalUsers = new TechnicalUsers(engine.dataSource(), api, clock);
            main.configure().addRoutesBuilder(new OpsRoutes(engine.ledgerQueries(), engine.directoryStore(), engine.far37(),
                    engine.subscriptions(), engine.clusterView(), engine.settings().works(), drafts, engine.folders(),
                    () -> technicalUsers.expiringBefore(clock.instant().plus(api.passwordWarning())).stream()
                            .map(user -> new OpsRoutes.ExpiringPassword(user.login(), user.partner(), user.expiresAt())).toList()));
            main.configure().addRoutesBuilder(new ApiRoutes(technicalUsers,
                    new ApiQueries(engine.ledgerQueries(), engine.flowIntake().deposits(), clock), engine.flowIntake().deposits(),
                    drafts, engine.folders(), engine.settings().flow().maxFlowBytes()));
            main.configure().addRoutesBuilder(new OpsActions(http, new ParkedFlows(engine.folders()),
                    new OperatorActions(engine.dataSource(), engine.clusterView().nodeId(), clock)));
            main.configure().addRoutesBuilder(new DumeRoutes(new DumeReader(engine.settings().flow().xml()), engine.folders().dume()));
            main.addMainListener(new MalformedRequests());
            if (http.credentials()) {
                main.addMainListener(new OpsAccess(http));
            }
        }
        return main;
    }

    /** The engine's own health checks (docs/operators/watching.md, "Health"): each a readiness check of group chorus. */
    static List<HealthCheck> healthChecks(Engine engine, HealthSettings health) {
        List<HealthCheck> checks = new ArrayList<>(List.of(
                new DatabaseCheck(engine.dataSource()),
                new RootCheck(engine.folders(), health.minFreeBytes()),
                new PublicationsCheck(engine.ledgerQueries()),
                new ParkedFlowsCheck(engine.folders()),
                new NodeCheck(engine.clusterView())));
        engine.far37().subscribers().forEach(subscriber -> checks.add(
                new Far37Check(subscriber, engine.subscriptions(), health.far37Grace(), Clock.systemUTC())));
        return checks;
    }
}
