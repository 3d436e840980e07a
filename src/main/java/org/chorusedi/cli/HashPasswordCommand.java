package org.chorusedi.cli;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Prints the bcrypt hash of a password for chorus.http.password-hash: read from the terminal, or standard input. */
@Command(name = "hash-password", mixinStandardHelpOptions = true,
        description = "Print the bcrypt hash of a password, for chorus.http.password-hash. The password is read from"
                + " the terminal (not echoed) or from standard input, never from the command line.")
final class HashPasswordCommand implements Callable<Integer> {

    /** bcrypt's cost: 2^12 rounds, about a quarter of a second here, once per operator's session. */
    static final int COST = 12;

    /** No setting shapes a hash: the configuration is read, as by every command, to be checked. */
    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws IOException {
        config.configuration();
        Console console = System.console();
        char[] password;
        if (console != null) {
            password = console.readPassword("password: ");
        } else {
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            password = line == null ? null : line.toCharArray();
        }
        if (password == null || password.length == 0) {
            System.err.println("chorus-edi: no password given");
            return 1;
        }
        System.out.println(BCrypt.withDefaults().hashToString(COST, password));
        return 0;
    }
}
