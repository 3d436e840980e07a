package org.chorusedi.directory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.chorusedi.text.Printable;

/**
 * A structure activated or deactivated at an operator's request, as Chorus Pro's managers do it ("activer/inactiver
 * une entité publique", docs/operators/directory-and-partners.md): who asked and why are recorded with what the SIRENE
 * register says of the SIRET, in the write transaction that changes the structure, so the next DELTA carries it.
 * A deactivation states the SIRENE status, and the two cases differ: a SIRET closed in SIRENE deactivates the
 * structure and its services, and is not activated again while SIRENE says so; a SIRET still active in SIRENE
 * deactivates the structure alone, its services kept as they are for a later activation.
 */
public final class StructureActivation {

    /** The SIRET's administrative state in the SIRENE register (etatAdministratifEtablissement A or F). */
    public enum Sirene { ACTIVE, INACTIVE }

    /**
     * An operator's request.
     *
     * @param sirene what SIRENE says of the SIRET; required to deactivate, and to activate a structure deactivated as closed
     */
    public record Request(String identifier, boolean activate, Sirene sirene, String requestedBy, String reason) {
    }

    /** The last request recorded for a structure. */
    public record LastRequest(OffsetDateTime at, String action, Sirene sirene, String requestedBy, String reason) {
    }

    /** What a request did, or why it was refused. */
    public enum Outcome {
        ACTIVATED(true, "%s is active again"),
        ALREADY_ACTIVE(true, "%s is already active: nothing to do"),
        DEACTIVATED_CLOSED(true, "%s is inactive, and its services: its SIRET is closed in SIRENE"),
        DEACTIVATED(true, "%s is inactive; its services are kept as they are for a later activation"),
        ALREADY_INACTIVE(true, "%s is already inactive: nothing to do"),
        UNKNOWN_STRUCTURE(false, "no structure %s in the directory"),
        SIRENE_REQUIRED(false, "say what SIRENE says of %s (--sirene active or inactive): the two cases of a deactivation differ"),
        CLOSED_IN_SIRENE(false, "%s was deactivated as closed in SIRENE: activate it once SIRENE says it is active again"
                + " (--sirene active)"),
        ACTIVATING_CLOSED(false, "%s is closed in SIRENE: a closed SIRET is not activated (a new establishment has a new SIRET:"
                + " directory change-siret)");

        private final boolean done;
        private final String message;

        Outcome(boolean done, String message) {
            this.done = done;
            this.message = message;
        }

        /** True when the structure is as asked, by this request or an earlier one. */
        public boolean done() {
            return done;
        }

        public String message(String identifier) {
            return String.format(message, identifier);
        }
    }

    private static final String STRUCTURE_STATE = "SELECT active FROM structure WHERE identifier = ?";
    private static final String SET_STRUCTURE = "UPDATE structure SET active = ?, last_modified = ?, changed_at = ? WHERE identifier = ?";
    private static final String DEACTIVATE_SERVICES = "UPDATE service SET active = FALSE, last_modified = ?"
            + " WHERE structure_identifier = ? AND active = TRUE";
    private static final String RECORD = """
            INSERT INTO structure_request (request_id, at, identifier, action, sirene, requested_by, reason)
            VALUES (nextval('structure_request_seq'), ?, ?, ?, ?, ?, ?)""";
    private static final String LAST = """
            SELECT at, action, sirene, requested_by, reason FROM structure_request WHERE identifier = ?
            ORDER BY request_id DESC LIMIT 1""";

    private StructureActivation() {
    }

    /** In a write transaction dated {@code now}; a request that changes nothing is not recorded. */
    static Outcome apply(Connection connection, OffsetDateTime now, Request request) throws SQLException {
        Boolean active = active(connection, request.identifier());
        if (active == null) {
            return Outcome.UNKNOWN_STRUCTURE;
        }
        if (request.activate()) {
            if (request.sirene() == Sirene.INACTIVE) {
                return Outcome.ACTIVATING_CLOSED;
            }
            if (active) {
                return Outcome.ALREADY_ACTIVE;
            }
            Optional<LastRequest> last = last(connection, request.identifier());
            if (last.isPresent() && last.get().sirene() == Sirene.INACTIVE && request.sirene() != Sirene.ACTIVE) {
                return Outcome.CLOSED_IN_SIRENE;
            }
        } else {
            if (request.sirene() == null) {
                return Outcome.SIRENE_REQUIRED;
            }
            if (!active) {
                return Outcome.ALREADY_INACTIVE;
            }
        }
        try (PreparedStatement set = connection.prepareStatement(SET_STRUCTURE)) {
            set.setBoolean(1, request.activate());
            set.setObject(2, now);
            set.setObject(3, now);
            set.setString(4, request.identifier());
            set.executeUpdate();
        }
        boolean closed = !request.activate() && request.sirene() == Sirene.INACTIVE;
        if (closed) {
            try (PreparedStatement services = connection.prepareStatement(DEACTIVATE_SERVICES)) {
                services.setObject(1, now);
                services.setString(2, request.identifier());
                services.executeUpdate();
            }
        }
        try (PreparedStatement record = connection.prepareStatement(RECORD)) {
            record.setObject(1, now);
            record.setString(2, request.identifier());
            record.setString(3, request.activate() ? "ACTIVATE" : "DEACTIVATE");
            record.setString(4, request.sirene() == null ? null : request.sirene().name());
            record.setString(5, capped(request.requestedBy(), 100));
            record.setString(6, capped(request.reason(), 1000));
            record.executeUpdate();
        }
        return request.activate() ? Outcome.ACTIVATED : closed ? Outcome.DEACTIVATED_CLOSED : Outcome.DEACTIVATED;
    }

    /** The last request recorded for this structure, if any. */
    static Optional<LastRequest> last(Connection connection, String identifier) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(LAST)) {
            select.setString(1, identifier);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                String sirene = row.getString(3);
                return Optional.of(new LastRequest(row.getObject(1, OffsetDateTime.class), row.getString(2),
                        sirene == null ? null : Sirene.valueOf(sirene), row.getString(4), row.getString(5)));
            }
        }
    }

    private static Boolean active(Connection connection, String identifier) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(STRUCTURE_STATE)) {
            select.setString(1, identifier);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBoolean(1) : null;
            }
        }
    }

    private static String capped(String text, int max) {
        String printable = Printable.of(text);
        return printable.length() <= max ? printable : printable.substring(0, max);
    }
}
