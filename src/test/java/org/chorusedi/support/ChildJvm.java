package org.chorusedi.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The engine's command line in a JVM of its own with a small heap, for memory tests: what it printed
 * and returned. An OutOfMemoryError anywhere (a route thread too) ends that JVM and says so, and fails
 * the test; the guard only stops a hung child.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /** What a child JVM printed and returned. */
    public record Run(int status, String out, String err) {
        public String all() {
            return "exit " + status + "\n--- stdout\n" + tail(out) + "\n--- stderr\n" + tail(err);
        }

        private static String tail(String text) {
            return text.length() <= 6000 ? text : "..." + text.substring(text.length() - 6000);
        }
    }

    /** Runs {@code chorus-edi args} in {@code dir} with this heap ({@code -Xmx128m}). */
    public static Run chorusEdi(Path dir, String heap, Duration guard, String... args) throws Exception {
        return chorusEdi(dir, List.of(heap), guard, args);
    }

    /** Runs {@code chorus-edi args} in {@code dir} with these JVM options ({@code -Xmx128m}, a collector). */
    public static Run chorusEdi(Path dir, List<String> jvmOptions, Duration guard, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-XX:+ExitOnOutOfMemoryError", "-cp", System.getProperty("java.class.path"),
                "org.chorusedi.cli.ChorusEdi"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "child", ".out");
        Path err = Files.createTempFile(dir, "child", ".err");
        Process process = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(guard.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            fail("the engine did not finish: " + Files.readString(err));
        }
        Run run = new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        assertFalse(run.out().contains("OutOfMemoryError") || run.err().contains("OutOfMemoryError"), run::all);
        return run;
    }
}
