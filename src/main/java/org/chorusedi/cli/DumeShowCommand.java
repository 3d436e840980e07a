package org.chorusedi.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.chorusedi.dume.DumeLanguage;
import org.chorusedi.dume.DumePage;
import org.chorusedi.dume.DumeProblem;
import org.chorusedi.dume.DumeReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Check a DUME (ESPD request or response, UBL 2.2) and write it as a readable HTML page.",
            "Exit status: 0 the page is written, 1 the file is not a valid DUME (what is wrong is listed), 2 usage error."})
final class DumeShowCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lang", paramLabel = "fr|en", description = "The page's language: fr (the default) or en.")
    String lang = "fr";

    @Option(names = "--out", paramLabel = "PAGE.html", description = "Where to write the page (default: standard output).")
    Path out;

    /** The XML limits of the configuration (chorus.xml.*) apply, as to every XML the engine reads. */
    @Mixin
    ConfigOptions config;

    @Parameters(paramLabel = "FILE", description = "The DUME's XML file.")
    Path file;

    @Override
    public Integer call() throws IOException {
        DumeLanguage language = DumeLanguage.of(lang)
                .orElseThrow(() -> new ParameterException(spec.commandLine(), "--lang: fr or en, not " + lang));
        if (!Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "no such file: " + file);
        }
        DumeReader.Reading reading = new DumeReader(config.settings().flow().xml()).read(file);
        if (reading.dume().isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            err.println("dume: " + file + " is not a valid DUME (nothing written):");
            for (DumeProblem problem : reading.problems()) {
                err.println(file + (problem.line() == 0 ? "" : ":" + problem.line() + ":" + problem.column()) + ": "
                        + problem.message());
            }
            err.flush();
            return 1;
        }
        String page = DumePage.of(reading.dume().get(), language);
        if (out == null) {
            PrintStream stdout = new PrintStream(System.out, false, StandardCharsets.UTF_8);
            stdout.print(page);
            stdout.flush();
        } else {
            Files.writeString(out, page, StandardCharsets.UTF_8);
            spec.commandLine().getErr().println("dume: the page of " + file + " is written to " + out);
        }
        return 0;
    }
}
