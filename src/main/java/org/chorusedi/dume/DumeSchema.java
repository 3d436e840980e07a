package org.chorusedi.dume;

import java.util.List;
import javax.xml.validation.Schema;
import org.chorusedi.validation.SchemaCatalog;

/**
 * The official UBL QualificationApplicationRequest and Response schemas the ESPD Exchange Data Model is built on:
 * UBL 2.2 for its model 2.x (the French DUME's), UBL 2.3 for its models 3 and 4. Read from the ph-ubl22 and ph-ubl23
 * jars, each compiled once per JVM when first needed: never fetched. Apart from the invoices' catalog and from each
 * other, as the UBL versions share their namespaces.
 */
final class DumeSchema {

    /** The UBL versions a DUME may be written in (cbc:UBLVersionID; 2.2 when it says none). */
    static final List<String> VERSIONS = List.of("2.2", "2.3");

    private DumeSchema() {
    }

    /** The schemas of that UBL version, one of {@link #VERSIONS}. */
    static Schema of(String ublVersion) {
        return ublVersion.equals("2.3") ? Ubl23.SCHEMA : Ubl22.SCHEMA;
    }

    private static Schema compile(String version) {
        String maindoc = "external/schemas/ubl" + version.replace(".", "") + "/maindoc/";
        return SchemaCatalog.compileFromClassPath("the UBL " + version + " DUME schemas",
                maindoc + "UBL-QualificationApplicationRequest-" + version + ".xsd",
                maindoc + "UBL-QualificationApplicationResponse-" + version + ".xsd");
    }

    private static final class Ubl22 {
        static final Schema SCHEMA = compile("2.2");
    }

    private static final class Ubl23 {
        static final Schema SCHEMA = compile("2.3");
    }
}
