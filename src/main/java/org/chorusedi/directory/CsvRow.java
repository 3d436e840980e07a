package org.chorusedi.directory;

import static org.chorusedi.directory.CsvColumn.ACTIF;
import static org.chorusedi.directory.CsvColumn.CODE_SERVICE;
import static org.chorusedi.directory.CsvColumn.CODE_SERVICE_OBLIGATOIRE;
import static org.chorusedi.directory.CsvColumn.EJ_OBLIGATOIRE;
import static org.chorusedi.directory.CsvColumn.EJ_OU_CODE_SERVICE;
import static org.chorusedi.directory.CsvColumn.IDENTIFIANT;
import static org.chorusedi.directory.CsvColumn.LIBELLE_SERVICE;
import static org.chorusedi.directory.CsvColumn.MOA;
import static org.chorusedi.directory.CsvColumn.RAISON_SOCIALE;
import static org.chorusedi.directory.CsvColumn.SERVICE_ACTIF;
import static org.chorusedi.directory.CsvColumn.SERVICE_EJ_OBLIGATOIRE;
import static org.chorusedi.directory.CsvColumn.STATUT_MISE_EN_PAIEMENT_NON_REMONTE;

import java.util.Optional;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVRecord;

/** One line of the directory CSV file: a structure, and one of its services unless code_service is empty. */
record CsvRow(StructureRow structure, Optional<ServiceRow> service) {

    // The sizes of the database columns.
    private static final int IDENTIFIER_LENGTH = 80;
    private static final int NAME_LENGTH = 255;
    private static final int CODE_LENGTH = 100;

    /** The row, or empty when a field is bad (each bad field having been reported). */
    static Optional<CsvRow> parse(CsvHeader header, CSVRecord record, Consumer<String> problems) {
        CsvFields fields = new CsvFields(header, record, problems);
        String identifier = fields.key(IDENTIFIANT, IDENTIFIER_LENGTH, true);
        String name = fields.text(RAISON_SOCIALE, NAME_LENGTH, true);
        Boolean active = fields.bool(ACTIF);
        Boolean serviceCodeRequired = fields.bool(CODE_SERVICE_OBLIGATOIRE);
        Boolean engagementRequired = fields.bool(EJ_OBLIGATOIRE);
        Boolean engagementOrServiceCode = fields.bool(EJ_OU_CODE_SERVICE);
        Boolean paymentStatusNotReported = fields.bool(STATUT_MISE_EN_PAIEMENT_NON_REMONTE);
        Boolean moa = fields.bool(MOA);

        boolean withService = !fields.isEmpty(CODE_SERVICE);
        String code = null;
        String serviceName = null;
        Boolean serviceActive = null;
        Boolean serviceEngagementRequired = null;
        if (withService) {
            code = fields.key(CODE_SERVICE, CODE_LENGTH, true);
            serviceName = fields.text(LIBELLE_SERVICE, NAME_LENGTH, false);
            serviceActive = fields.bool(SERVICE_ACTIF);
            serviceEngagementRequired = fields.bool(SERVICE_EJ_OBLIGATOIRE);
        } else {
            fields.requireEmpty(CODE_SERVICE, LIBELLE_SERVICE, SERVICE_ACTIF, SERVICE_EJ_OBLIGATOIRE);
        }
        if (fields.failed()) {
            return Optional.empty();
        }
        StructureRow structure = new StructureRow(identifier, name, active, serviceCodeRequired, engagementRequired,
                engagementOrServiceCode, paymentStatusNotReported, moa);
        Optional<ServiceRow> service = withService
                ? Optional.of(new ServiceRow(identifier, code, serviceName, serviceActive, serviceEngagementRequired))
                : Optional.empty();
        return Optional.of(new CsvRow(structure, service));
    }
}
