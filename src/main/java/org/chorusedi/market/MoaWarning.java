package org.chorusedi.market;

import java.util.Optional;
import org.chorusedi.directory.DirectoryLookup;
import org.chorusedi.directory.Structure;
import org.chorusedi.framework.Role;

/**
 * The directory's {@code moa} flag held against a market's MOA: a warning, never a refusal, since the directory
 * may come after the markets file (docs/operators/directory-and-partners.md, "Markets").
 */
public final class MoaWarning {

    private MoaWarning() {
    }

    /** What is wrong with the market's MOA as the directory sees it, if anything. */
    public static Optional<String> of(Market market, DirectoryLookup directory) {
        return market.the(Role.MOA).flatMap(moa -> {
            Optional<Structure> structure = directory.structure(moa.identifier());
            if (structure.isEmpty()) {
                return Optional.of("the directory does not know the MOA " + moa.identifier());
            }
            if (!structure.get().moa()) {
                return Optional.of("the directory does not mark " + moa.identifier() + " as a maître d'ouvrage (moa false)");
            }
            return Optional.empty();
        });
    }
}
