package org.chorusedi.dume;

import javax.xml.validation.Schema;
import org.chorusedi.validation.SchemaCatalog;

/**
 * The official UBL 2.2 QualificationApplicationRequest and Response schemas, which the ESPD Exchange Data Model
 * (2.x, the French DUME's) is built on, read from the ph-ubl22 jar and compiled once per JVM: never fetched.
 * Apart from the invoices' catalog, as UBL 2.2 and 2.1 share their common namespaces.
 */
final class DumeSchema {

    private static final String MAINDOC = "external/schemas/ubl22/maindoc/";

    private DumeSchema() {
    }

    static Schema shared() {
        return Holder.SCHEMA;
    }

    private static final class Holder {
        static final Schema SCHEMA = SchemaCatalog.compileFromClassPath("the UBL 2.2 DUME schemas",
                MAINDOC + "UBL-QualificationApplicationRequest-2.2.xsd", MAINDOC + "UBL-QualificationApplicationResponse-2.2.xsd");
    }
}
