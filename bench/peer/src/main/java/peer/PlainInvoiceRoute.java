package peer;

import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.apache.camel.support.processor.validation.SchemaValidationException;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The route a Camel user would write in an hour instead of the engine, for single UBL invoice files: taken from a
 * folder (read lock, moved when done), a duplicate name skipped (JDBC idempotent repository on H2), the XSD checked
 * (camel-validator), the EN 16931 rules applied (camel-xslt, Saxon-HE, the same CEN XSLT as the engine), the invoice
 * written to an outbox, or to a rejected folder when its schema or a fatal rule fails.
 *
 * <pre>java -cp CLASSPATH peer.PlainInvoiceRoute IN OUT REJECTED DONE UBL_INVOICE_XSD RULES_XSLT|off DATABASE THREADS</pre>
 */
public final class PlainInvoiceRoute extends RouteBuilder {

    private final String in, out, rejected, done, schema, rules, database;
    private final int threads;

    PlainInvoiceRoute(String[] args) {
        in = args[0];
        out = args[1];
        rejected = args[2];
        done = args[3];
        schema = args[4];
        rules = args[5];
        database = args[6];
        threads = Integer.parseInt(args[7]);
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new PlainInvoiceRoute(args));
        main.run();
    }

    @Override
    public void configure() {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + database);
        DataSource dataSource = h2;

        onException(SchemaValidationException.class).handled(true)
                .to("file:" + rejected);

        var route = from("file:" + in + "?readLock=changed&readLockCheckInterval=200&readLockMinAge=200"
                + "&delay=200&move=" + done + "/${file:name}")
                .routeId("plain-invoices")
                .threads(threads)
                .idempotentConsumer(header(Exchange.FILE_NAME), new JdbcMessageIdRepository(dataSource, "invoices"))
                .skipDuplicate(true)
                .convertBodyTo(byte[].class)
                .to("validator:file:" + schema);
        if (rules.equals("off")) {
            route.to("file:" + out);
        } else {
            route.setProperty("invoice", body())
                    .to("xslt:file:" + rules + "?transformerFactoryClass=net.sf.saxon.TransformerFactoryImpl")
                    .choice()
                        .when(body().contains("flag=\"fatal\""))
                            .setBody(exchangeProperty("invoice")).to("file:" + rejected)
                        .otherwise()
                            .setBody(exchangeProperty("invoice")).to("file:" + out);
        }
    }
}
