package org.chorusedi.api;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With a keystore configured the engine serves HTTPS: a certificate made here by keytool, trusted by the client alone. */
class ApiTlsTest {

    private static final String PASSWORD = "keystore-pass";

    @TempDir
    Path dir;

    @Test
    void anApiCallOverHttpsWithASelfSignedCertificate() throws Exception {
        Path keystore = dir.resolve("server.p12");
        keytool("-genkeypair", "-alias", "chorus", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        SSLContext trust = trusting(keystore);
        try (RunningEngine engine = RunningEngine.start(dir.resolve("root"), Map.of("chorus.http.keystore", keystore.toString(),
                "chorus.http.keystore-password", PASSWORD), null, Clock.systemUTC(), trust)) {
            TechnicalUsers users = new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424),
                    Duration.ofDays(30), 5, Duration.ofMinutes(15)), Clock.systemUTC());
            TechnicalUsers.NewPassword user = users.create("AAA001", "tls-system");
            assertTrue(engine.uri("/").toString().startsWith("https://"));
            ApiClient client = new ApiClient(HttpClient.newBuilder().sslContext(trust).build(), engine.uri("").toString(),
                    user.login(), user.password());

            HttpResponse<String> deposit = client.deposit("01-ubl-ministere-livree.xml",
                    RunningEngine.SAMPLES.resolve("in/AAA001/01-ubl-ministere-livree.xml"));
            assertEquals(202, deposit.statusCode(), deposit.body());
            assertEquals("92", client.decided(ApiClient.json(deposit).getString("flowId")).getString("status"));

            // Plain HTTP on the same port gets no answer, and a client that does not trust the certificate refuses it.
            URI plain = URI.create(engine.uri("/api/v1/flows").toString().replace("https://", "http://"));
            assertThrows(java.io.IOException.class, () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()
                    .send(HttpRequest.newBuilder(plain).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()));
            assertThrows(javax.net.ssl.SSLHandshakeException.class, () -> HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(engine.uri("/api/v1/flows")).build(), HttpResponse.BodyHandlers.ofString()));
        }
    }

    /** A context trusting the keystore's certificate alone. */
    private static SSLContext trusting(Path keystore) throws Exception {
        KeyStore server = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            server.load(in, PASSWORD.toCharArray());
        }
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("chorus", server.getCertificate("chorus"));
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "keytool did not finish");
        assertEquals(0, process.exitValue(), output);
    }
}
