package org.chorusedi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import org.chorusedi.api.ApiSettings;
import org.chorusedi.api.TechnicalUsers;
import org.chorusedi.api.TechnicalUsers.NewPassword;
import org.chorusedi.api.TechnicalUsers.TechnicalUser;
import org.chorusedi.database.Database;
import org.chorusedi.web.HttpSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code partner technical-user create|reset|disable|list}: the operator's commands over the partners' technical
 * users (docs/partners/api.md). A new password is printed once, on standard output, and never again.
 */
@Command(name = "partner", mixinStandardHelpOptions = true, description = "One partner's settings.",
        subcommands = TechnicalUserCommand.Users.class)
final class TechnicalUserCommand {

    @Command(name = "technical-user", mixinStandardHelpOptions = true,
            description = {"The technical users a partner's system calls the API as (/api/v1).",
                "Exit status: 0, 1 when refused (unknown partner or login, login taken), 2 usage error."},
            subcommands = {Create.class, Reset.class, Disable.class, ListUsers.class})
    static final class Users {
    }

    /** What every subcommand shares: the configuration, the database, the users. */
    abstract static class Base implements Callable<Integer> {
        @Mixin
        ConfigOptions config;

        @Override
        public Integer call() throws IOException {
            ApiSettings settings = ApiSettings.read(config.configuration());
            try (Database database = config.openDatabase()) {
                return run(new TechnicalUsers(database.dataSource(), settings, Clock.systemUTC()), System.out);
            } catch (TechnicalUsers.Refused refused) {
                System.err.println("chorus-edi: " + refused.getMessage());
                return 1;
            }
        }

        abstract int run(TechnicalUsers users, PrintStream out) throws TechnicalUsers.Refused, IOException;

        /** Prints the password once and, with --export, writes the connection details for the partner's developer. */
        int shown(NewPassword password, Path export, PrintStream out) throws IOException {
            String api = apiAddress();
            if (export != null) {
                export(export, password, api);
            }
            out.println("login:            " + password.login());
            out.println("password:         " + password.password());
            out.println("partner:          " + password.partner());
            out.println("password expires: " + password.expiresAt());
            out.println("API:              " + api);
            out.println("The password is shown this once: it is kept hashed and cannot be shown again (reset makes a new one).");
            if (export != null) {
                out.println("Connection details written to " + export + " (readable by its owner only).");
            }
            return 0;
        }

        private String apiAddress() {
            HttpSettings http = HttpSettings.read(config.configuration());
            return http.baseUrl() + "/api/v1";
        }

        /** Written aside, readable by its owner only, then renamed: never over an existing file. */
        private static void export(Path file, NewPassword password, String api) throws IOException {
            if (Files.exists(file)) {
                throw new FileAlreadyExistsException(file + ": not replaced, give another file");
            }
            String text = "# chorus-edi API connection details (docs/partners/api.md); keep this file secret.\n"
                    + "login=" + password.login() + "\n"
                    + "password=" + password.password() + "\n"
                    + "partner=" + password.partner() + "\n"
                    + "password-expires=" + password.expiresAt() + "\n"
                    + "api=" + api + "\n"
                    + "openapi=" + api + "/openapi.json\n";
            Path aside = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".part");
            Files.deleteIfExists(aside);
            Files.createFile(aside, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(aside, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            Files.move(aside, file, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a technical user for a partner of the registry; prints its password once.")
    static final class Create extends Base {
        @Parameters(index = "0", paramLabel = "PARTNER", description = "The partner's code.")
        String partner;

        @Parameters(index = "1", paramLabel = "LOGIN", description = "3 to 64 letters, digits, '.', '_', '@' or '-'.")
        String login;

        @Option(names = "--export", paramLabel = "FILE", description = "Also write the connection details to this new file.")
        Path export;

        @Override
        int run(TechnicalUsers users, PrintStream out) throws TechnicalUsers.Refused, IOException {
            return shown(users.create(partner, login), export, out);
        }
    }

    @Command(name = "reset", mixinStandardHelpOptions = true,
            description = "Give a technical user a new password (printed once), enabled and unlocked; the old one is refused.")
    static final class Reset extends Base {
        @Parameters(paramLabel = "LOGIN")
        String login;

        @Option(names = "--export", paramLabel = "FILE", description = "Also write the connection details to this new file.")
        Path export;

        @Override
        int run(TechnicalUsers users, PrintStream out) throws TechnicalUsers.Refused, IOException {
            return shown(users.reset(login), export, out);
        }
    }

    @Command(name = "disable", mixinStandardHelpOptions = true, description = "Refuse every call of a technical user from now on.")
    static final class Disable extends Base {
        @Parameters(paramLabel = "LOGIN")
        String login;

        @Override
        int run(TechnicalUsers users, PrintStream out) throws TechnicalUsers.Refused {
            users.disable(login);
            out.println("technical user " + login + " disabled");
            return 0;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the technical users, of one partner or all.")
    static final class ListUsers extends Base {
        @Parameters(paramLabel = "PARTNER", arity = "0..1")
        String partner;

        @Override
        int run(TechnicalUsers users, PrintStream out) {
            List<TechnicalUser> listed = users.list(partner);
            out.printf("%-24s %-8s %-7s %-24s %s%n", "LOGIN", "PARTNER", "ACTIVE", "PASSWORD EXPIRES", "LOCKED UNTIL");
            for (TechnicalUser user : listed) {
                out.printf("%-24s %-8s %-7s %-24s %s%n", user.login(), user.partner(), user.active() ? "yes" : "no",
                        user.expiresAt(), user.lockedUntil() == null ? "" : user.lockedUntil());
            }
            out.println(listed.size() + " technical user(s)");
            return 0;
        }
    }
}
