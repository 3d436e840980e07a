package org.chorusedi.cli;

import java.util.concurrent.Callable;
import org.chorusedi.config.Configuration;
import org.chorusedi.database.Database;
import org.chorusedi.engine.Engine;
import org.chorusedi.engine.EngineSettings;
import org.chorusedi.far37.ExtractType;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.far37.PublicationResult;
import org.chorusedi.far37.Subscriber;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "publish", mixinStandardHelpOptions = true,
        description = {"Publish one FAR37 extract for a configured subscriber now, through the same code as its schedule.",
            "A DELTA unless --full; a subscriber's first extract is always a FULL.",
            "Exit status: 0 published, 1 not published (the reason is printed and logged), 2 usage error."})
final class Far37PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--subscriber", required = true, paramLabel = "CODE",
            description = "The subscriber's partner code; it must be in chorus.far37.subscribers.")
    String subscriber;

    @Option(names = "--full", description = "Publish a FULL extract (default: a DELTA).")
    boolean full;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() {
        Configuration configuration = config.configuration();
        EngineSettings settings = EngineSettings.read(configuration);
        Far37Settings far37 = Far37Settings.read(configuration);
        Subscriber chosen = far37.subscriber(subscriber).orElseThrow(() -> new ParameterException(spec.commandLine(),
                "no FAR37 subscriber " + subscriber + " is configured (chorus.far37.subscribers: '"
                        + configuration.text("chorus.far37.subscribers") + "')"));
        PublicationResult result;
        try (Database database = settings.database().open()) {
            result = Engine.far37Publisher(settings, far37, database.dataSource())
                    .publish(chosen, full ? ExtractType.FULL : ExtractType.DELTA);
        }
        if (!result.published()) {
            System.err.println("FAR37 " + result.type() + " extract for " + subscriber + " NOT published: " + result.failure());
            return 1;
        }
        System.out.println("FAR37 " + result.type() + " extract " + result.sequence() + " for " + subscriber + ": "
                + result.file() + " (" + result.structures() + " structures)");
        return 0;
    }
}
