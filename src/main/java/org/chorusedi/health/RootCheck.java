package org.chorusedi.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.chorusedi.config.Folders;

/** The root can be written (a file is made and removed in work/) and its disk has room left. */
public final class RootCheck extends EngineCheck {

    private final Folders folders;
    private final long minFreeBytes;

    public RootCheck(Folders folders, long minFreeBytes) {
        super("chorus-root");
        this.folders = folders;
        this.minFreeBytes = minFreeBytes;
    }

    @Override
    String problem(HealthCheckResultBuilder builder) {
        try {
            Path probe = Files.createTempFile(folders.work(), ".health", ".tmp");
            Files.delete(probe);
            long free = Files.getFileStore(folders.work()).getUsableSpace();
            builder.detail("free.bytes", free);
            if (free < minFreeBytes) {
                return "only " + free + " bytes free on the disk of " + folders.root() + " (chorus.health.min-free-bytes: "
                        + minFreeBytes + ")";
            }
            return null;
        } catch (IOException e) {
            return "the root " + folders.root() + " cannot be written: " + e;
        }
    }
}
