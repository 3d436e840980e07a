package org.chorusedi.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamReader;
import org.chorusedi.generator.InvoiceTemplate;
import org.chorusedi.validation.ValidationPipeline.SchemaError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Issue 9: a schema error keeps a capped message from the start, however long the value it quotes. */
class ValidationPipelineTest {

    private final ExecutorService validators = ValidationPipeline.newThreadPool();

    @AfterEach
    void stop() {
        validators.shutdownNow();
    }

    /** The schema errors of a document, its events fed to the pipeline as the flow reader feeds them. */
    private ValidationPipeline.Errors validate(String xml) throws Exception {
        XMLStreamReader reader = SecureXml.open(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)), "test.xml",
                new XmlLimits(1_000_000, 1_000, 10_000));
        ValidationPipeline pipeline = new ValidationPipeline(SchemaCatalog.shared().invoiceSchema(), reader, validators, 10);
        pipeline.beginInvoice(1, null, List.of());
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> pipeline.startElement();
                case XMLStreamConstants.CHARACTERS -> pipeline.characters(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
                case XMLStreamConstants.END_ELEMENT -> pipeline.endElement();
                default -> {
                    // nothing else is validated
                }
            }
        }
        pipeline.endInvoice();
        return pipeline.finish();
    }

    @Test
    void aSchemaErrorOnAHugeValueKeepsACappedMessage() throws Exception {
        String value = "2026-11-20" + "x".repeat(900_000);
        String ubl = InvoiceTemplate.toMinistry().ubl().replace("<cbc:IssueDate>2026-11-20<", "<cbc:IssueDate>" + value + "<");

        List<SchemaError> errors = validate(ubl).byInvoice().get(1);

        assertTrue(!errors.isEmpty(), "the date is invalid");
        for (SchemaError error : errors) {
            assertTrue(error.message().length() < 400, () -> "a message of " + error.message().length() + " characters");
        }
        assertTrue(errors.stream().anyMatch(e -> e.message().matches("(?s).*xxx\\.\\.\\. \\(\\d+ characters\\)")),
                () -> "the value is quoted, cut: " + errors);
        assertEquals(5, errors.get(0).line());
    }
}
