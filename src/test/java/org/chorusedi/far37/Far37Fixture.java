package org.chorusedi.far37;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Validator;
import org.chorusedi.database.Database;
import org.chorusedi.directory.DirectoryCsvImport;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.directory.ImportReport;
import org.chorusedi.testkit.TestDatabase;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xmlunit.xpath.JAXPXPathEngine;
import org.chorusedi.support.TestSettings;

/**
 * A directory database of its own (H2 under a temporary root, or PostgreSQL: see TestDatabase), a
 * publisher on it, and what tests read extracts with.
 */
final class Far37Fixture implements AutoCloseable {

    /** A directory with every kind of value: addresses, dates, a name with a line break and markup characters. */
    static final String DIRECTORY_CSV = String.join("\n",
            "identifiant,type_identifiant,raison_sociale,actif,code_service_obligatoire,ej_obligatoire,ej_ou_code_service,"
                    + "statut_mise_en_paiement_non_remonte,moa,moa_uniquement,adresse,complement_adresse,code_postal,ville,pays,"
                    + "code_service,libelle_service,service_actif,service_ej_obligatoire,date_debut_service,date_fin_service",
            "11000201100044,SIRET,\"Ministère de l'Exemple, Direction des achats\",true,true,false,false,false,false,false,"
                    + "20 avenue de Ségur,\"Bâtiment <A> & \"\"B\"\"\",75007,Paris,FR,SCE-ACHATS,Service des achats,true,false,2020-01-01,",
            "11000201100044,SIRET,\"Ministère de l'Exemple, Direction des achats\",true,true,false,false,false,false,false,"
                    + "20 avenue de Ségur,\"Bâtiment <A> & \"\"B\"\"\",75007,Paris,FR,SCE-FERME,Service fermé,false,false,2019-01-01,2024-12-31",
            "11000201100044,SIRET,\"Ministère de l'Exemple, Direction des achats\",true,true,false,false,false,false,false,"
                    + "20 avenue de Ségur,\"Bâtiment <A> & \"\"B\"\"\",75007,Paris,FR,SCE-TRAVAUX,Service des travaux,true,true,,",
            "21750001600019,SIRET,\"Ville d'Exemple\r\nHôtel de ville\",true,false,true,false,false,true,true,,,,,,,,,,,",
            "26750045200011,SIRET,Hôpital d'Exemple,true,false,false,true,false,false,false,,,13005,Marseille,,URGENCES,,true,false,,",
            "19750001000016,SIRET,École fermée,false,false,false,false,false,false,false,,,,,,,,,,,",
            "ES-B12345678,UE_HORS_FRANCE,Consorcio 𝔼jemplo,true,false,false,false,true,false,false,,,,Madrid,ES,ARCH,Archivo,true,true,,")
            + "\n";

    private static final Map<String, String> NAMESPACES = Map.of("f", Far37Schema.NAMESPACE);

    final Path root;
    final Database database;
    final DirectoryStore store;

    Far37Fixture(Path root) {
        this.root = root;
        this.database = Database.open(TestDatabase.url(root.resolve("db")), TestDatabase.user(), "");
        this.store = new DirectoryStore(database.dataSource());
    }

    /** A subscriber with the defaults of application.properties, in its default folder. */
    Subscriber subscriber(String code) {
        return new Subscriber(code, Far37Settings.defaultFolder(root, code), "0 0 2 ? * SUN", "0 0 2 * * ?",
                ZoneId.of("Europe/Paris"), false, 10);
    }

    Far37Publisher publisher(Subscriber... subscribers) {
        return new Far37Publisher(new Far37Settings(root, List.of(subscribers)), store,
                new SubscriptionStore(database.dataSource()), "CPP001");
    }

    SubscriptionStore subscriptions() {
        return new SubscriptionStore(database.dataSource());
    }

    ImportReport importCsv(String name, String content) throws IOException {
        Path csv = Files.writeString(root.resolve(name), content, StandardCharsets.UTF_8);
        ImportReport report = new DirectoryCsvImport(store, TestSettings.importLimits()).importCsv(csv);
        assertTrue(report.ok(), () -> report.errors().toString());
        return report;
    }

    ImportReport importFar37(Path file) throws IOException {
        return new Far37Import(store, TestSettings.importLimits()).importFile(file);
    }

    @Override
    public void close() {
        database.close();
    }

    /** Fails unless the extract is valid against schemas/far37-1.0.xsd. */
    static void assertValid(Path extract) throws Exception {
        Validator validator = Far37Schema.schema().newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        try (InputStream in = open(extract)) {
            validator.validate(new StreamSource(in, extract.toString()));
        }
        validator.validate(new DOMSource(parse(extract)));
    }

    static Document parse(Path extract) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = open(extract)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static InputStream open(Path extract) throws IOException {
        InputStream in = Files.newInputStream(extract);
        return extract.toString().endsWith(".gz") ? new GZIPInputStream(in) : in;
    }

    /** An extract read back, to look at with XPath (prefix f: the FAR37 namespace). */
    record Extract(Document document) {

        static Extract read(Path file) throws Exception {
            return new Extract(parse(file));
        }

        String value(String xpath) {
            JAXPXPathEngine engine = new JAXPXPathEngine();
            engine.setNamespaceContext(NAMESPACES);
            return engine.evaluate(xpath, document);
        }

        String header(String element) {
            return value("/f:FAR37/f:Entete/f:" + element);
        }

        /** The identifiers of the structures, in the order of the file. */
        List<String> identifiers() {
            NodeList ids = document.getElementsByTagNameNS(Far37Schema.NAMESPACE, "Identifiant");
            return java.util.stream.IntStream.range(0, ids.getLength()).mapToObj(i -> ids.item(i).getTextContent()).toList();
        }

        /** A value of a structure: {@code structure("21750001600019", "f:Statut")}. */
        String structure(String identifier, String path) {
            return value("/f:FAR37/f:Structure[f:Identifiant='" + identifier + "']/" + path);
        }

        /** The codes of a structure's services, in the order of the file. */
        List<String> services(String identifier) {
            JAXPXPathEngine engine = new JAXPXPathEngine();
            engine.setNamespaceContext(NAMESPACES);
            return java.util.stream.StreamSupport.stream(engine.selectNodes(
                    "/f:FAR37/f:Structure[f:Identifiant='" + identifier + "']/f:Service/f:CodeService", document)
                    .spliterator(), false).map(Node::getTextContent).toList();
        }

        Element root() {
            return document.getDocumentElement();
        }
    }
}
