package org.chorusedi.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.cluster.ClusterSettings;
import org.chorusedi.config.Configuration;
import org.chorusedi.engine.Engine;
import org.chorusedi.engine.EngineApplication;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.health.HealthSettings;
import org.chorusedi.testkit.FaultyDataSource;
import org.chorusedi.testkit.TestDatabase;
import org.chorusedi.web.HttpSettings;
import org.chorusedi.engine.EngineSettings;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The engine as {@code run} starts it (EngineApplication.main: routes, beans, health checks, meters, the
 * operators' HTTP server; a node of a cluster with chorus.cluster.enabled), in this JVM on a temporary root, its
 * database through a {@link FaultyDataSource}, its server on a free port of 127.0.0.1. The directory is sample-flows/directory/annuaire.csv, as operators
 * try the engine first.
 */
public final class RunningEngine implements AutoCloseable {

    /** The sample flows of the repository, which the sample directory serves. */
    public static final Path SAMPLES = Path.of("sample-flows").toAbsolutePath();

    private final Engine engine;
    private final Main main;
    private final Thread thread;
    private final FaultyDataSource[] database;
    private final int port;
    /** The Authorization header the engine's readiness is awaited with; null without credentials. */
    private final String authorization;
    /** https when the engine serves TLS (chorus.http.keystore), with a client trusting its certificate. */
    private final String scheme;
    private final HttpClient client;

    private RunningEngine(Engine engine, Main main, Thread thread, FaultyDataSource[] database, int port, String authorization,
                          SSLContext trust) {
        this.engine = engine;
        this.main = main;
        this.thread = thread;
        this.database = database;
        this.port = port;
        this.authorization = authorization;
        this.scheme = trust == null ? "http" : "https";
        HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        this.client = (trust == null ? client : client.sslContext(trust)).build();
    }

    /** Starts the engine and waits until it is ready; {@code settings} override the test's defaults. */
    public static RunningEngine start(Path root, Map<String, String> settings) throws Exception {
        return start(root, settings, null);
    }

    /** The same, for an engine whose server asks for credentials: {@code authorization} is the header that passes. */
    public static RunningEngine start(Path root, Map<String, String> settings, String authorization) throws Exception {
        return start(root, settings, authorization, Clock.systemUTC());
    }

    /** The same, the partners' API checking its passwords' expiry by {@code clock}. */
    public static RunningEngine start(Path root, Map<String, String> settings, String authorization, Clock clock) throws Exception {
        return start(root, settings, authorization, clock, null);
    }

    /** The same, serving HTTPS (settings with chorus.http.keystore) to clients that trust as {@code trust} does. */
    public static RunningEngine start(Path root, Map<String, String> settings, String authorization, Clock clock, SSLContext trust)
            throws Exception {
        int port = freePort();
        Map<String, String> overrides = new HashMap<>(Map.of(
                "chorus.root", root.toString(),
                "chorus.db.url", TestDatabase.url(root.resolve("db")),
                "chorus.db.user", TestDatabase.user(),
                "chorus.intake.poll-delay-ms", "100",
                "chorus.intake.read-lock-min-age-ms", "0",
                "chorus.intake.read-lock-check-interval-ms", "100",
                "chorus.directory.poll-delay-ms", "100",
                "chorus.http.port", String.valueOf(port)));
        overrides.putAll(settings);
        Configuration configuration = Configuration.of(overrides);
        Properties properties = configuration.properties();
        FaultyDataSource[] database = new FaultyDataSource[1];
        Engine engine = Engine.open(EngineSettings.read(configuration), Far37Settings.read(configuration),
                ClusterSettings.read(configuration), dataSource -> database[0] = new FaultyDataSource(dataSource));
        Files.copy(SAMPLES.resolve("directory/annuaire.csv"), engine.folders().directory().resolve("annuaire.csv"));
        Files.copy(SAMPLES.resolve("directory/partenaires.csv"), engine.folders().directory().resolve("partenaires.csv"));
        engine.directoryDrop().importPending();
        Main main = EngineApplication.main(engine, properties, HttpSettings.read(configuration), HealthSettings.read(configuration),
                ApiSettings.read(configuration), clock);
        Thread thread = new Thread(() -> {
            try {
                main.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, "running-engine");
        thread.start();
        RunningEngine running = new RunningEngine(engine, main, thread, database, port, authorization, trust);
        running.awaitServer();
        return running;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Waits until the engine says it is ready: its server answers and its routes have polled once. */
    private void awaitServer() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                HttpRequest.Builder ready = HttpRequest.newBuilder(uri("/observe/health/ready"));
                if (authorization != null) {
                    ready.header("Authorization", authorization);
                }
                if (client.send(ready.build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            assertTrue(System.nanoTime() < deadline && thread.isAlive(), "the engine did not become ready");
            Thread.sleep(50);
        }
    }

    public URI uri(String path) {
        return URI.create(scheme + "://127.0.0.1:" + port + path);
    }

    /** GET, as a client with no credentials. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** An answer read off the wire: its status, its headers as sent (one a line) and its body. */
    public record RawAnswer(int status, String headers, String body) {
        public String header(String name) {
            return headers.lines().filter(line -> line.regionMatches(true, 0, name + ":", 0, name.length() + 1))
                    .map(line -> line.substring(name.length() + 1).strip()).findFirst().orElse(null);
        }
    }

    /**
     * GET with this request target sent as it is, over a plain socket: java.net.http checks a URI's escapes and would
     * never send a malformed one ({@code ?partner=%}), which any other client may. Plain HTTP only.
     */
    public RawAnswer raw(String target, String authorization) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(60));
            String request = "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            // The answer to one GET of a test: a few hundred bytes.
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int end = answer.indexOf("\r\n\r\n");
            String head = answer.substring(0, end);
            String body = answer.substring(end + 4);
            String headers = head.substring(head.indexOf("\r\n") + 2).replace("\r\n", "\n");
            return new RawAnswer(Integer.parseInt(head.split(" ")[1]), headers, body);
        }
    }

    public Engine engine() {
        return engine;
    }

    /** The engine's Camel context (its stream cache's spool directory, say). */
    public CamelContext camelContext() {
        return main.getCamelContext();
    }

    public FaultyDataSource database() {
        return database[0];
    }

    /** Drops a sample flow into a partner's drop directory as a sender must: written aside, then renamed. */
    public void drop(String partner, String sample) throws IOException {
        Path folder = Files.createDirectories(engine.folders().in().resolve(partner));
        Path aside = folder.resolve(sample + ".part");
        Files.copy(SAMPLES.resolve("in/AAA001").resolve(sample), aside);
        Files.move(aside, folder.resolve(sample), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Waits until the ledger holds this many flows, all published. */
    public void awaitFlows(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (engine.ledgerQueries().flows(null, null).stream().filter(f -> f.state().equals("PUBLISHED")).count() < count) {
            assertTrue(System.nanoTime() < deadline, "the engine did not publish " + count + " flows in time");
            Thread.sleep(50);
        }
    }

    @Override
    public void close() throws InterruptedException {
        main.completed();
        thread.join(TimeUnit.SECONDS.toMillis(60));
        engine.close();
    }
}
