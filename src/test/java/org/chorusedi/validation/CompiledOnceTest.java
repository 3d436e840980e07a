package org.chorusedi.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CompiledOnceTest {

    @Test
    void aUserWhoComesWhileAnotherThreadCompilesWaitsForItsResultAndNothingIsCompiledTwice() throws Exception {
        AtomicInteger compilations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompiledOnce<Object> once = new CompiledOnce<>(() -> {
            compilations.incrementAndGet();
            started.countDown();
            release.await();
            return new Object();
        });
        CompletableFuture<Object> ahead = CompletableFuture.supplyAsync(once::get);
        started.await();
        CompletableFuture<Object> user = CompletableFuture.supplyAsync(once::get);
        Thread.sleep(200);
        assertEquals(false, user.isDone(), "the user waits for the compilation under way");
        release.countDown();
        assertSame(ahead.get(10, TimeUnit.SECONDS), user.get(10, TimeUnit.SECONDS));
        assertSame(ahead.get(), once.get());
        assertEquals(1, compilations.get());
    }

    @Test
    void aCompilationThatFailedFailsEveryUserWithItsOwnException() {
        AtomicInteger compilations = new AtomicInteger();
        IllegalStateException failure = new IllegalStateException("cannot compile");
        CompiledOnce<Object> once = new CompiledOnce<>(() -> {
            compilations.incrementAndGet();
            throw failure;
        });
        assertSame(failure, assertThrows(IllegalStateException.class, once::get));
        assertSame(failure, assertThrows(IllegalStateException.class, once::get));
        assertEquals(1, compilations.get());
    }
}
