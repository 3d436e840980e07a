package org.chorusedi.api;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.chorusedi.support.RunningEngine;
import org.chorusedi.testkit.FolderFiles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a hostile or broken client gets from the partners' API, and what it can make the engine hold
 * (docs/partners/api.md): nothing of a body before its credentials are checked, nothing anywhere of a deposit cut
 * short, a 401 with the JSON error for headers that cannot be read. One running engine; the bodies are made as they are
 * sent, never held by the test; Camel's stream cache is looked at where the engine's context spools it. A raw socket
 * sends what java.net.http would not: a body cut short, a request waiting for 100 Continue that gets another answer, a
 * control character in a header.
 */
class ApiHostileClientTest {

    private static final long MEGABYTE = 1_000_000;

    @TempDir
    static Path root;

    private static RunningEngine engine;
    private static TechnicalUsers.NewPassword user;
    private static final ListAppender<ILoggingEvent> LOG = new ListAppender<>();

    @BeforeAll
    static void start() throws Exception {
        engine = RunningEngine.start(root, Map.of());
        user = new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424), Duration.ofDays(30), 5,
                Duration.ofMinutes(15)), Clock.systemUTC()).create("AAA001", "upload-system");
        LOG.start();
        ((Logger) LoggerFactory.getLogger("org.chorusedi")).addAppender(LOG);
    }

    @AfterAll
    static void stop() throws Exception {
        ((Logger) LoggerFactory.getLogger("org.chorusedi")).detachAppender(LOG);
        engine.close();
    }

    @Test
    void anAnonymousUploadOf100MegabytesIsRefusedBeforeItsBodyIsRead() throws Exception {
        long heapBefore = usedHeap();
        MadeBody body = new MadeBody(100 * MEGABYTE);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest request = HttpRequest.newBuilder(engine.uri("/api/v1/flows?name=anonyme.xml")).timeout(Duration.ofMinutes(2))
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> body), body.size))
                .build();
        try {
            HttpResponse<String> refused = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(401, refused.statusCode(), refused.body());
            assertEquals("wrong login or password", ApiClient.json(refused).getString("error"));
        } catch (IOException closed) {
            // The engine answered and closed the connection while the client was still sending: acceptable.
        }
        assertTrue(body.sent < 100 * MEGABYTE, "the engine took the whole body before refusing it");
        assertNothingKept("anonyme.xml");
        long grown = usedHeap() - heapBefore;
        assertTrue(grown < 16 * MEGABYTE, "the heap grew by " + grown + " bytes");
    }

    @Test
    void aDepositCutShortLeavesNothingAnywhere() throws Exception {
        try (Socket socket = connect()) {
            OutputStream out = socket.getOutputStream();
            out.write(depositHead("coupe.xml", user.password(), 3 * MEGABYTE, ""));
            new MadeBody(MEGABYTE).transferTo(out);
            out.flush();
        }
        // The engine says it dropped the deposit: one WARN line, without a stack trace.
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (warnings(user.login()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertNothingKept("coupe.xml");
        List<ILoggingEvent> warnings = warnings(user.login());
        assertEquals(1, warnings.size(), warnings::toString);
        assertNull(warnings.get(0).getThrowableProxy());
    }

    @Test
    void aClientWaitingFor100ContinueSendsNoBodyWhenRefusedAndItsFlowWhenAccepted() throws Exception {
        // A raw socket: java.net.http (JDK 17) waits for ever when a request waiting for 100 Continue gets another answer.
        try (Socket socket = connect()) {
            socket.getOutputStream().write(depositHead("attente.xml", "bad-password", 3 * MEGABYTE, "Expect: 100-continue\r\n"));
            String refused = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(refused.startsWith("HTTP/1.1 401 Unauthorized\r\n"), refused);
        }
        String accepted;
        try (Socket socket = connect()) {
            socket.getOutputStream().write(depositHead("attente.xml", user.password(), 3 * MEGABYTE,
                    "Expect: 100-continue\r\nConnection: close\r\n"));
            InputStream in = socket.getInputStream();
            byte[] proceed = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", new String(proceed, StandardCharsets.US_ASCII));
            new MadeBody(3 * MEGABYTE).transferTo(socket.getOutputStream());
            accepted = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(accepted.startsWith("HTTP/1.1 202 Accepted\r\n"), accepted);
        String flowId = ((JsonObject) Jsoner.deserialize(body(accepted))).getString("flowId");
        assertTrue(flowId != null && !flowId.isBlank(), accepted);
        JsonObject flow = ApiClient.of(engine.uri("").toString(), user.login(), user.password()).decided(flowId);
        assertEquals(3 * MEGABYTE, flow.getLong("sizeBytes").longValue());
    }

    /** The body of an answer read off the wire (the engine sends its JSON with a Content-Length, never chunked). */
    private static String body(String answer) {
        return answer.substring(answer.indexOf("\r\n\r\n") + 4);
    }

    /** A socket to the engine that gives up reading after 30 s: a server waiting for a body never sent fails the test. */
    private static Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), engine.uri("").getPort());
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** The head of a deposit of {@code length} bytes by the test's technical user. */
    private static byte[] depositHead(String name, String password, long length, String moreHeaders) {
        String credentials = Base64.getEncoder().encodeToString((user.login() + ":" + password).getBytes(StandardCharsets.UTF_8));
        return ("POST /api/v1/flows?name=" + name + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic " + credentials
                + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + length + "\r\n" + moreHeaders + "\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void aMalformedAuthorizationHeaderIsAnswered401WithTheJsonError() throws Exception {
        String answer;
        try (Socket socket = connect()) {
            socket.getOutputStream().write(("GET /api/v1/flows HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic \u0001"
                    + Base64.getEncoder().encodeToString((user.login() + ":" + user.password()).getBytes(StandardCharsets.UTF_8))
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
        int head = answer.indexOf("\r\n\r\n");
        List<String> lines = List.of(answer.substring(0, Math.max(head, 0)).toLowerCase(Locale.ROOT).split("\r\n"));
        assertEquals("http/1.1 401 unauthorized", lines.get(0), answer);
        assertTrue(lines.contains("www-authenticate: basic realm=\"chorus-edi api\", charset=\"utf-8\""), answer);
        assertTrue(lines.contains("content-type: application/json"), answer);
        JsonObject error = (JsonObject) Jsoner.deserialize(body(answer));
        assertEquals("the request's headers cannot be read (no control character in a value): its credentials cannot be"
                + " checked", error.getString("error"));
        List<ILoggingEvent> warnings = warnings("headers cannot be read");
        assertEquals(1, warnings.size(), warnings::toString);
        assertNull(warnings.get(0).getThrowableProxy());
        assertTrue(warnings.stream().noneMatch(w -> w.getFormattedMessage().contains("Basic")), warnings::toString);
    }

    /** No file under in/, no flow of this name in the ledger, nothing in Camel's stream cache. */
    private static void assertNothingKept(String name) throws IOException {
        assertEquals(List.of(), FolderFiles.under(engine.engine().folders().in()), "files under in/");
        assertEquals(List.of(), engine.engine().ledgerQueries().flows(null, null).stream().filter(f -> f.fileName().equals(name)).toList(),
                "flows in the ledger");
        File spool = engine.camelContext().getStreamCachingStrategy().getSpoolDirectory();
        String[] spooled = spool == null ? null : spool.list();
        assertEquals(List.of(), spooled == null ? List.of() : Arrays.asList(spooled), "files in " + spool);
    }

    private static List<ILoggingEvent> warnings(String text) {
        List<ILoggingEvent> events;
        synchronized (LOG) {
            events = new ArrayList<>(LOG.list);
        }
        return events.stream().filter(e -> e.getLevel() == Level.WARN && e.getFormattedMessage().contains(text)).toList();
    }

    private static long usedHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** A body of {@code size} bytes made as it is read (an XML start, then letters), counting what was read. */
    private static final class MadeBody extends InputStream {
        private final long size;
        private volatile long sent;

        MadeBody(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (sent == size) {
                return -1;
            }
            int count = (int) Math.min(length, size - sent);
            Arrays.fill(buffer, offset, offset + count, (byte) 'a');
            if (sent == 0) {
                buffer[offset] = '<';
            }
            sent += count;
            return count;
        }
    }
}
