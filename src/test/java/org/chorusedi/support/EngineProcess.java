package org.chorusedi.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The engine's {@code run} command in a JVM of its own, started by the packaged jar's launcher {@code bin/chorus-edi}
 * as an operator starts it (its class-data archive and compiler settings included), for tests that stop it
 * the hard way. Its standard output and error (where it logs) are read line by line as they come,
 * kept with the time since launch, written to a log file, and watched: a line matching the pattern given at
 * launch kills the engine at once (SIGKILL), from the reading thread, so that the kill falls right after
 * the logged step.
 */
public final class EngineProcess {

    /** Logged by camel-main once the intake route is polling. */
    private static final String READY = "Started flow-intake";

    private final Process process;
    private final long launchedAt = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final Writer log;
    private final Pattern killOn;
    private final long killDelayMs;
    private final CountDownLatch ready = new CountDownLatch(1);
    private final List<Thread> pumps = new ArrayList<>();
    private volatile long killedAtMs = -1;
    private volatile String killReason;

    private EngineProcess(Path root, Path workingDirectory, Path logFile, Pattern killOn, long killDelayMs,
            List<String> settings) throws IOException {
        this.killOn = killOn;
        this.killDelayMs = killDelayMs;
        this.log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8);
        EngineCommand.packagedJar();
        List<String> command = new ArrayList<>(List.of(
                Path.of("bin", "chorus-edi").toAbsolutePath().toString(), "run", "--root", root.toString(),
                "-Dchorus.intake.poll-delay-ms=100",
                "-Dchorus.intake.read-lock-min-age-ms=0",
                "-Dchorus.intake.read-lock-check-interval-ms=100",
                // No HTTP server: engines of other tests run beside this one (RunningEngine serves HTTP on a free port).
                "-Dchorus.http.enabled=false"));
        command.addAll(settings);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        // The engine's DEBUG lines: the ledger logs one once a flow's commit is applied, a kill point.
        builder.environment().put("JAVA_OPTS", "-Xmx256m -Dchorus.log.level=DEBUG");
        builder.environment().put("JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        this.process = builder.start();
        process.getOutputStream().close();
        pump(process.getInputStream(), "out");
        pump(process.getErrorStream(), "err");
    }

    /**
     * Launches {@code chorus-edi run --root root} with a 256 MB heap and short polling delays, for the crash tests:
     * the EN 16931 rules are off there (they prove recovery, and each of their many restarts would compile the rules'
     * stylesheets again, some seconds of both cores: the suite must fit CI's half hour; the rules run in RulesRouteTest
     * and in the memory tests).
     *
     * @param killOn      a log line that kills the engine once it is read; null for none
     * @param killDelayMs how long after that line is read (0: at once)
     */
    public static EngineProcess start(Path root, Path workingDirectory, Path logFile, Pattern killOn, long killDelayMs)
            throws IOException {
        return new EngineProcess(root, workingDirectory, logFile, killOn, killDelayMs, List.of("-Dchorus.rules.level=off"));
    }

    /** Launches the engine as {@link #start}, with these settings for {@code run} ({@code -Dkey=value}), killed on that line. */
    public static EngineProcess start(Path root, Path workingDirectory, Path logFile, Pattern killOn, long killDelayMs,
            List<String> settings) throws IOException {
        return new EngineProcess(root, workingDirectory, logFile, killOn, killDelayMs, settings);
    }

    /** Launches the engine as {@link #start}, with more settings for {@code run} ({@code -Dkey=value}), and no kill. */
    public static EngineProcess start(Path root, Path workingDirectory, Path logFile, List<String> settings)
            throws IOException {
        return new EngineProcess(root, workingDirectory, logFile, null, 0, settings);
    }

    private void pump(InputStream stream, String name) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    long at = elapsedMs();
                    if (killOn != null && !killed() && killOn.matcher(line).find()) {
                        if (killDelayMs > 0) {
                            Thread.sleep(killDelayMs);
                        }
                        kill((killDelayMs > 0 ? killDelayMs + " ms after " : "") + "log line \"" + shorten(line) + "\"");
                    }
                    synchronized (lines) {
                        lines.add(String.format("%+7d ms %s %s", at, name, line));
                        log.write(lines.get(lines.size() - 1));
                        log.write('\n');
                    }
                    if (line.contains(READY)) {
                        ready.countDown();
                    }
                }
            } catch (IOException e) {
                // the process is gone
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "engine-" + name);
        thread.setDaemon(true);
        thread.start();
        pumps.add(thread);
    }

    private static String shorten(String line) {
        int at = line.indexOf(" - ");
        String message = at >= 0 ? line.substring(at + 3) : line;
        return message.length() > 140 ? message.substring(0, 140) + "..." : message;
    }

    /** Milliseconds since launch. */
    public long elapsedMs() {
        return (System.nanoTime() - launchedAt) / 1_000_000;
    }

    /** Waits until the intake route polls; false if the engine was killed or ended first, or on time-out. */
    public boolean awaitReady(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (System.nanoTime() < deadline) {
            if (ready.await(20, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return ready.getCount() == 0;
            }
        }
        return false;
    }

    public boolean isReady() {
        return ready.getCount() == 0;
    }

    /** SIGKILL, once: the first reason is kept. Returns false if it was already killed. */
    public synchronized boolean kill(String reason) {
        if (killedAtMs >= 0) {
            return false;
        }
        killedAtMs = elapsedMs();
        killReason = reason;
        process.destroyForcibly();
        return true;
    }

    public boolean killed() {
        return killedAtMs >= 0;
    }

    public long killedAtMs() {
        return killedAtMs;
    }

    public String killReason() {
        return killReason;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the end of the process and of its output; returns its exit status, or -1 on time-out. */
    public int awaitExit(long timeoutMs) throws InterruptedException, IOException {
        if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
            return -1;
        }
        for (Thread pump : pumps) {
            pump.join(5_000);
        }
        synchronized (lines) {
            log.close();
        }
        return process.exitValue();
    }

    /** SIGTERM, without waiting: what {@code systemctl stop} sends, or an operator's second {@code kill}. */
    public void terminate() {
        process.destroy();
    }

    /** A polite stop (SIGTERM: the engine finishes or hands back its flows); SIGKILL if it takes longer than the time-out. */
    public int stop(long timeoutMs) throws InterruptedException, IOException {
        process.destroy();
        int status = awaitExit(timeoutMs);
        if (status == -1) {
            kill("did not stop within " + timeoutMs + " ms of SIGTERM");
            status = awaitExit(30_000);
        }
        return status;
    }

    /** Every line so far, with its time since launch. */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The last lines, for failure messages. */
    public String tail(int count) {
        List<String> all = lines();
        return String.join("\n", all.subList(Math.max(0, all.size() - count), all.size()));
    }
}
