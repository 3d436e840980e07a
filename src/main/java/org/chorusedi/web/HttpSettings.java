package org.chorusedi.web;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.InvalidSetting;

/**
 * The engine's HTTP server (docs/operators/watching.md, docs/partners/api.md): on or off, where it listens, the
 * operators' credentials, and TLS. Bound to a loopback address it may go without credentials and without TLS;
 * bound elsewhere it must have the operators' credentials, and TLS (a keystore) unless plain HTTP is allowed on
 * purpose: the engine refuses to start otherwise. Passwords are kept as bcrypt hashes, never in clear.
 *
 * @param user             chorus.http.user, a reader; empty: none
 * @param accounts         chorus.http.accounts, the other operators' accounts, each a reader or a writer
 * @param keystore         a PKCS12 (or JKS) keystore holding the server's key and certificate: HTTPS; null: plain HTTP
 * @param allowPlainHttp   plain HTTP beyond loopback (behind a TLS reverse proxy, say)
 */
public record HttpSettings(boolean enabled, String host, int port, String user, String passwordHash,
                           List<OperatorAccount> accounts, Path keystore, String keystorePassword, boolean allowPlainHttp) {

    /**
     * @throws InvalidSetting naming the key whose value is wrong, or saying why the settings together
     *         are refused (bound beyond loopback without credentials)
     */
    public static HttpSettings read(Configuration c) {
        boolean enabled = bool(c, "chorus.http.enabled");
        String host = c.text("chorus.http.host");
        int port = port(c);
        String user = c.text("chorus.http.user");
        String hash = c.text("chorus.http.password-hash");
        List<OperatorAccount> accounts = enabled ? OperatorAccount.parse(c.text("chorus.http.accounts"), user) : List.of();
        String keystore = c.text("chorus.http.keystore");
        String keystorePassword = c.text("chorus.http.keystore-password");
        boolean allowPlain = bool(c, "chorus.http.allow-plain-http");
        HttpSettings settings = new HttpSettings(enabled, host, port, user, hash, accounts,
                keystore.isEmpty() ? null : Path.of(keystore).toAbsolutePath().normalize(), keystorePassword, allowPlain);
        if (enabled) {
            settings.check();
        }
        return settings;
    }

    private void check() {
        if (host.isEmpty()) {
            throw new InvalidSetting("chorus.http.host: expected an address to listen on, such as 127.0.0.1");
        }
        if (user.isEmpty() != passwordHash.isEmpty()) {
            throw new InvalidSetting("chorus.http.user and chorus.http.password-hash: set both, or neither");
        }
        if (!user.isEmpty() && !OperatorAccount.LOGIN.matcher(user).matches()) {
            throw new InvalidSetting("chorus.http.user: a login is 1 to 64 letters, digits, '.', '_', '@' or '-'");
        }
        if (!passwordHash.isEmpty() && !OperatorAccount.BCRYPT.matcher(passwordHash).matches()) {
            throw new InvalidSetting("chorus.http.password-hash: expected a bcrypt hash ($2b$12$...),"
                    + " as chorus-edi hash-password prints it");
        }
        if (!loopback() && !credentials()) {
            throw new InvalidSetting("chorus.http.host: " + host + " is reachable from other machines, and"
                    + " chorus.http.user and chorus.http.password-hash are not set: set them, or bind to 127.0.0.1,"
                    + " or turn the server off with chorus.http.enabled=false");
        }
        if (keystore != null && !Files.isReadable(keystore)) {
            throw new InvalidSetting("chorus.http.keystore: " + keystore + " cannot be read");
        }
        if (!loopback() && keystore == null && !allowPlainHttp) {
            throw new InvalidSetting("chorus.http.host: " + host + " is reachable from other machines, and no"
                    + " chorus.http.keystore is set: passwords would cross the network in clear; set a keystore (HTTPS), or"
                    + " chorus.http.allow-plain-http=true behind a TLS reverse proxy");
        }
    }

    /**
     * For the engine, before anything is made: the keystore, when the server has one, opened as the server will open
     * it, so that a wrong file or password stops start-up naming its key, not the server with a stack trace once the
     * root is made. (The other commands only print the server's address: they need not have the password.)
     *
     * @throws InvalidSetting naming chorus.http.keystore or chorus.http.keystore-password
     */
    public void checkKeystore() {
        if (!enabled || keystore == null) {
            return;
        }
        if (keystorePassword.isEmpty()) {
            throw new InvalidSetting("chorus.http.keystore-password: expected the password of " + keystore + ", not empty");
        }
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance(keystoreType());
            store.load(in, keystorePassword.toCharArray());
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
            throw new InvalidSetting("chorus.http.keystore: " + keystore + " holds no private key (the server's key and certificate)");
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSetting("chorus.http.keystore: " + keystore + " cannot be opened as a " + keystoreType()
                    + " keystore with chorus.http.keystore-password: " + e);
        }
    }

    /** JKS for a file named *.jks, else PKCS12. */
    private String keystoreType() {
        return keystore.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".jks") ? "JKS" : "PKCS12";
    }

    /** The same settings with the server off. */
    public HttpSettings off() {
        return new HttpSettings(false, host, port, user, passwordHash, accounts, keystore, keystorePassword, allowPlainHttp);
    }

    /** Whether the server speaks HTTPS. */
    public boolean tls() {
        return keystore != null;
    }

    /** The server's address as a client writes it: {@code https://host:port}, or {@code http://} without TLS. */
    public String baseUrl() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return (tls() ? "https://" : "http://") + address + ":" + port;
    }

    /** Whether requests must carry an operator's login and password (HTTP Basic). */
    public boolean credentials() {
        return !user.isEmpty() || !accounts.isEmpty();
    }

    /** Every operator's account: chorus.http.user, a reader, then chorus.http.accounts. */
    public List<OperatorAccount> operators() {
        List<OperatorAccount> all = new ArrayList<>();
        if (!user.isEmpty()) {
            all.add(new OperatorAccount(user, OperatorAccount.Role.READ, passwordHash));
        }
        all.addAll(accounts);
        return all;
    }

    /** Whether the server can only be reached from this machine. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new InvalidSetting("chorus.http.host: " + host + " is not an address of this machine");
        }
    }

    /**
     * The camel-main settings that start Camel's embedded server with its health and Prometheus endpoints on
     * one address and port; none when the server is off.
     */
    public Map<String, String> camelMain() {
        Map<String, String> main = new LinkedHashMap<>();
        if (!enabled) {
            return main;
        }
        main.put("camel.server.enabled", "true");
        main.put("camel.server.host", host);
        main.put("camel.server.port", String.valueOf(port));
        main.put("camel.management.enabled", "true");
        main.put("camel.management.host", host);
        main.put("camel.management.port", String.valueOf(port));
        main.put("camel.management.healthCheckEnabled", "true");
        main.put("camel.management.metricsEnabled", "true");
        main.put("camel.metrics.enabled", "true");
        // The JVM's and the process's meters beside the engine's and Camel's (docs/operators/watching.md, "Metrics").
        // Set here, with the server, not in application.properties: any camel.metrics.* key turns Camel's metrics on,
        // server or not.
        // The exchanges in flight, listed on the page (CamelRoutes): Camel keeps them browsable only when asked to.
        main.put("camel.main.inflightRepositoryBrowseEnabled", "true");
        main.put("camel.metrics.binders", "jvm-memory,jvm-gc,jvm-thread,class-loader,processor,uptime,file-descriptor");
        if (tls()) {
            main.put("camel.ssl.enabled", "true");
            main.put("camel.ssl.keyStore", "file:" + keystore);
            main.put("camel.ssl.keystorePassword", keystorePassword);
            main.put("camel.ssl.keyStoreType", keystoreType());
            main.put("camel.server.useGlobalSslContextParameters", "true");
            main.put("camel.management.useGlobalSslContextParameters", "true");
        }
        return main;
    }

    /** Stricter than Configuration.bool (lower case only), with the messages operators know. */
    private static boolean bool(Configuration c, String key) {
        String value = c.text(key);
        if (value.equals("true") || value.equals("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidSetting(key + ": expected true or false, not \"" + value + "\"");
    }

    private static int port(Configuration c) {
        String value = c.text("chorus.http.port");
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new InvalidSetting("chorus.http.port: expected a port number from 1 to 65535, not \"" + value + "\"");
    }
}
