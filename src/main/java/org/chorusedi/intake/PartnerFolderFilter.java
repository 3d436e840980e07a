package org.chorusedi.intake;

import java.io.File;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.chorusedi.config.Folders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the intake poll only drop directories named by a valid partner code; a file in any other
 * folder stays where it is, pending, and the folder is reported in the log.
 */
public final class PartnerFolderFilter implements GenericFileFilter<File> {

    private static final Logger LOG = LoggerFactory.getLogger(PartnerFolderFilter.class);

    @Override
    public boolean accept(GenericFile<File> file) {
        if (!file.isDirectory()) {
            return true;
        }
        boolean partner = Folders.PARTNER_CODE.matcher(file.getFileNameOnly()).matches();
        if (!partner) {
            LOG.warn("ignoring drop folder {}: not a partner code (3 to 8 letters and digits)", file.getAbsoluteFilePath());
        }
        return partner;
    }
}
