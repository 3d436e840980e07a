package org.chorusedi.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.util.FileSize;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * The logs as the configuration asks (docs/operators/configuration.md, "Logs"), on top of the jar's logback.xml: the
 * level of the engine's own loggers, text or JSON lines on the console, and for the engine a file rolled every day
 * under the log folder, in the console's format. An operator's own Logback file
 * ({@code -Dlogback.configurationFile=...}) is left as it is: it says everything.
 */
public final class EngineLogs {

    private static final String FILE_APPENDER = "FILE";
    private static final String CONSOLE_APPENDER = "CONSOLE";

    private EngineLogs() {
    }

    /**
     * @param folder where the engine's file goes; null: no file (the commands other than run)
     * @param format text or json
     * @param level  of the loggers under org.chorusedi
     */
    public static void configure(Path folder, String format, String level) {
        if (System.getProperty("logback.configurationFile") != null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.getLogger("org.chorusedi").setLevel(Level.toLevel(level));
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        if (!(root.getAppender(CONSOLE_APPENDER) instanceof ConsoleAppender<ILoggingEvent> console
                && console.getEncoder() instanceof PatternLayoutEncoder text)) {
            return; // configured already
        }
        boolean json = format.equals("json");
        if (json) {
            console.stop();
            console.setEncoder(json(context));
            console.start();
        }
        if (folder != null) {
            root.addAppender(file(context, folder, json ? json(context) : pattern(context, text.getPattern())));
        }
    }

    private static RollingFileAppender<ILoggingEvent> file(LoggerContext context, Path folder, Encoder<ILoggingEvent> encoder) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setContext(context);
        file.setName(FILE_APPENDER);
        String name = encoder instanceof JsonEncoder ? "chorus-edi.json" : "chorus-edi.log";
        file.setFile(folder.resolve(name).toString());
        SizeAndTimeBasedRollingPolicy<ILoggingEvent> policy = new SizeAndTimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        // One file a day (and a new one past 100 MB), 30 days kept, 3 GB at most in all.
        policy.setFileNamePattern(folder.resolve(name.replace(".", ".%d{yyyy-MM-dd}.%i.")).toString());
        policy.setMaxFileSize(FileSize.valueOf("100MB"));
        policy.setMaxHistory(30);
        policy.setTotalSizeCap(FileSize.valueOf("3GB"));
        file.setRollingPolicy(policy);
        file.setEncoder(encoder);
        policy.start();
        file.start();
        return file;
    }

    /**
     * One JSON object a line, by logback's own encoder: timestamp (ms since 1970), level, threadName,
     * loggerName, mdc (flow, partner), formattedMessage, throwable.
     */
    private static Encoder<ILoggingEvent> json(LoggerContext context) {
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.setWithContext(false);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithFormattedMessage(true);
        encoder.start();
        return encoder;
    }

    private static Encoder<ILoggingEvent> pattern(LoggerContext context, String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        return encoder;
    }
}
