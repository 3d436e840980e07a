package org.chorusedi.web;

import at.favre.lib.crypto.bcrypt.BCrypt;
import io.vertx.core.AsyncResult;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.User;
import io.vertx.ext.auth.authentication.AuthenticationProvider;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The operators' logins and passwords, each checked against its account's bcrypt hash. bcrypt is slow on purpose:
 * it runs off the server's event loop, and a password once checked is recognised by its SHA-256 afterwards, so
 * that the page's requests do not each pay for it. An unknown login costs the same bcrypt as a known one.
 */
final class BcryptAuthentication implements AuthenticationProvider {

    private final Vertx vertx;
    private final Map<String, byte[]> hashes = new LinkedHashMap<>();
    private final byte[] anyHash;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    BcryptAuthentication(Vertx vertx, List<OperatorAccount> accounts) {
        this.vertx = vertx;
        accounts.forEach(account -> hashes.put(account.login(), account.passwordHash().getBytes(StandardCharsets.US_ASCII)));
        this.anyHash = hashes.values().iterator().next();
    }

    @Override
    public void authenticate(JsonObject credentials, Handler<AsyncResult<User>> resultHandler) {
        String name = credentials.getString("username", "");
        String password = credentials.getString("password", "");
        vertx.<User>executeBlocking(() -> {
            if (!matches(name, password)) {
                throw new SecurityException("wrong user or password");
            }
            return User.fromName(name);
        }, false).onComplete(resultHandler);
    }

    private boolean matches(String name, String password) {
        byte[] hash = hashes.get(name);
        String digest = sha256(name + "\n" + password);
        if (hash != null && checked.contains(digest)) {
            return true;
        }
        boolean passwordMatches = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash == null ? anyHash : hash).verified;
        if (hash != null && passwordMatches) {
            checked.add(digest);
            return true;
        }
        return false;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
