package org.chorusedi.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.chorusedi.config.Configuration;
import org.chorusedi.generator.FlowGenerator;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.testkit.Archives;
import org.chorusedi.validation.SchemaCatalog;
import org.chorusedi.validation.ValidationPipeline;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: an Error while a flow is read (an OutOfMemoryError among them), on the parser's thread, the
 * validation thread or the staging thread, comes out of {@link FlowReader#read} as it is, promptly, and
 * leaves no thread of the reader behind: the intake decides what becomes of the flow, the engine goes on.
 * The Errors are made by the thread pool the reader is given; the time-outs only guard against a hang.
 */
class ReaderFailureTest {

    private static final Duration HANG_GUARD = Duration.ofMinutes(2);
    private static final InvoiceTemplate MINISTRY = InvoiceTemplate.toMinistry();

    private final ExecutorService pool = ValidationPipeline.newThreadPool();

    @TempDir
    Path dir;

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    /** Where an Error is made: in the task, on the validation thread, or by the pool, on the thread that asks for it. */
    private enum Where { VALIDATION_THREAD, PARSER_THREAD }

    /** The validation pool, whose n-th task (from 1) fails with {@code error} where said; the others run as they are. */
    private ExecutorService failingAt(int n, Where where, Error error) {
        AtomicInteger tasks = new AtomicInteger();
        return new AbstractExecutorService() {
            @Override
            protected <T> RunnableFuture<T> newTaskFor(Callable<T> task) {
                if (tasks.incrementAndGet() != n) {
                    return super.newTaskFor(task);
                }
                if (where == Where.PARSER_THREAD) {
                    throw error;
                }
                return super.newTaskFor(() -> {
                    throw error;
                });
            }

            @Override
            public void execute(Runnable command) {
                pool.execute(command);
            }

            @Override
            public void shutdown() {
                pool.shutdown();
            }

            @Override
            public List<Runnable> shutdownNow() {
                return pool.shutdownNow();
            }

            @Override
            public boolean isShutdown() {
                return pool.isShutdown();
            }

            @Override
            public boolean isTerminated() {
                return pool.isTerminated();
            }

            @Override
            public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
                return pool.awaitTermination(timeout, unit);
            }
        };
    }

    /** A reader that takes batches as large as the test's. */
    private FlowReader reader(ExecutorService validators) {
        Map<String, String> settings = Map.of("chorus.flow.max-invoices", "100000");
        return new FlowReader(SchemaCatalog.shared(), FlowLimits.read(Configuration.of(settings)), validators);
    }

    @Test
    void anErrorOnTheValidationThreadComesOutOfTheReaderBeforeTheFlowIsReadOn() throws Exception {
        Path batch = dir.resolve("big-batch.xml");
        int invoices = new FlowGenerator(MINISTRY, FlowGenerator.Syntaxes.UBL, 0).writeBatch(batch, "AAA001", 20_000, 0);
        long size = Files.size(batch);
        FlowReader reader = reader(failingAt(1, Where.VALIDATION_THREAD, new OutOfMemoryError("Java heap space (made by the test)")));
        long readBefore = bytesReadByThisProcess();

        OutOfMemoryError thrown = assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(OutOfMemoryError.class, () -> reader.read(batch, "big-batch.xml", Files.createDirectory(dir.resolve("staging")))));

        long read = bytesReadByThisProcess() - readBefore;
        assertEquals("Java heap space (made by the test)", thrown.getMessage());
        assertTrue(read < size / 2, () -> "the batch is not read on: " + read + " of " + size + " bytes read, " + invoices + " invoices");
        assertNoReaderThreadLeft();
    }

    @Test
    void anErrorOnTheParsersThreadComesOutOfTheReaderAndLeavesNoThreadBehind() throws Exception {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 1; i <= 3; i++) {
            entries.put("f" + i + ".xml", MINISTRY.withNumber("F-E" + i).ubl().getBytes(StandardCharsets.UTF_8));
        }
        Path zip = Files.write(dir.resolve("three.zip"), Archives.zip(entries));
        // the second entry's validation cannot even start: the Error is thrown where the parser asks for it
        FlowReader reader = reader(failingAt(2, Where.PARSER_THREAD, new StackOverflowError("made by the test")));

        assertTimeoutPreemptively(HANG_GUARD,
                () -> assertThrows(StackOverflowError.class, () -> reader.read(zip, "three.zip", Files.createDirectory(dir.resolve("staging")))));

        assertNoReaderThreadLeft();
    }

    @Test
    void aFailureOfTheStagingThreadIsThrownByTheReaderWhateverItIs() throws Exception {
        try (StagingWriter writer = new StagingWriter()) {
            writer.write(dir.resolve("invoice-000001.xml"), null, 10);

            assertTimeoutPreemptively(HANG_GUARD, () -> assertThrows(NullPointerException.class, writer::finish));
        }
    }

    /**
     * Polls, with a deadline that only guards against a hang, until no thread writes a staged file any more (the
     * staging threads are a pool every flow shares: an idle one waits for the next flow's writes, no flow's).
     */
    private static void assertNoReaderThreadLeft() throws InterruptedException {
        long deadline = System.nanoTime() + HANG_GUARD.toNanos();
        while (threadsWritingStagedFiles() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(0, threadsWritingStagedFiles(), "no staging thread is left writing");
    }

    private static long threadsWritingStagedFiles() {
        return Thread.getAllStackTraces().values().stream().filter(stack -> Arrays.stream(stack).anyMatch(frame ->
                frame.getClassName().equals(StagingWriter.class.getName()) && frame.getMethodName().equals("drain"))).count();
    }

    /** What this process has read through read(2) so far (Linux: rchar), or 0 where the kernel does not say. */
    private static long bytesReadByThisProcess() throws IOException {
        Path io = Path.of("/proc/self/io");
        return !Files.isReadable(io) ? 0 : Files.readAllLines(io).stream().filter(line -> line.startsWith("rchar:"))
                .mapToLong(line -> Long.parseLong(line.substring("rchar:".length()).strip())).findFirst().orElse(0);
    }
}
