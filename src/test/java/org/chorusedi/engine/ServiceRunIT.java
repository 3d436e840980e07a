package org.chorusedi.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.chorusedi.support.EngineCommand;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine as an operator's service runs it, from the package: {@code java -jar target/chorus-edi.jar run}
 * with the libraries of target/lib, its HTTP server on (what {@code run --once} never starts). The tests of
 * the API and the operators' page run on the test class path, which holds test libraries too: this one
 * catches a library the package lacks. The embedded database: H2 only.
 */
@Tag("h2-only")
class ServiceRunIT {

    private static final Duration GUARD = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void theServiceDecidesTheSampleFlowsAndAnswersOnItsHttpServer() throws Exception {
        Path jar = EngineCommand.packagedJar();
        Path root = dir.resolve("edi-data");
        SampleFlowsIT.copy(Path.of("sample-flows"), root);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Path log = dir.resolve("engine.log");
        Process engine = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-jar", jar.toString(), "run", "-Dchorus.http.port=" + port)
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            awaitReady(http, engine, log, "http://127.0.0.1:" + port + "/observe/health/ready");
            HttpResponse<String> openApi = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/openapi.json")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, openApi.statusCode(), openApi::body);
            assertTrue(openApi.body().contains("\"openapi\""), openApi::body);

            long deadline = System.nanoTime() + GUARD.toNanos();
            while (reports(root.resolve("ack")) < 17) {
                assertTrue(System.nanoTime() < deadline, () -> "17 flow reports expected in ack/, engine log:\n" + read(log));
                Thread.sleep(200);
            }
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/observe/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health::body);
            assertTrue(health.body().contains("UP"), health::body);
        } finally {
            engine.destroy();
            if (!engine.waitFor(1, TimeUnit.MINUTES)) {
                engine.destroyForcibly().waitFor();
            }
        }
    }

    /** Waits until the engine says it is ready (its server answers before its routes are started); fails if it ends first. */
    private static void awaitReady(HttpClient http, Process engine, Path log, String url) throws Exception {
        long deadline = System.nanoTime() + GUARD.toNanos();
        while (true) {
            assertTrue(engine.isAlive(), () -> "the engine ended (exit " + engine.exitValue() + "):\n" + read(log));
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // the server is not listening yet
            }
            assertTrue(System.nanoTime() < deadline, () -> "not ready at " + url + ", engine log:\n" + read(log));
            Thread.sleep(200);
        }
    }

    private static long reports(Path ack) throws IOException {
        if (!Files.exists(ack)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(ack)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".flux.xml")).count();
        }
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e + ")";
        }
    }
}
