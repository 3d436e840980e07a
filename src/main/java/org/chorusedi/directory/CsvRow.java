package org.chorusedi.directory;

import static org.chorusedi.directory.CsvColumn.ACTIF;
import static org.chorusedi.directory.CsvColumn.ADRESSE;
import static org.chorusedi.directory.CsvColumn.ANCIEN_IDENTIFIANT;
import static org.chorusedi.directory.CsvColumn.CODE_POSTAL;
import static org.chorusedi.directory.CsvColumn.CODE_SERVICE;
import static org.chorusedi.directory.CsvColumn.CODE_SERVICE_OBLIGATOIRE;
import static org.chorusedi.directory.CsvColumn.COMPLEMENT_ADRESSE;
import static org.chorusedi.directory.CsvColumn.DATE_DEBUT_SERVICE;
import static org.chorusedi.directory.CsvColumn.DATE_FIN_SERVICE;
import static org.chorusedi.directory.CsvColumn.EJ_OBLIGATOIRE;
import static org.chorusedi.directory.CsvColumn.EJ_OU_CODE_SERVICE;
import static org.chorusedi.directory.CsvColumn.IDENTIFIANT;
import static org.chorusedi.directory.CsvColumn.LIBELLE_SERVICE;
import static org.chorusedi.directory.CsvColumn.MOA;
import static org.chorusedi.directory.CsvColumn.MOA_UNIQUEMENT;
import static org.chorusedi.directory.CsvColumn.PAYS;
import static org.chorusedi.directory.CsvColumn.RAISON_SOCIALE;
import static org.chorusedi.directory.CsvColumn.SERVICE_ACTIF;
import static org.chorusedi.directory.CsvColumn.SERVICE_EJ_OBLIGATOIRE;
import static org.chorusedi.directory.CsvColumn.STATUT_MISE_EN_PAIEMENT_NON_REMONTE;
import static org.chorusedi.directory.CsvColumn.TYPE_IDENTIFIANT;
import static org.chorusedi.directory.CsvColumn.VILLE;

import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVRecord;

/** One line of the directory CSV file: a structure, and one of its services unless code_service is empty. */
record CsvRow(StructureRow structure, Optional<ServiceRow> service) {

    // The sizes of the database columns.
    private static final int IDENTIFIER_LENGTH = 80;
    private static final int NAME_LENGTH = 255;
    private static final int CODE_LENGTH = 100;
    private static final int POSTAL_CODE_LENGTH = 20;
    private static final Pattern COUNTRY_CODE = Pattern.compile("[A-Z]{2}");

    /** The row, or empty when a field is bad (each bad field having been reported). */
    static Optional<CsvRow> parse(CsvHeader<CsvColumn> header, CSVRecord record, Consumer<String> problems) {
        CsvFields fields = new CsvFields(header, record, problems);
        String identifier = fields.key(IDENTIFIANT, IDENTIFIER_LENGTH, true);
        IdentifierType identifierType = fields.identifierType(TYPE_IDENTIFIANT);
        String name = fields.text(RAISON_SOCIALE, NAME_LENGTH, true);
        Boolean active = fields.bool(ACTIF);
        Boolean serviceCodeRequired = fields.bool(CODE_SERVICE_OBLIGATOIRE);
        Boolean engagementRequired = fields.bool(EJ_OBLIGATOIRE);
        Boolean engagementOrServiceCode = fields.bool(EJ_OU_CODE_SERVICE);
        Boolean paymentStatusNotReported = fields.bool(STATUT_MISE_EN_PAIEMENT_NON_REMONTE);
        Boolean moa = fields.bool(MOA);
        Boolean moaOnly = fields.flag(MOA_UNIQUEMENT);
        Address address = new Address(
                fields.text(ADRESSE, NAME_LENGTH, false),
                fields.text(COMPLEMENT_ADRESSE, NAME_LENGTH, false),
                fields.text(CODE_POSTAL, POSTAL_CODE_LENGTH, false),
                fields.text(VILLE, NAME_LENGTH, false),
                fields.matching(PAYS, COUNTRY_CODE, "a country code of two capital letters (FR)"));
        String previousIdentifier = fields.key(ANCIEN_IDENTIFIANT, IDENTIFIER_LENGTH, false);

        boolean withService = !fields.isEmpty(CODE_SERVICE);
        ServiceRow service = null;
        if (fields.isBlank(CODE_SERVICE)) {
            // A service code names an outbox folder: it must hold more than white space.
            fields.fail(CODE_SERVICE, "is blank (white space only)");
        } else if (withService) {
            String code = fields.key(CODE_SERVICE, CODE_LENGTH, true);
            String serviceName = fields.text(LIBELLE_SERVICE, NAME_LENGTH, false);
            Boolean serviceActive = fields.bool(SERVICE_ACTIF);
            Boolean serviceEngagementRequired = fields.bool(SERVICE_EJ_OBLIGATOIRE);
            LocalDate start = fields.date(DATE_DEBUT_SERVICE);
            LocalDate end = fields.date(DATE_FIN_SERVICE);
            if (start != null && end != null && end.isBefore(start)) {
                fields.fail(DATE_FIN_SERVICE, end + " is before " + DATE_DEBUT_SERVICE + " " + start);
            }
            if (!fields.failed()) {
                service = new ServiceRow(identifier, code, serviceName, serviceActive, serviceEngagementRequired,
                        start, end, null);
            }
        } else {
            fields.requireEmpty(CODE_SERVICE, LIBELLE_SERVICE, SERVICE_ACTIF, SERVICE_EJ_OBLIGATOIRE,
                    DATE_DEBUT_SERVICE, DATE_FIN_SERVICE);
        }
        if (fields.failed()) {
            return Optional.empty();
        }
        StructureRow structure = new StructureRow(identifier, identifierType, name, active, serviceCodeRequired,
                engagementRequired, engagementOrServiceCode, paymentStatusNotReported, moa, moaOnly, address,
                previousIdentifier, null);
        return Optional.of(new CsvRow(structure, Optional.ofNullable(service)));
    }
}
