package org.chorusedi.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.chorusedi.dume.HostileDumes;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DUME page on the running engine's server: behind the operators' credentials, bounded, read-only. */
class DumeRoutesTest {

    /** Cost 4, the least bcrypt takes: the test checks the protocol, not the hash's strength. */
    private static final String HASH = BCrypt.withDefaults().hashToString(4, "watch-pass".toCharArray());
    private static final String OPERATOR = "Basic " + Base64.getEncoder().encodeToString("watch:watch-pass".getBytes(StandardCharsets.UTF_8));
    private static final Path DUMES = Path.of("src/test/resources/dume").toAbsolutePath();

    @TempDir
    static Path root;

    private static RunningEngine engine;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        engine = RunningEngine.start(root, Map.of("chorus.http.user", "watch", "chorus.http.password-hash", HASH), OPERATOR);
        Path kept = Files.createDirectories(engine.engine().folders().dume());
        Files.copy(DUMES.resolve("request-mairie.xml"), kept.resolve("AB12CD34.xml"));
        Files.copy(DUMES.resolve("invalid-schema.xml"), kept.resolve("BAD00001.xml"));
        Files.createSymbolicLink(kept.resolve("LINK0001.xml"), DUMES.resolve("response-martin.xml"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (engine != null) {
            engine.close();
        }
    }

    private static HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(engine.uri(path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String query, HttpRequest.BodyPublisher body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(engine.uri(DumeRoutes.VIEW + query))
                .timeout(java.time.Duration.ofSeconds(90)).header("Content-Type", "application/octet-stream").POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutTheOperatorsCredentialsNothingOfTheDumePageIsAnswered() throws Exception {
        HttpResponse<String> page = get("/dume", null);
        HttpResponse<String> script = get("/ops/dume.js", null);
        HttpResponse<String> kept = get("/dume/AB12CD34", null);
        HttpResponse<String> view = post("", HttpRequest.BodyPublishers.ofFile(DUMES.resolve("request-mairie.xml")), null);

        assertAll(
                () -> assertEquals(401, page.statusCode()),
                () -> assertEquals(401, script.statusCode()),
                () -> assertEquals(401, kept.statusCode()),
                () -> assertEquals(401, view.statusCode()),
                () -> assertFalse(kept.body().contains("Mairie"), kept.body()));
    }

    @Test
    void theFormPageIsServedWithItsScript() throws Exception {
        HttpResponse<String> page = get("/dume", OPERATOR);
        HttpResponse<String> script = get("/ops/dume.js", OPERATOR);

        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("<input type=\"file\" id=\"dume-file\""), page.body());
        assertTrue(page.body().contains("<script src=\"/ops/dume.js\" defer></script>"));
        assertEquals(200, script.statusCode());
        assertTrue(script.body().contains(DumeRoutes.VIEW.substring(0, DumeRoutes.VIEW.length() - "/view".length())), script.body());
    }

    @Test
    void aDumeSentIsAnsweredItsPageWhichMayRunNothing() throws Exception {
        HttpResponse<String> answer = post("?lang=en&name=response-martin.xml",
                HttpRequest.BodyPublishers.ofFile(DUMES.resolve("response-martin.xml")), OPERATOR);

        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("text/html; charset=utf-8", answer.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'self'",
                answer.headers().firstValue("Content-Security-Policy").orElseThrow());
        assertTrue(answer.body().contains("<html lang=\"en\">"));
        assertEquals(3, answer.body().split("<section class=\"criterion\"", -1).length - 1);
        assertFalse(answer.body().contains("<script"));
    }

    @Test
    void anInvalidDumeSentIsAnsweredTheListOfWhatIsWrong() throws Exception {
        HttpResponse<String> answer = post("?name=invalid-schema.xml", HttpRequest.BodyPublishers.ofFile(DUMES.resolve("invalid-schema.xml")),
                OPERATOR);

        assertEquals(422, answer.statusCode());
        assertTrue(answer.body().contains("<h1>DUME refusé</h1>"), answer.body());
        assertTrue(answer.body().contains("<tr><td>9</td><td>36</td><td>cvc-datatype-valid.1.2.1: &#39;20 novembre 2026&#39;"),
                answer.body());
    }

    @Test
    void aFiftyMegabyteDumeIsRefusedByItsAnnouncedLengthUnread() throws Exception {
        // Over a plain socket: the head announces 50 MB, a first 64 KB follows, and the answer comes without the rest.
        String answer;
        try (Socket socket = new Socket("127.0.0.1", engine.uri("/").getPort())) {
            socket.setSoTimeout(30_000);
            String head = "POST " + DumeRoutes.VIEW + "?name=big.xml HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + OPERATOR
                    + "\r\nContent-Type: application/octet-stream\r\nContent-Length: " + (50L * 1024 * 1024) + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(new byte[64 * 1024]);
            socket.getOutputStream().flush();
            // The answer to one refusal, a page of a few kilobytes, comes while the rest is unsent; the connection is
            // to be closed after it (as the partners' API does: docs/partners/api.md).
            answer = answer(socket.getInputStream());
        }

        assertTrue(answer.startsWith("HTTP/1.1 413 "), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), answer);
        assertTrue(answer.contains("the file is over the 8388608 bytes (8 MB) a DUME may be"), answer);
        assertEquals(200, get("/dume", OPERATOR).statusCode(), "the server goes on");
    }

    /** An answer read off the wire: its head, then as many bytes as its Content-Length says. */
    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.US_ASCII);
        Matcher length = Pattern.compile("(?i)\r\ncontent-length: (\\d+)\r\n").matcher(text);
        int size = length.find() ? Integer.parseInt(length.group(1)) : 0;
        return text + new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }

    @Test
    void aHostileDumeIsRefusedWithoutHarm() throws Exception {
        HttpResponse<String> laughs = post("", HttpRequest.BodyPublishers.ofFile(HostileDumes.billionLaughs(root)), OPERATOR);
        HttpResponse<String> deep = post("", HttpRequest.BodyPublishers.ofFile(HostileDumes.deepNesting(root)), OPERATOR);

        assertEquals(422, laughs.statusCode());
        assertTrue(laughs.body().contains("DOCTYPE"), laughs.body());
        assertEquals(422, deep.statusCode());
        assertTrue(deep.body().contains("Maximum Element Depth limit (500) Exceeded"), deep.body());
    }

    @Test
    void aKeptDumeIsShownByItsIdentifierAndNothingElseIs() throws Exception {
        HttpResponse<String> kept = get("/dume/AB12CD34", OPERATOR);
        HttpResponse<String> english = get("/dume/AB12CD34?lang=en", OPERATOR);
        HttpResponse<String> invalid = get("/dume/BAD00001", OPERATOR);
        HttpResponse<String> missing = get("/dume/ZZ99ZZ99", OPERATOR);
        HttpResponse<String> notAnId = get("/dume/..%2Fdb", OPERATOR);
        HttpResponse<String> link = get("/dume/LINK0001", OPERATOR);
        HttpResponse<String> german = get("/dume/AB12CD34?lang=de", OPERATOR);

        assertAll(
                () -> assertEquals(200, kept.statusCode()),
                () -> assertTrue(kept.body().contains("<dd>Mairie de Villefranche-sur-Loire (fictive)</dd>"), kept.body()),
                () -> assertTrue(english.body().contains("<html lang=\"en\">")),
                () -> assertEquals(422, invalid.statusCode()),
                () -> assertEquals(404, missing.statusCode()),
                () -> assertTrue(missing.body().contains("no DUME ZZ99ZZ99 kept under the root (dume/ZZ99ZZ99.xml)"), missing.body()),
                () -> assertEquals(404, notAnId.statusCode()),
                () -> assertEquals(404, link.statusCode(), "a link is not followed"),
                () -> assertFalse(link.body().contains("Martin"), link.body()),
                () -> assertEquals(400, german.statusCode()));
    }
}
