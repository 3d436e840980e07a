package org.chorusedi.validation;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * What a JVM compiles once (schemas, stylesheets): by its first user, or ahead of it by another thread (the engine's
 * start compiles its schemas and rules while it opens its database). A user that comes while it is being compiled
 * waits for it; a compilation that failed fails every user alike, with its own exception.
 */
public final class CompiledOnce<T> {

    private final FutureTask<T> compilation;

    public CompiledOnce(Callable<T> compile) {
        this.compilation = new FutureTask<>(compile);
    }

    /** Compiles it in this thread, unless it is compiled or being compiled already. */
    public T get() {
        compilation.run(); // returns at once when another thread has run it or is running it
        try {
            return compilation.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a compilation", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
