package org.chorusedi.directory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One import of one file: checks that the rows agree with each other, writes them, and collects
 * the errors. Rows are written even after an error, since what was written is what later rows
 * are checked against; an import with errors is rolled back anyway.
 */
final class ImportRun {

    // A file that is wrong throughout would otherwise fill memory with messages.
    private static final int MAX_LISTED_ERRORS = 1000;

    private final DirectoryTransaction transaction;
    private final int maxEntries;
    private final List<ImportError> errors = new ArrayList<>();
    private long unlistedErrors;
    private long firstUnlistedLine;

    // The line where each structure and service was first given. Rows of a structure come
    // together in practice, but need not: a later row is checked against what was written.
    // About 100 bytes an entry: some 30 MB for the whole directory.
    private final Map<String, Long> structureLines = new HashMap<>();
    private final Map<ServiceKey, Long> serviceLines = new HashMap<>();
    // The structure as first given, for the next rows of the same structure, without a database read.
    private StructureRow current;

    private record ServiceKey(String structureIdentifier, String code) {
    }

    ImportRun(DirectoryTransaction transaction, int maxEntries) {
        this.transaction = transaction;
        this.maxEntries = maxEntries;
    }

    /** More structures and services than the limit: the rest of the file is not read. */
    boolean full() {
        return structureLines.size() + serviceLines.size() > maxEntries;
    }

    void error(long line, String message) {
        if (errors.size() < MAX_LISTED_ERRORS) {
            errors.add(new ImportError(line, message));
        } else if (unlistedErrors++ == 0) {
            firstUnlistedLine = line;
        }
    }

    void accept(long line, CsvRow row) {
        if (acceptStructure(line, row.structure())) {
            row.service().ifPresent(service -> acceptService(line, service));
        }
        if (full()) {
            error(line, "more than " + maxEntries + " structures and services (chorus.directory.max-entries):"
                    + " the rest of the file is not read");
        }
    }

    ImportReport report() {
        if (errors.isEmpty()) {
            return new ImportReport(structureLines.size(), serviceLines.size(), errors);
        }
        List<ImportError> listed = new ArrayList<>(errors);
        if (unlistedErrors > 0) {
            listed.add(new ImportError(firstUnlistedLine,
                    unlistedErrors + " more errors from this line on are not listed"));
        }
        return new ImportReport(0, 0, listed);
    }

    /** False when the row contradicts an earlier row of the same structure, or its SIRET change is refused. */
    private boolean acceptStructure(long line, StructureRow structure) {
        Long firstLine = structureLines.putIfAbsent(structure.identifier(), line);
        if (firstLine == null) {
            if (structure.copiedFrom() != null) {
                SiretChange.Outcome change = transaction.changeSiret(structure.copiedFrom(), structure.identifier());
                if (!change.done()) {
                    // Written all the same, for later rows to be checked against: the import is rolled back.
                    error(line, "column " + CsvColumn.ANCIEN_IDENTIFIANT + ": "
                            + change.message(structure.copiedFrom(), structure.identifier()));
                }
            }
            transaction.upsert(structure);
            current = structure;
            return true;
        }
        if (!current.identifier().equals(structure.identifier())) {
            current = transaction.structureRow(structure.identifier()).orElseThrow();
        }
        Agreement agreement = new Agreement(line, firstLine);
        agreement.check(CsvColumn.TYPE_IDENTIFIANT, current.identifierType(), structure.identifierType());
        agreement.check(CsvColumn.RAISON_SOCIALE, current.name(), structure.name());
        agreement.check(CsvColumn.ACTIF, current.active(), structure.active());
        agreement.check(CsvColumn.CODE_SERVICE_OBLIGATOIRE, current.serviceCodeRequired(),
                structure.serviceCodeRequired());
        agreement.check(CsvColumn.EJ_OBLIGATOIRE, current.engagementRequired(), structure.engagementRequired());
        agreement.check(CsvColumn.EJ_OU_CODE_SERVICE, current.engagementOrServiceCodeRequired(),
                structure.engagementOrServiceCodeRequired());
        agreement.check(CsvColumn.STATUT_MISE_EN_PAIEMENT_NON_REMONTE, current.paymentStatusNotReported(),
                structure.paymentStatusNotReported());
        agreement.check(CsvColumn.MOA, current.moa(), structure.moa());
        agreement.check(CsvColumn.MOA_UNIQUEMENT, current.moaOnly(), structure.moaOnly());
        agreement.check(CsvColumn.ADRESSE, current.address().line(), structure.address().line());
        agreement.check(CsvColumn.COMPLEMENT_ADRESSE, current.address().complement(), structure.address().complement());
        agreement.check(CsvColumn.CODE_POSTAL, current.address().postalCode(), structure.address().postalCode());
        agreement.check(CsvColumn.VILLE, current.address().city(), structure.address().city());
        agreement.check(CsvColumn.PAYS, current.address().countryCode(), structure.address().countryCode());
        // Given once is enough: the change is made at the structure's first row.
        if (structure.copiedFrom() != null) {
            agreement.check(CsvColumn.ANCIEN_IDENTIFIANT, current.copiedFrom(), structure.copiedFrom());
        }
        return agreement.holds;
    }

    private void acceptService(long line, ServiceRow service) {
        Long firstLine = serviceLines.putIfAbsent(new ServiceKey(service.structureIdentifier(), service.code()), line);
        if (firstLine == null) {
            transaction.upsert(service);
            return;
        }
        // The same service twice is rare: reading it back costs little.
        ServiceRow first = transaction.serviceRow(service.structureIdentifier(), service.code()).orElseThrow();
        Agreement agreement = new Agreement(line, firstLine);
        agreement.check(CsvColumn.LIBELLE_SERVICE, first.name(), service.name());
        agreement.check(CsvColumn.SERVICE_ACTIF, first.active(), service.active());
        agreement.check(CsvColumn.SERVICE_EJ_OBLIGATOIRE, first.engagementRequired(), service.engagementRequired());
        agreement.check(CsvColumn.DATE_DEBUT_SERVICE, first.startDate(), service.startDate());
        agreement.check(CsvColumn.DATE_FIN_SERVICE, first.endDate(), service.endDate());
    }

    /** Compares a row with the first row of the same key, column by column, reporting each difference. */
    private final class Agreement {
        private final long line;
        private final long firstLine;
        private boolean holds = true;

        Agreement(long line, long firstLine) {
            this.line = line;
            this.firstLine = firstLine;
        }

        void check(CsvColumn column, Object first, Object value) {
            if (!Objects.equals(first, value)) {
                error(line, "column " + column + ": " + quoted(value) + " contradicts " + quoted(first)
                        + " on line " + firstLine);
                holds = false;
            }
        }
    }

    private static String quoted(Object value) {
        return value == null ? "''" : CsvFields.quoted(value.toString());
    }
}
