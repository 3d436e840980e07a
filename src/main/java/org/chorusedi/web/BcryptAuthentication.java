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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one operator's user and password, checked against the password's bcrypt hash. bcrypt is slow on purpose:
 * it runs off the server's event loop, and a password once checked is recognised by its SHA-256 afterwards, so
 * that the page's requests do not each pay for it.
 */
final class BcryptAuthentication implements AuthenticationProvider {

    private final Vertx vertx;
    private final String user;
    private final byte[] hash;
    private final Set<String> checked = ConcurrentHashMap.newKeySet();

    BcryptAuthentication(Vertx vertx, String user, String hash) {
        this.vertx = vertx;
        this.user = user;
        this.hash = hash.getBytes(StandardCharsets.US_ASCII);
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
        boolean userMatches = MessageDigest.isEqual(name.getBytes(StandardCharsets.UTF_8), user.getBytes(StandardCharsets.UTF_8));
        String digest = sha256(name + "\n" + password);
        if (checked.contains(digest)) {
            return true;
        }
        boolean passwordMatches = BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash).verified;
        if (userMatches && passwordMatches) {
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
