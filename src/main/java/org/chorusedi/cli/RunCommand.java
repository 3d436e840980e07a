package org.chorusedi.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.chorusedi.config.SettingsLoader;
import org.chorusedi.engine.EngineApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the engine on a root folder (created with its sub-folders on first start).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--root", description = "The root folder (default: chorus.root, ./edi-data).")
    Path root;

    @Option(names = "--once", description = "Process everything pending, then stop when idle and exit 0.")
    boolean once;

    @Option(names = "-D", paramLabel = "KEY=VALUE", description = "Override a configuration key (see README).")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        if (root != null) {
            overrides.put("chorus.root", root.toString());
        }
        Properties properties = SettingsLoader.load(overrides);
        return EngineApplication.run(properties, once);
    }
}
