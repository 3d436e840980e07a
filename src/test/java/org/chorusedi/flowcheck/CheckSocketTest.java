package org.chorusedi.flowcheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.chorusedi.cli.ChorusEdi;
import org.chorusedi.flow.DepositMode;
import org.chorusedi.support.RunningEngine;
import org.chorusedi.testkit.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validate --root} answered by the engine running on that root (its socket, <root>/validate.sock): the same
 * report and exit status as a check in validate's own process; validate checks itself when no engine answers, a socket
 * left by a killed engine included; a client that says nothing is disconnected; clients side by side are answered.
 */
class CheckSocketTest {

    /** The sample ministry's invoice, from the sample partner: delivered (92, exit 0). */
    private static final String DELIVERED = "01-ubl-ministere-livree.xml";
    /** Rejected (exit 1). */
    private static final String REJECTED = "04-rejet-I03-destinataire-inconnu.xml";

    @TempDir
    Path folder;

    /** What one run of validate printed and returned. */
    record Printed(int status, String out) {
        /** The report without its time of production, which differs from one check to the next. */
        String report() {
            return out.replaceAll("<Horodatage>[^<]*</Horodatage>", "");
        }
    }

    /** The test's one database: on PostgreSQL each TestDatabase.url is a new database, and validate must read the engine's. */
    private String databaseUrl;

    private String databaseUrl() {
        if (databaseUrl == null) {
            databaseUrl = TestDatabase.url(folder.resolve("db"));
        }
        return databaseUrl;
    }

    private Map<String, String> settings(String... more) {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("chorus.rules.level", "off", "chorus.validate.request-seconds", "1",
                "chorus.db.url", databaseUrl()));
        for (int i = 0; i < more.length; i += 2) {
            settings.put(more[i], more[i + 1]);
        }
        return settings;
    }

    /** The engine's database, for a validate that checks in its own process (a -D would keep it from asking the engine). */
    private Path configOf(Path root) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("chorus.db.url", databaseUrl());
        properties.setProperty("chorus.db.user", TestDatabase.user());
        properties.setProperty("chorus.rules.level", "off");
        Path config = folder.resolve("chorus-edi.properties");
        try (var out = Files.newBufferedWriter(config)) {
            properties.store(out, null);
        }
        return config;
    }

    private Path sample(String name) throws IOException {
        Path file = folder.resolve("AAA001").resolve(name);
        Files.createDirectories(file.getParent());
        return Files.copy(RunningEngine.SAMPLES.resolve("in/AAA001").resolve(name), file);
    }

    static Printed validate(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            String[] command = new String[args.length + 1];
            command[0] = "validate";
            System.arraycopy(args, 0, command, 1, args.length);
            return new Printed(ChorusEdi.execute(command), out.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(original);
        }
    }

    @Test
    void theRunningEngineAnswersWithTheReportAndStatusOfACheckInValidatesOwnProcess() throws Exception {
        Path root = folder.resolve("root");
        Path delivered = sample(DELIVERED);
        Path rejected = sample(REJECTED);
        try (RunningEngine engine = RunningEngine.start(root, settings())) {
            Path config = configOf(root);
            assertTrue(Files.exists(root.resolve("validate.sock")), "the engine listens in its root");

            for (Path file : List.of(delivered, rejected)) {
                Printed byEngine = validate("--engine", "--config", config.toString(), "--root", root.toString(), file.toString());
                Printed standalone = validate("--standalone", "--config", config.toString(), "--root", root.toString(), file.toString());

                assertEquals(standalone.status(), byEngine.status(), byEngine.out());
                assertEquals(standalone.report(), byEngine.report());
            }
            assertEquals(0, validate("--engine", "--root", root.toString(), delivered.toString()).status());
            assertEquals(1, validate("--engine", "--root", root.toString(), rejected.toString()).status());
            assertEquals(List.of(), engine.engine().ledgerQueries().flows(null, null), "validate records nothing");
        }
        assertFalse(Files.exists(root.resolve("validate.sock")), "a stopped engine removes its socket");
    }

    @Test
    void withoutARunningEngineValidateChecksInItsOwnProcessAndEngineFails() throws Exception {
        Path root = folder.resolve("root");
        Path delivered = sample(DELIVERED);
        RunningEngine.start(root, settings()).close();
        Path config = configOf(root);

        Printed fallback = validate("--config", config.toString(), "--root", root.toString(), delivered.toString());
        Printed forced = validate("--engine", "--config", config.toString(), "--root", root.toString(), delivered.toString());

        assertEquals(0, fallback.status(), fallback.out());
        assertTrue(fallback.out().contains("<IdStatut>92</IdStatut>"), fallback.out());
        assertEquals(2, forced.status(), "--engine with no engine: nothing checked");
        assertEquals("", forced.out());
    }

    @Test
    void aSocketLeftByAKilledEngineIsPassedOverByValidateAndReplacedByTheNextEngine() throws Exception {
        Path root = folder.resolve("root");
        Path delivered = sample(DELIVERED);
        RunningEngine.start(root, settings()).close();
        Path config = configOf(root);
        // What a killed engine leaves: the socket file, nobody listening on it.
        Path socket = root.resolve("validate.sock");
        try (ServerSocketChannel killed = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            killed.bind(UnixDomainSocketAddress.of(socket));
        }
        assertTrue(Files.exists(socket));

        assertNull(CheckSocketClient.ask(socket, delivered, "AAA001", DepositMode.EDI).result(), "nobody answers");
        assertEquals(0, validate("--config", config.toString(), "--root", root.toString(), delivered.toString()).status());

        try (RunningEngine engine = RunningEngine.start(root, settings())) {
            assertEquals(0, validate("--engine", "--root", root.toString(), delivered.toString()).status());
        }
    }

    @Test
    void aClientThatSaysNothingIsDisconnectedAndTheOthersAreAnswered() throws Exception {
        Path root = folder.resolve("root");
        Path delivered = sample(DELIVERED);
        try (RunningEngine engine = RunningEngine.start(root, settings("chorus.validate.threads", "1"));
             SocketChannel silent = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.connect(UnixDomainSocketAddress.of(root.resolve("validate.sock")));

            // The one thread is the silent client's until its second has passed; this one waits its turn.
            assertEquals(0, validate("--engine", "--root", root.toString(), delivered.toString()).status());
            assertEquals(-1, silent.read(ByteBuffer.allocate(64)), "disconnected without an answer");
        }
    }

    @Test
    void whatIsNotARequestIsRefusedAndNothingIsChecked() throws Exception {
        Path root = folder.resolve("root");
        try (RunningEngine engine = RunningEngine.start(root, settings())) {
            Path socket = root.resolve("validate.sock");
            for (String request : List.of("GET / HTTP/1.1\n\n", "chorus-edi validate 1\npartner AAA001\nmode EDI\nfile relative.xml\n\n",
                    "chorus-edi validate 1\npartner ../x\nmode EDI\nfile /etc/passwd\n\n",
                    "chorus-edi validate 1\npartner AAA001\nmode EDI\nfile /nonexistent.xml\n\n",
                    "chorus-edi validate 1\n" + "x".repeat(20_000) + "\n\n")) {
                try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    client.connect(UnixDomainSocketAddress.of(socket));
                    client.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.UTF_8)));
                    FlowCheck.Result answer = CheckWire.readAnswer(java.nio.channels.Channels.newInputStream(client));
                    assertEquals(CheckWire.NOT_CHECKED, answer.status(), request);
                    assertEquals(0, answer.report().length);
                } catch (IOException closed) {
                    // Disconnected while the rest of a request too long was being sent: refused too.
                }
            }
            assertEquals(List.of(), engine.engine().ledgerQueries().flows(null, null));
        }
    }

    @Test
    void clientsSideBySideAreEachAnswered() throws Exception {
        Path root = folder.resolve("root");
        Path delivered = sample(DELIVERED);
        Path rejected = sample(REJECTED);
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try (RunningEngine engine = RunningEngine.start(root, settings("chorus.validate.threads", "2"))) {
            Path socket = root.resolve("validate.sock");
            List<Future<CheckSocketClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Path file = i % 2 == 0 ? delivered : rejected;
                answers.add(clients.submit(() -> CheckSocketClient.ask(socket, file, "AAA001", DepositMode.EDI)));
            }
            for (int i = 0; i < 4; i++) {
                FlowCheck.Result result = answers.get(i).get().result();
                assertNotNull(result, answers.get(i).get().reason());
                assertEquals(i % 2 == 0 ? 0 : 1, result.status());
            }
        } finally {
            clients.shutdownNow();
        }
    }
}
