package org.chorusedi.directory;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** How {@link StructureRow} and {@link ServiceRow} map to the structure and service tables, both ways. */
final class DirectoryRows {

    /** The structure columns a write sets from a row's values, in binding order. */
    static final List<String> STRUCTURE_VALUES = List.of("identifier_type", "name", "active", "service_code_required",
            "engagement_required", "engagement_or_service_code_required", "payment_status_not_reported", "moa",
            "moa_only", "address_line", "address_complement", "postal_code", "city", "country_code");
    /** The service columns a write sets from a row's values, in binding order. */
    static final List<String> SERVICE_VALUES = List.of("name", "active", "engagement_required", "start_date", "end_date");

    static final String STRUCTURE_COLUMNS =
            "identifier, " + String.join(", ", STRUCTURE_VALUES) + ", copied_from, last_modified";
    static final String SERVICE_COLUMNS =
            "structure_identifier, code, " + String.join(", ", SERVICE_VALUES) + ", last_modified";

    private DirectoryRows() {
    }

    /** Binds the values of {@link #STRUCTURE_VALUES} from {@code index}; returns the next index. */
    static int bindStructureValues(PreparedStatement statement, int index, StructureRow row) throws SQLException {
        statement.setString(index++, row.identifierType().name());
        setString(statement, index++, row.name());
        statement.setBoolean(index++, row.active());
        statement.setBoolean(index++, row.serviceCodeRequired());
        statement.setBoolean(index++, row.engagementRequired());
        statement.setBoolean(index++, row.engagementOrServiceCodeRequired());
        statement.setBoolean(index++, row.paymentStatusNotReported());
        statement.setBoolean(index++, row.moa());
        statement.setBoolean(index++, row.moaOnly());
        Address address = row.address();
        setString(statement, index++, address.line());
        setString(statement, index++, address.complement());
        setString(statement, index++, address.postalCode());
        setString(statement, index++, address.city());
        setString(statement, index++, address.countryCode());
        return index;
    }

    /** Binds the values of {@link #SERVICE_VALUES} from {@code index}; returns the next index. */
    static int bindServiceValues(PreparedStatement statement, int index, ServiceRow row) throws SQLException {
        setString(statement, index++, row.name());
        statement.setBoolean(index++, row.active());
        statement.setBoolean(index++, row.engagementRequired());
        setDate(statement, index++, row.startDate());
        setDate(statement, index++, row.endDate());
        return index;
    }

    /** The structure at the cursor of a result set selecting {@link #STRUCTURE_COLUMNS}. */
    static StructureRow readStructure(ResultSet row) throws SQLException {
        return new StructureRow(
                row.getString(1),
                IdentifierType.valueOf(row.getString(2)),
                row.getString(3),
                row.getBoolean(4),
                row.getBoolean(5),
                row.getBoolean(6),
                row.getBoolean(7),
                row.getBoolean(8),
                row.getBoolean(9),
                row.getBoolean(10),
                new Address(row.getString(11), row.getString(12), row.getString(13), row.getString(14), row.getString(15)),
                row.getString(16),
                instant(row, 17));
    }

    /** The service at the cursor of a result set selecting {@link #SERVICE_COLUMNS}. */
    static ServiceRow readService(ResultSet row) throws SQLException {
        return new ServiceRow(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                row.getBoolean(4),
                row.getBoolean(5),
                row.getObject(6, LocalDate.class),
                row.getObject(7, LocalDate.class),
                instant(row, 8));
    }

    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int index) throws SQLException {
        return row.getObject(index, OffsetDateTime.class).toInstant();
    }

    static void setString(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }

    private static void setDate(PreparedStatement statement, int index, LocalDate value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DATE);
        } else {
            statement.setObject(index, value);
        }
    }
}
