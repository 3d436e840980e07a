package org.chorusedi.logging;

import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.MDC;

/**
 * The flow a thread works for, on every line it logs meanwhile (the MDC keys {@code flow} and
 * {@code partner}): set by the intake for the time of a flow's processing, and carried to the threads
 * that work for it (staging, validation, forcing to disk).
 */
public final class FlowLog implements AutoCloseable {

    public static final String FLOW = "flow";
    public static final String PARTNER = "partner";

    private final Map<String, String> before;

    private FlowLog(Map<String, String> before) {
        this.before = before;
    }

    /** From now until {@link #close}, this thread's lines name the flow (a null flow id: the partner alone). */
    public static FlowLog of(String flowId, String partner) {
        FlowLog scope = new FlowLog(MDC.getCopyOfContextMap());
        put(FLOW, flowId);
        put(PARTNER, partner);
        return scope;
    }

    private static void put(String key, String value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }

    /** The flow got its id after this scope began. */
    public void numbered(String flowId) {
        put(FLOW, flowId);
    }

    /** Puts back what the thread logged with before. */
    @Override
    public void close() {
        if (before == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(before);
        }
    }

    /** The task, run on another thread with the flow of the thread that made it. */
    public static Runnable carried(Runnable task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            try (FlowLog ignored = with(context)) {
                task.run();
            }
        };
    }

    /** The same for a task with a result. */
    public static <T> Callable<T> carried(Callable<T> task) {
        Map<String, String> context = MDC.getCopyOfContextMap();
        return () -> {
            try (FlowLog ignored = with(context)) {
                return task.call();
            }
        };
    }

    private static FlowLog with(Map<String, String> context) {
        FlowLog scope = new FlowLog(MDC.getCopyOfContextMap());
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
        return scope;
    }
}
