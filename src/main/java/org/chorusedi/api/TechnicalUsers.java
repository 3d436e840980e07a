package org.chorusedi.api;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.chorusedi.directory.DirectoryException;
import org.chorusedi.partner.Partners;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partners' technical users (migration V17; docs/partners/api.md): created, reset and disabled by the
 * operator's command alone, each password shown once and kept as its bcrypt hash; checked at every call of the
 * API, with its expiry and the lock after repeated failures. Every refusal is logged, never the password.
 */
public final class TechnicalUsers {

    private static final Logger LOG = LoggerFactory.getLogger(TechnicalUsers.class);

    /** Letters, digits and {@code . _ @ -}, as logins of other systems are; never a control character in a log. */
    public static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{2,63}");

    /** bcrypt's cost: about a quarter of a second a check here, paid once per password (see {@link #verified}). */
    private static final int COST = 12;
    private static final int PASSWORD_LENGTH = 24;
    private static final char[] ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();
    /** Checked when the login is unknown, so that an unknown login takes as long as a wrong password. */
    private static final byte[] DUMMY = BCrypt.withDefaults().hash(COST, new byte[16], "dummy".getBytes(StandardCharsets.UTF_8));

    private final DataSource dataSource;
    private final ApiSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /**
     * By login, the SHA-256 of the stored hash and the password last verified against it: the next calls with
     * the same password skip bcrypt. A reset changes the hash, so an old password never matches again.
     */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    public TechnicalUsers(DataSource dataSource, ApiSettings settings, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A technical user as stored, without its hash. */
    public record TechnicalUser(String login, String partner, Instant passwordSetAt, Instant expiresAt, boolean active,
                                int failedLogins, Instant lockedUntil) {
    }

    /** A password just set, shown once: with when it expires. */
    public record NewPassword(String login, String partner, String password, Instant expiresAt) {
    }

    /** A command the registry refuses (an unknown partner, a login taken or unknown): said to the operator. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * Why a call is refused; the message is the caller's to read, and never says whether a login exists: a locked
     * login is answered as a wrong password (the log says it is locked). Disabled and expired are said only to the
     * right password.
     */
    public enum Refusal {
        WRONG("wrong login or password"),
        DISABLED("this technical user is disabled: ask the operator for a new one"),
        EXPIRED("the password has expired: it must be renewed, ask the operator (partner technical-user reset)");

        final String message;

        Refusal(String message) {
            this.message = message;
        }

        public String message() {
            return message;
        }
    }

    /** The outcome of a login: the partner it acts for, or why it is refused. */
    public record Authentication(String login, String partner, Instant expiresAt, boolean expiresSoon, Refusal refusal) {
        public boolean accepted() {
            return refusal == null;
        }
    }

    public NewPassword create(String partner, String login) throws Refused {
        if (!LOGIN.matcher(login).matches()) {
            throw new Refused("login '" + Printable.of(login) + "': expected 3 to 64 letters, digits, '.', '_', '@' or '-',"
                    + " starting with a letter or a digit");
        }
        if (new Partners(dataSource).partner(partner).isEmpty()) {
            throw new Refused("no partner " + Printable.of(partner) + " in the registry (see the partners command)");
        }
        if (find(login).isPresent()) {
            throw new Refused("the login " + login + " is taken");
        }
        String password = password();
        Instant now = setAt();
        update("INSERT INTO technical_user (login, partner_code, password_hash, password_set_at, active, failed_logins)"
                + " VALUES (?, ?, ?, ?, true, 0)", login, partner, hash(password), utc(now));
        LOG.info("technical user {} created for partner {}", login, partner);
        return new NewPassword(login, partner, password, now.plus(settings.passwordValidity()));
    }

    /** A new password, the old one refused from now on; the user enabled again and unlocked. */
    public NewPassword reset(String login) throws Refused {
        TechnicalUser user = find(login).orElseThrow(() -> new Refused("no technical user " + Printable.of(login)));
        String password = password();
        Instant now = setAt();
        update("UPDATE technical_user SET password_hash = ?, password_set_at = ?, active = true, failed_logins = 0,"
                + " locked_until = NULL WHERE login = ?", hash(password), utc(now), login);
        verified.remove(login);
        LOG.info("technical user {} of partner {}: password reset", login, user.partner());
        return new NewPassword(login, user.partner(), password, now.plus(settings.passwordValidity()));
    }

    public void disable(String login) throws Refused {
        TechnicalUser user = find(login).orElseThrow(() -> new Refused("no technical user " + Printable.of(login)));
        update("UPDATE technical_user SET active = false WHERE login = ?", login);
        verified.remove(login);
        LOG.info("technical user {} of partner {}: disabled", login, user.partner());
    }

    public Optional<TechnicalUser> find(String login) {
        List<TechnicalUser> users = select("WHERE login = ?", login);
        return users.stream().findFirst();
    }

    /** The active technical users whose password expires before then (or has expired), soonest first. */
    public List<TechnicalUser> expiringBefore(Instant instant) {
        return select("ORDER BY password_set_at").stream().filter(user -> user.active() && user.expiresAt().isBefore(instant)).toList();
    }

    /** The partner's technical users, by login; every one with no partner given. */
    public List<TechnicalUser> list(String partner) {
        return partner == null ? select("ORDER BY login") : select("WHERE partner_code = ? ORDER BY login", partner);
    }

    /**
     * Checks a login and its password. Refused: an unknown login or a wrong password (the same answer, after the
     * same bcrypt check), a login locked after {@code chorus.api.max-failed-logins} failures in a row (for
     * {@code chorus.api.lock-minutes}, whatever the password; answered as a wrong password), a disabled user, an
     * expired password. Parallel calls hold to the same count: each failure is counted, and the lock set, by one
     * statement on the user's row; a check that ends after the lock fell is refused, even with the right password.
     */
    public Authentication authenticate(String login, String password) {
        Instant now = clock.instant();
        Optional<StoredUser> found = login == null || !LOGIN.matcher(login).matches() ? Optional.empty() : stored(login);
        if (found.isEmpty()) {
            BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), DUMMY);
            return refused(login, null, Refusal.WRONG, "unknown login");
        }
        TechnicalUser user = found.get().user();
        if (locked(user, now)) {
            // As long as for an unknown login, and never against the real hash: nothing tells a guess right.
            BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), DUMMY);
            return refused(login, user.partner(), Refusal.WRONG, "locked until " + user.lockedUntil());
        }
        if (!verify(login, password, found.get().hash())) {
            return failed(login, user.partner(), now);
        }
        // The row as it is now that the password is checked (a user is never deleted): other calls may have locked
        // or disabled it meanwhile.
        user = stored(login).orElseThrow().user();
        if (locked(user, now)) {
            return refused(login, user.partner(), Refusal.WRONG, "right password, but locked until " + user.lockedUntil());
        }
        if (!user.active()) {
            return refused(login, user.partner(), Refusal.DISABLED, "disabled");
        }
        if (!now.isBefore(user.expiresAt())) {
            return refused(login, user.partner(), Refusal.EXPIRED, "password expired on " + user.expiresAt());
        }
        if ((user.failedLogins() > 0 || user.lockedUntil() != null)
                && update("UPDATE technical_user SET failed_logins = 0, locked_until = NULL WHERE login = ?"
                        + " AND (locked_until IS NULL OR locked_until <= ?)", login, utc(now)) == 0) {
            return refused(login, user.partner(), Refusal.WRONG, "right password, but locked meanwhile");
        }
        boolean soon = !now.isBefore(user.expiresAt().minus(settings.passwordWarning()));
        return new Authentication(login, user.partner(), user.expiresAt(), soon, null);
    }

    private static boolean locked(TechnicalUser user, Instant now) {
        return user.lockedUntil() != null && now.isBefore(user.lockedUntil());
    }

    /**
     * A wrong password, counted: the count and the lock in one statement, which waits for the row when another
     * call writes it, so that each failure counts once however many arrive together. Not counted when the login
     * is locked already (the failure that locks it starts the count again). Read back in the same transaction, for
     * the log.
     */
    private Authentication failed(String login, String partner, Instant now) {
        // To the microsecond, as both databases keep it (PostgreSQL would round it up): unlocked at the time said.
        Instant until = now.plus(settings.lock()).truncatedTo(ChronoUnit.MICROS);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement count = connection.prepareStatement(
                    "UPDATE technical_user SET failed_logins = CASE WHEN failed_logins + 1 >= ? THEN 0 ELSE failed_logins + 1 END,"
                            + " locked_until = CASE WHEN failed_logins + 1 >= ? THEN ? ELSE locked_until END"
                            + " WHERE login = ? AND (locked_until IS NULL OR locked_until <= ?)");
                 PreparedStatement read = connection.prepareStatement(
                         "SELECT failed_logins, locked_until FROM technical_user WHERE login = ?")) {
                count.setInt(1, settings.maxFailedLogins());
                count.setInt(2, settings.maxFailedLogins());
                count.setObject(3, utc(until));
                count.setString(4, login);
                count.setObject(5, utc(now));
                boolean counted = count.executeUpdate() == 1;
                read.setString(1, login);
                int failures;
                Instant lockedUntil;
                try (ResultSet row = read.executeQuery()) {
                    row.next();
                    failures = row.getInt(1);
                    OffsetDateTime locked = row.getObject(2, OffsetDateTime.class);
                    lockedUntil = locked == null ? null : locked.toInstant();
                }
                connection.commit();
                if (!counted) {
                    return refused(login, partner, Refusal.WRONG, "wrong password, not counted: locked until " + lockedUntil);
                }
                if (failures == 0) {
                    return refused(login, partner, Refusal.WRONG, "wrong password, " + settings.maxFailedLogins()
                            + " failure(s) in a row: locked until " + lockedUntil);
                }
                return refused(login, partner, Refusal.WRONG, "wrong password, " + failures + " failure(s) in a row");
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot count a failed login of the technical user " + login, e);
        }
    }

    private Authentication refused(String login, String partner, Refusal refusal, String why) {
        LOG.warn("API call refused: login '{}'{}: {}", login == null ? "" : Printable.of(login),
                partner == null ? "" : " (partner " + partner + ")", why);
        return new Authentication(login, partner, null, false, refusal);
    }

    private boolean verify(String login, String password, String hash) {
        String digest = sha256(hash + "\n" + password);
        if (digest.equals(verified.get(login))) {
            return true;
        }
        if (BCrypt.verifyer().verify(password.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.US_ASCII)).verified) {
            verified.put(login, digest);
            return true;
        }
        return false;
    }

    /** When a password is set, to the second: as every database keeps it, so that its expiry reads back the same. */
    private Instant setAt() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private String password() {
        char[] password = new char[PASSWORD_LENGTH];
        for (int i = 0; i < password.length; i++) {
            password[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(password);
    }

    private static String hash(String password) {
        return new String(BCrypt.withDefaults().hash(COST, password.getBytes(StandardCharsets.UTF_8)), StandardCharsets.US_ASCII);
    }

    private record StoredUser(TechnicalUser user, String hash) {
    }

    private Optional<StoredUser> stored(String login) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT login, partner_code, password_set_at, active, failed_logins, locked_until, password_hash"
                             + " FROM technical_user WHERE login = ?")) {
            select.setString(1, login);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? Optional.of(new StoredUser(user(row), row.getString(7))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the technical user " + login, e);
        }
    }

    private List<TechnicalUser> select(String where, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT login, partner_code, password_set_at, active, failed_logins, locked_until FROM technical_user " + where)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                List<TechnicalUser> users = new ArrayList<>();
                while (rows.next()) {
                    users.add(user(rows));
                }
                return users;
            }
        } catch (SQLException e) {
            throw new DirectoryException("cannot read the technical users", e);
        }
    }

    private TechnicalUser user(ResultSet row) throws SQLException {
        Instant setAt = row.getObject(3, OffsetDateTime.class).toInstant();
        OffsetDateTime locked = row.getObject(6, OffsetDateTime.class);
        return new TechnicalUser(row.getString(1), row.getString(2), setAt, setAt.plus(settings.passwordValidity()),
                row.getBoolean(4), row.getInt(5), locked == null ? null : locked.toInstant());
    }

    /** Returns how many rows it changed. */
    private int update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        } catch (SQLException e) {
            throw new DirectoryException("cannot write the technical users", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
