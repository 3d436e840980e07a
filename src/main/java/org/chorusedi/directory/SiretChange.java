package org.chorusedi.directory;

import static org.chorusedi.directory.DirectoryRows.SERVICE_VALUES;
import static org.chorusedi.directory.DirectoryRows.STRUCTURE_VALUES;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A structure's SIRET changing the way Chorus Pro changes it ("Comment changer votre SIRET"): the
 * structure becomes inactive, and a new one with the new SIRET is created by copy of its data and
 * services, recording the old identifier in copied_from. Both are dated with the change, so the
 * next DELTA extract carries both.
 */
public final class SiretChange {

    /** What a change did, or why it was refused. */
    public enum Outcome {
        CHANGED(true, "%2$s replaces %1$s: %1$s is now inactive, %2$s is its copy with its services"),
        ALREADY_CHANGED(true, "%2$s already replaces %1$s: nothing to do"),
        SAME_IDENTIFIER(false, "the new identifier %2$s is the old one"),
        NOT_A_SIRET(false, "%2$s is not a SIRET (14 digits)"),
        UNKNOWN_STRUCTURE(false, "no structure %1$s in the directory"),
        NOT_IDENTIFIED_BY_SIRET(false, "%1$s is not identified by a SIRET"),
        INACTIVE(false, "%1$s is inactive: only an active structure changes its SIRET"),
        IDENTIFIER_TAKEN(false, "%2$s is already in the directory, and is not a copy of %1$s");

        private final boolean done;
        private final String message;

        Outcome(boolean done, String message) {
            this.done = done;
            this.message = message;
        }

        /** True when the new structure replaces the old one, by this change or an earlier one. */
        public boolean done() {
            return done;
        }

        public String message(String oldIdentifier, String newIdentifier) {
            return String.format(message, oldIdentifier, newIdentifier);
        }
    }

    private static final Pattern SIRET = Pattern.compile("[0-9]{14}");

    private static final String COPY_STRUCTURE = "INSERT INTO structure (identifier, " + String.join(", ", STRUCTURE_VALUES)
            + ", copied_from, last_modified, changed_at) SELECT ?, " + String.join(", ", STRUCTURE_VALUES)
            + ", identifier, ?, ? FROM structure WHERE identifier = ?";
    private static final String COPY_SERVICES = "INSERT INTO service (structure_identifier, code, "
            + String.join(", ", SERVICE_VALUES) + ", last_modified) SELECT ?, code, "
            + String.join(", ", SERVICE_VALUES) + ", ? FROM service WHERE structure_identifier = ?";
    private static final String DEACTIVATE = "UPDATE structure SET active = FALSE, last_modified = ?, changed_at = ?"
            + " WHERE identifier = ?";

    private SiretChange() {
    }

    /** In a write transaction dated {@code now}. Applying a change already made changes nothing. */
    static Outcome apply(Connection connection, OffsetDateTime now, String oldIdentifier, String newIdentifier)
            throws SQLException {
        Outcome refusal = check(connection, oldIdentifier, newIdentifier);
        if (refusal != null) {
            return refusal;
        }
        copy(connection, COPY_STRUCTURE, newIdentifier, now, 2, oldIdentifier);
        copy(connection, COPY_SERVICES, newIdentifier, now, 1, oldIdentifier);
        try (PreparedStatement deactivate = connection.prepareStatement(DEACTIVATE)) {
            deactivate.setObject(1, now);
            deactivate.setObject(2, now);
            deactivate.setString(3, oldIdentifier);
            deactivate.executeUpdate();
        }
        return Outcome.CHANGED;
    }

    /** Why the change cannot be made, or null when it can. */
    private static Outcome check(Connection connection, String oldIdentifier, String newIdentifier)
            throws SQLException {
        if (oldIdentifier.equals(newIdentifier)) {
            return Outcome.SAME_IDENTIFIER;
        }
        if (!SIRET.matcher(newIdentifier).matches()) {
            return Outcome.NOT_A_SIRET;
        }
        Optional<StructureRow> existing = DirectoryTransaction.findStructureRow(connection, newIdentifier);
        if (existing.isPresent()) {
            return oldIdentifier.equals(existing.get().copiedFrom()) ? Outcome.ALREADY_CHANGED : Outcome.IDENTIFIER_TAKEN;
        }
        Optional<StructureRow> old = DirectoryTransaction.findStructureRow(connection, oldIdentifier);
        if (old.isEmpty()) {
            return Outcome.UNKNOWN_STRUCTURE;
        }
        if (old.get().identifierType() != IdentifierType.SIRET) {
            return Outcome.NOT_IDENTIFIED_BY_SIRET;
        }
        return old.get().active() ? null : Outcome.INACTIVE;
    }

    /** Runs a copy statement: the new identifier, {@code times} times now, the old identifier. */
    private static void copy(Connection connection, String sql, String newIdentifier, OffsetDateTime now, int times,
            String oldIdentifier) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int i = 1;
            statement.setString(i++, newIdentifier);
            for (int t = 0; t < times; t++) {
                statement.setObject(i++, now);
            }
            statement.setString(i, oldIdentifier);
            statement.executeUpdate();
        }
    }
}
