package org.chorusedi.health;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.chorusedi.config.Folders;

/**
 * No flow parked in failed/ waits for an operator. The folder is the truth: a flow moved back into in/ (or
 * away) no longer waits, whatever the ledger remembers of its parking.
 */
public final class ParkedFlowsCheck extends EngineCheck {

    private final Folders folders;

    public ParkedFlowsCheck(Folders folders) {
        super("chorus-parked-flows");
        this.folders = folders;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        List<Path> parked = parked();
        builder.detail("parked", parked.size());
        if (parked.isEmpty()) {
            return null;
        }
        return parked.size() + " flow(s) parked in failed/, each beside its report, the first "
                + folders.failed().relativize(parked.get(0));
    }

    private List<Path> parked() {
        try (Stream<Path> files = Files.walk(folders.failed(), 2)) {
            return files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> !file.getFileName().toString().endsWith(Folders.REPORT_SUFFIX))
                    .filter(file -> file.getParent().getParent().equals(folders.failed()))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + folders.failed(), e);
        }
    }
}
