package org.chorusedi.logging;

import java.nio.file.Path;
import org.chorusedi.config.Configuration;

/**
 * The logs (docs/operators/configuration.md, "Logs").
 *
 * @param folder where {@code run} writes its file: {@code chorus.log.folder}, relative to the root
 * @param format {@code chorus.log.format}: text or json
 * @param level  {@code chorus.log.level}: of the engine's own loggers
 */
public record LogSettings(Path folder, String format, String level) {

    public static LogSettings read(Configuration c) {
        return new LogSettings(c.path("chorus.root").resolve(c.text("chorus.log.folder")).normalize(),
                c.choice("chorus.log.format", "text", "json"),
                c.choice("chorus.log.level", "TRACE", "DEBUG", "INFO", "WARN", "ERROR"));
    }
}
