package org.chorusedi.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.chorusedi.support.EngineCommand;
import org.chorusedi.support.EngineCommand.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** hash-password takes --root, --config and -D as every command does, and checks the configuration as they do. */
class HashPasswordCommandTest {

    @TempDir
    Path dir;

    @Test
    void itTakesTheOptionsOfEveryCommand() {
        Result hashed = withPassword("s3cret-pass\n", "hash-password", "--root", dir.resolve("root").toString());
        Result wrong = withPassword("s3cret-pass\n", "hash-password", "-Dchorus.log.level=LOUD");

        assertAll(
                () -> assertEquals(0, hashed.status(), hashed::all),
                () -> assertTrue(BCrypt.verifyer().verify("s3cret-pass".toCharArray(), hashed.out().strip()).verified, hashed::all),
                () -> assertEquals(2, wrong.status(), wrong::all),
                () -> assertTrue(wrong.err().contains("chorus.log.level: 'LOUD' is not one of"), wrong::all),
                () -> assertFalse(wrong.out().contains("$2"), "no hash printed: " + wrong.all()));
    }

    /** The command, its password on standard input (the tests have no terminal). */
    private static Result withPassword(String input, String... args) {
        InputStream in = System.in;
        try {
            System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
            return EngineCommand.inProcess(args);
        } finally {
            System.setIn(in);
        }
    }
}
