package org.chorusedi.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The command line of the engine in a JVM of its own with a 256 MB heap, as an operator runs it. */
public final class EngineCommand {

    /** What it printed and returned. */
    public record Result(int status, String out, String err) {
        public String all() {
            return "exit " + status + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    private EngineCommand() {
    }

    /**
     * Runs {@code chorus-edi args...}; its output is kept in files under {@code dir}.
     *
     * @param guardMinutes only a guard against a hung engine: the commands take seconds
     */
    public static Result run(Path dir, long guardMinutes, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-cp", System.getProperty("java.class.path"), "org.chorusedi.cli.ChorusEdi"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "command", ".out");
        Path err = Files.createTempFile(dir, "command", ".err");
        // In the test's folder: the class path may name the current folder (an empty entry), where routes/ would be found twice.
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        if (!process.waitFor(guardMinutes, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("chorus-edi " + String.join(" ", args) + " did not end within " + guardMinutes + " minutes:\n"
                    + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
