package org.chorusedi.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.chorusedi.cli.ChorusEdi;

/** The command line of the engine in a JVM of its own with a 256 MB heap, as an operator runs it, or in the test's JVM. */
public final class EngineCommand {

    /** What it printed and returned. */
    public record Result(int status, String out, String err) {
        public String all() {
            return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private EngineCommand() {
    }

    /** Runs {@code chorus-edi args...} in the test's own JVM, its standard output and error captured. */
    public static Result inProcess(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
            int status = ChorusEdi.execute(args);
            return new Result(status, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    /**
     * Runs {@code chorus-edi args...}; its output is kept in files under {@code dir}.
     *
     * @param guardMinutes only a guard against a hung engine: the commands take seconds
     */
    public static Result run(Path dir, long guardMinutes, String... args) throws IOException, InterruptedException {
        return run(dir, Map.of(), List.of(), guardMinutes, args);
    }

    /**
     * The same, with these environment variables added to the test's and these options for the JVM
     * ({@code -Dkey=value} before the main class), as an operator's service would give them.
     */
    public static Result run(Path dir, Map<String, String> environment, List<String> jvmOptions, long guardMinutes, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.chorusedi.cli.ChorusEdi"));
        command.addAll(List.of(args));
        return start(dir, environment, command, guardMinutes, args);
    }

    /**
     * Runs {@code java -jar target/chorus-edi.jar args...}, the package README's commands run (integration
     * tests only: the jar is made after the unit tests).
     */
    public static Result packaged(Path dir, long guardMinutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx256m", "-jar", packagedJar().toString()));
        command.addAll(List.of(args));
        return start(dir, Map.of(), command, guardMinutes, args);
    }

    /**
     * Runs {@code bin/chorus-edi args...}, the launcher the README's run uses (the class-data archive the build made,
     * C1 alone for the short commands), with {@code -Xmx256m} and these options of the JVM of its own in JAVA_OPTS.
     */
    public static Result launched(Path dir, List<String> jvmOptions, long guardMinutes, String... args)
            throws IOException, InterruptedException {
        packagedJar();
        List<String> command = new ArrayList<>(List.of(Path.of("bin", "chorus-edi").toAbsolutePath().toString()));
        command.addAll(List.of(args));
        List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        options.addAll(jvmOptions);
        return start(dir, Map.of("JAVA_OPTS", String.join(" ", options), "JAVA", java()), command, guardMinutes, args);
    }

    /** target/chorus-edi.jar, which integration tests run (it is made after the unit tests). */
    public static Path packagedJar() {
        Path jar = Path.of("target", "chorus-edi.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new AssertionError(jar + " is not made: integration tests run after mvn package");
        }
        return jar;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static Result start(Path dir, Map<String, String> environment, List<String> command, long guardMinutes, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "command", ".out");
        Path err = Files.createTempFile(dir, "command", ".err");
        // In the test's folder: the class path may name the current folder (an empty entry), where routes/ would be found twice.
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(guardMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chorus-edi " + String.join(" ", args) + " did not end within " + guardMinutes + " minutes:\n"
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
