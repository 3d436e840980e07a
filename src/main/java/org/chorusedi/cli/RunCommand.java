package org.chorusedi.cli;

import java.util.concurrent.Callable;
import org.chorusedi.engine.EngineApplication;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Start the engine on a root folder (created with its sub-folders on first start).")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--once", description = "Process everything pending, then stop when idle and exit 0.")
    boolean once;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        return EngineApplication.run(config.runSettings(), once);
    }
}
