package org.chorusedi.web;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.chorusedi.config.InvalidSetting;

/**
 * An operator's account on the HTTP server (docs/operators/watching.md, "Accounts and actions"): its login, its role,
 * its password's bcrypt hash. {@code chorus.http.user} is a reader; {@code chorus.http.accounts} adds accounts, each
 * {@code login:role:hash}.
 */
public record OperatorAccount(String login, Role role, String passwordHash) {

    /** What an account may do: watch (every GET), or watch and act (the page's actions, each audited). */
    public enum Role { READ, WRITE }

    static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    /** A bcrypt hash as {@code chorus-edi hash-password} and the usual tools write it: $2a$, $2b$ or $2y$, cost, salt and hash. */
    static final Pattern BCRYPT = Pattern.compile("\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}");

    /**
     * The accounts of {@code chorus.http.accounts}: comma-separated {@code login:read:hash} or {@code login:write:hash};
     * a login given twice, or also as {@code reader}, is refused.
     *
     * @param reader chorus.http.user, empty when not set
     */
    static List<OperatorAccount> parse(String value, String reader) {
        List<OperatorAccount> accounts = new ArrayList<>();
        if (value.isBlank()) {
            return accounts;
        }
        Set<String> logins = new HashSet<>();
        if (!reader.isEmpty()) {
            logins.add(reader);
        }
        for (String entry : value.split(",", -1)) {
            String[] parts = entry.strip().split(":", -1);
            if (parts.length != 3) {
                throw new InvalidSetting("chorus.http.accounts: expected login:role:hash entries separated by commas, as"
                        + " oncall:write:$2b$12$..., not \"" + entry.strip() + "\"");
            }
            String login = parts[0].strip();
            String role = parts[1].strip().toLowerCase(Locale.ROOT);
            String hash = parts[2].strip();
            if (!LOGIN.matcher(login).matches()) {
                throw new InvalidSetting("chorus.http.accounts: " + login + ": a login is 1 to 64 letters, digits, '.', '_', '@' or '-'");
            }
            if (!logins.add(login)) {
                throw new InvalidSetting("chorus.http.accounts: " + login + " is named twice (or is also chorus.http.user)");
            }
            if (!role.equals("read") && !role.equals("write")) {
                throw new InvalidSetting("chorus.http.accounts: " + login + ": expected the role read or write, not \"" + parts[1].strip() + "\"");
            }
            if (!BCRYPT.matcher(hash).matches()) {
                throw new InvalidSetting("chorus.http.accounts: " + login + ": expected a bcrypt hash ($2b$12$...), as"
                        + " chorus-edi hash-password prints it");
            }
            accounts.add(new OperatorAccount(login, Role.valueOf(role.toUpperCase(Locale.ROOT)), hash));
        }
        return accounts;
    }
}
