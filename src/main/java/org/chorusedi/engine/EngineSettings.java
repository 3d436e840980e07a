package org.chorusedi.engine;

import java.nio.file.Path;
import java.util.Optional;
import org.chorusedi.config.Configuration;
import org.chorusedi.config.Folders;
import org.chorusedi.database.DatabaseSettings;
import org.chorusedi.directory.DirectorySettings;
import org.chorusedi.flow.FlowLimits;
import org.chorusedi.flowcheck.CheckSocketSettings;
import org.chorusedi.intake.IntakeSettings;
import org.chorusedi.lifecycle.LifeCycleLimits;
import org.chorusedi.logging.LogSettings;
import org.chorusedi.recognition.RecognitionSettings;
import org.chorusedi.rules.RulesSettings;
import org.chorusedi.works.WorksClock;

/**
 * The engine's settings: its own few keys and each area's record, every one read and checked once by its
 * {@code read(Configuration)} (docs/operators/configuration.md lists every key with its default). A key is added to
 * its area's record; an area, here and in {@link #read}.
 *
 * @param enginePartnerCode     {@code chorus.engine-partner-code}: the Emetteur of every acknowledgement
 * @param partnersEmissionCheck {@code chorus.partners.emission-check}
 * @param routesFolder          {@code chorus.routes.folder}: the operator's route files, if any
 * @param onceIdleSeconds       {@code chorus.once.idle-seconds}: how long {@code run --once} waits for nothing to do
 * @param works                 {@code chorus.works.moe-delay-days}: the MOE's delay on a works draft
 * @param validateSocket        {@code chorus.validate.*}: how the running engine answers {@code validate --root}
 */
public record EngineSettings(
        Path root,
        String enginePartnerCode,
        IntakeSettings intake,
        FlowLimits flow,
        LifeCycleLimits lifeCycle,
        RulesSettings rules,
        RecognitionSettings recognition,
        boolean partnersEmissionCheck,
        DirectorySettings directory,
        DatabaseSettings database,
        LogSettings log,
        Optional<Path> routesFolder,
        int onceIdleSeconds,
        WorksClock works,
        CheckSocketSettings validateSocket) {

    /** Reads every key, the routes' too: a bad value stops start-up before anything is done, naming its key. */
    public static EngineSettings read(Configuration c) {
        return new EngineSettings(
                c.path("chorus.root"),
                c.partnerCode("chorus.engine-partner-code"),
                IntakeSettings.read(c),
                FlowLimits.read(c),
                LifeCycleLimits.read(c),
                RulesSettings.read(c),
                RecognitionSettings.read(c),
                c.bool("chorus.partners.emission-check"),
                DirectorySettings.read(c),
                DatabaseSettings.read(c),
                LogSettings.read(c),
                c.folderOrNone("chorus.routes.folder"),
                c.count("chorus.once.idle-seconds", 1),
                WorksClock.read(c),
                CheckSocketSettings.read(c));
    }

    /**
     * Where the engine's routes are loaded from: its own, in the jar, and the operator's route files of
     * {@code chorus.routes.folder} beside them (docs/route-authors/routes-of-your-own.md).
     */
    public String routesIncludePattern() {
        return "classpath:routes/*.camel.yaml" + routesFolder.map(folder -> ",file:" + folder + "/*.camel.yaml").orElse("");
    }

    public Folders folders() {
        return new Folders(root);
    }
}
