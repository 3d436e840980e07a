package org.chorusedi.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Who may read the server: anyone on this machine by default; beyond it, only with the configured credentials. */
class OpsAccessTest {

    @TempDir
    Path root;

    /** Cost 4, the least bcrypt takes: the test checks the protocol, not the hash's strength. */
    private static final String HASH = BCrypt.withDefaults().hashToString(4, "s3cret-pass".toCharArray());

    @Test
    void aBindBeyondLoopbackWithoutCredentialsIsRefusedBeforeAnythingStarts() throws Exception {
        Configuration configuration = Configuration.of(Map.of("chorus.root", root.resolve("edi").toString(), "chorus.http.host", "0.0.0.0"));

        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HttpSettings.read(configuration));

        assertAll(
                () -> assertTrue(refused.getMessage().startsWith("chorus.http.host: 0.0.0.0 is reachable from other machines"),
                        refused.getMessage()),
                () -> assertTrue(refused.getMessage().contains("chorus.http.password-hash")),
                () -> assertEquals(2, EngineCommand.inProcess("run", "--once", "--root", root.resolve("edi").toString(),
                        "-Dchorus.http.host=0.0.0.0").status()),
                () -> assertFalse(Files.exists(root.resolve("edi")), "nothing is made under the root"));
    }

    @Test
    void beyondLoopbackWithCredentialsButNeitherTlsNorPlainHttpAllowedIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HttpSettings.read(Configuration.of(
                Map.of("chorus.http.host", "0.0.0.0", "chorus.http.user", "ops", "chorus.http.password-hash", HASH))));
        assertTrue(refused.getMessage().startsWith("chorus.http.host: 0.0.0.0 is reachable from other machines, and no"
                + " chorus.http.keystore is set"), refused.getMessage());
    }

    @Test
    void beyondLoopbackWithCredentialsAndPlainHttpAllowedIsAccepted() {
        HttpSettings settings = HttpSettings.read(Configuration.of(Map.of("chorus.http.host", "0.0.0.0",
                "chorus.http.user", "ops", "chorus.http.password-hash", HASH, "chorus.http.allow-plain-http", "true")));
        assertAll(
                () -> assertFalse(settings.loopback()),
                () -> assertTrue(settings.credentials()),
                () -> assertEquals("0.0.0.0", settings.camelMain().get("camel.server.host")));
    }

    @Test
    void wrongCredentialSettingsNameTheirKey() {
        IllegalArgumentException clear = assertThrows(IllegalArgumentException.class, () -> HttpSettings.read(Configuration.of(
                Map.of("chorus.http.user", "ops", "chorus.http.password-hash", "s3cret-pass"))));
        IllegalArgumentException half = assertThrows(IllegalArgumentException.class, () -> HttpSettings.read(Configuration.of(
                Map.of("chorus.http.user", "ops"))));
        IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> HttpSettings.read(Configuration.of(
                Map.of("chorus.http.port", "80800"))));
        assertAll(
                () -> assertTrue(clear.getMessage().startsWith("chorus.http.password-hash: expected a bcrypt hash"), clear.getMessage()),
                () -> assertTrue(half.getMessage().contains("set both, or neither"), half.getMessage()),
                () -> assertTrue(port.getMessage().startsWith("chorus.http.port:"), port.getMessage()),
                // Off, nothing about the server is checked.
                () -> assertFalse(HttpSettings.read(Configuration.of(Map.of("chorus.http.enabled", "false",
                        "chorus.http.host", "0.0.0.0"))).enabled()));
    }

    @Test
    void wrongAccountsNameTheirKeyAndTheAccount() {
        Map<String, String> refusals = Map.of(
                "oncall:write", "expected login:role:hash entries",
                "oncall:admin:" + HASH, "oncall: expected the role read or write, not \"admin\"",
                "oncall:write:s3cret-pass", "oncall: expected a bcrypt hash",
                "on call:write:" + HASH, "on call: a login is 1 to 64 letters",
                "ops:write:" + HASH, "ops is named twice (or is also chorus.http.user)",
                "a:read:" + HASH + ",a:write:" + HASH, "a is named twice");
        refusals.forEach((accounts, message) -> {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> HttpSettings.read(Configuration.of(
                    Map.of("chorus.http.user", "ops", "chorus.http.password-hash", HASH, "chorus.http.accounts", accounts))));
            assertTrue(refused.getMessage().startsWith("chorus.http.accounts: ") && refused.getMessage().contains(message),
                    accounts + ": " + refused.getMessage());
        });
        HttpSettings settings = HttpSettings.read(Configuration.of(Map.of("chorus.http.host", "0.0.0.0", "chorus.http.allow-plain-http", "true",
                "chorus.http.accounts", " alice:WRITE:" + HASH + " , noc:read:" + HASH)));
        assertAll(
                () -> assertTrue(settings.credentials(), "accounts alone are credentials: beyond loopback, accepted"),
                () -> assertEquals(List.of("alice WRITE", "noc READ"), settings.operators().stream()
                        .map(a -> a.login() + " " + a.role()).toList()));
    }

    @Test
    void withCredentialsEveryRequestMustCarryThem() throws Exception {
        try (RunningEngine engine = RunningEngine.start(root, Map.of("chorus.http.user", "ops", "chorus.http.password-hash", HASH),
                basic("ops", "s3cret-pass"))) {
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/", "/api/ops/v1/flows", "/observe/health/ready", "/observe/metrics"}) {
                HttpResponse<String> none = engine.get(path);
                HttpResponse<String> wrong = client.send(request(engine, path, "ops", "guess"), HttpResponse.BodyHandlers.ofString());
                HttpResponse<String> right = client.send(request(engine, path, "ops", "s3cret-pass"), HttpResponse.BodyHandlers.ofString());
                assertAll(path,
                        () -> assertEquals(401, none.statusCode()),
                        () -> assertTrue(none.headers().firstValue("www-authenticate").orElse("").startsWith("Basic"),
                                none.headers().map().toString()),
                        () -> assertEquals(401, wrong.statusCode()),
                        () -> assertEquals(200, right.statusCode(), right.body()));
            }
            // The partners' API is not the operators': its description is public, its calls ask for a technical user.
            assertEquals(200, engine.get("/api/v1/openapi.json").statusCode());
            assertEquals("Basic realm=\"chorus-edi API\", charset=\"UTF-8\"",
                    engine.get("/api/v1/flows").headers().firstValue("www-authenticate").orElse(""));
        }
    }

    private static HttpRequest request(RunningEngine engine, String path, String user, String password) {
        return HttpRequest.newBuilder(engine.uri(path)).header("Authorization", basic(user, password)).build();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
