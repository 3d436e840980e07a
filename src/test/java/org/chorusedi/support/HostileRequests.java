package org.chorusedi.support;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What anyone reaching the engine's port may send to its APIs, and how each must be answered. */
public final class HostileRequests {

    private HostileRequests() {
    }

    /**
     * Each request target, sent as it is, is answered 400 with the APIs' JSON error body, and logged as one WARN
     * line without a stack trace (nothing at ERROR): nothing a client sends fills the log.
     */
    public static void refusedAsBadRequests(RunningEngine engine, String authorization, List<String> targets) throws Exception {
        List<Executable> checks = new ArrayList<>();
        for (String target : targets) {
            RunningEngine.RawAnswer answer;
            List<ILoggingEvent> warnings;
            try (LogLines log = LogLines.capture()) {
                answer = engine.raw(target, authorization);
                warnings = log.warnings();
            }
            checks.add(() -> assertAll(target,
                    () -> assertEquals(400, answer.status(), answer.body()),
                    () -> assertTrue(String.valueOf(answer.header("Content-Type")).startsWith("application/json"), answer.headers()),
                    () -> assertTrue(((JsonObject) Jsoner.deserialize(answer.body())).getString("error").length() > 10, answer.body()),
                    () -> assertEquals(List.of(Level.WARN), warnings.stream().map(ILoggingEvent::getLevel).toList(),
                            () -> warnings.stream().map(ILoggingEvent::getFormattedMessage).toList().toString()),
                    () -> assertTrue(warnings.stream().allMatch(w -> w.getThrowableProxy() == null), "no stack trace")));
        }
        assertAll(checks);
    }
}
