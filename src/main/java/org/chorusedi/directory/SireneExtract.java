package org.chorusedi.directory;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.chorusedi.directory.StructureActivation.Sirene;
import org.chorusedi.text.Printable;

/**
 * An extract of the SIRENE register of establishments, as INSEE publishes it (StockEtablissement, CSV): what it says
 * of one SIRET, to check what an operator states when activating or deactivating a structure. Read as a stream, one
 * line at a time, each line capped: the whole stock is several gigabytes.
 */
public final class SireneExtract {

    static final String SIRET = "siret";
    static final String STATE = "etatAdministratifEtablissement";
    private static final int MAX_LINE_CHARS = 10_000;

    private SireneExtract() {
    }

    private static IllegalArgumentException tooLong(Path extract) {
        return new IllegalArgumentException(extract + ": a line is longer than " + MAX_LINE_CHARS + " characters: not a SIRENE extract");
    }

    /**
     * What the extract says of this SIRET: A is active, F (fermé) inactive; empty when it does not list it.
     *
     * @throws IllegalArgumentException naming the file when it is not such an extract (no siret or no
     *         etatAdministratifEtablissement column, a line too long, a state other than A or F)
     */
    public static Optional<Sirene> status(Path extract, String siret) {
        try (Reader in = CsvLineLimit.openUtf8(extract, MAX_LINE_CHARS);
             CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            if (!csv.getHeaderMap().containsKey(SIRET) || !csv.getHeaderMap().containsKey(STATE)) {
                throw new IllegalArgumentException(extract + " is not a SIRENE extract of establishments: its header has no "
                        + SIRET + " or no " + STATE + " column");
            }
            for (CSVRecord row : csv) {
                if (row.isSet(SIRET) && siret.equals(row.get(SIRET))) {
                    String state = row.isSet(STATE) ? row.get(STATE) : "";
                    return switch (state) {
                        case "A" -> Optional.of(Sirene.ACTIVE);
                        case "F" -> Optional.of(Sirene.INACTIVE);
                        default -> throw new IllegalArgumentException(extract + " line " + csv.getCurrentLineNumber() + ": "
                                + STATE + " is A or F, not \"" + Printable.capped(state, 20) + "\"");
                    };
                }
            }
            return Optional.empty();
        } catch (CsvLineLimit.Exceeded e) {
            throw tooLong(extract);
        } catch (UncheckedIOException e) {
            // What the parser meets while it iterates comes wrapped.
            if (e.getCause() instanceof CsvLineLimit.Exceeded) {
                throw tooLong(extract);
            }
            throw new IllegalArgumentException(extract + " cannot be read as CSV: " + e.getCause().getMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException(extract + " cannot be read: " + e.getMessage());
        }
    }
}
