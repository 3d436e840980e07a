package org.chorusedi.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.generator.PdfInvoiceWriter;
import org.chorusedi.generator.PdfInvoiceWriter.Layout;
import org.chorusedi.support.RunningEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PDF drafts against what a hostile or careless client sends: every value the engine would refuse once built into the
 * invoice is refused at once (400, never a 202 then a rejection), uploads and a submission that cross each other lose
 * nothing.
 */
@Tag("h2-only")
class ApiPdfDraftHostileTest {

    @TempDir
    static Path root;

    private static final TestClock CLOCK = new TestClock();
    private static RunningEngine engine;
    private static ApiClient aaa;

    @BeforeAll
    static void start() throws Exception {
        engine = RunningEngine.start(root, Map.of(), null, CLOCK);
        TechnicalUsers users = new TechnicalUsers(engine.engine().dataSource(), new ApiSettings(Duration.ofDays(424), Duration.ofDays(30), 5,
                Duration.ofMinutes(15)), CLOCK);
        TechnicalUsers.NewPassword user = users.create("AAA001", "aaa-hostile");
        aaa = ApiClient.of(engine.uri("").toString(), user.login(), user.password());
    }

    @AfterAll
    static void stop() throws Exception {
        engine.close();
    }

    private static String draft(String name, int variant) throws Exception {
        Path pdf = PdfInvoiceWriter.write(root.resolve("samples/" + variant + ".pdf"), Layout.HEADER_BLOCKS, 0).file();
        HttpResponse<String> created = aaa.post("/api/v1/pdf-drafts?name=" + URLEncoder.encode(name, StandardCharsets.UTF_8),
                "application/pdf", HttpRequest.BodyPublishers.ofFile(pdf));
        assertEquals(201, created.statusCode(), created.body());
        return ApiClient.json(created).getString("draftId");
    }

    private static HttpResponse<String> submit(String id, String json) throws Exception {
        return aaa.post("/api/v1/pdf-drafts/" + id + "/submission", "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    @Test
    void aPdfNamedOver50CharactersIsRefusedAsTheAttachmentItBecomes() throws Exception {
        Path pdf = PdfInvoiceWriter.write(root.resolve("samples/long.pdf"), Layout.HEADER_BLOCKS, 0).file();
        HttpResponse<String> created = aaa.post("/api/v1/pdf-drafts?name=facture-2026-11-20-ministere-des-armees-dgsi-000042.pdf",
                "application/pdf", HttpRequest.BodyPublishers.ofFile(pdf));
        assertEquals(400, created.statusCode(), created.body());
        assertEquals("I13", ApiClient.json(created).getString("code"));
    }

    @Test
    void anAttachmentNamedWithAControlCharacterIsRefused() throws Exception {
        String id = draft("ctrl.pdf", 2);
        HttpResponse<String> attached = aaa.post("/api/v1/pdf-drafts/" + id + "/attachments?name=bon%01.pdf", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 bon".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(400, attached.statusCode(), attached.body());
        assertEquals("I13", ApiClient.json(attached).getString("code"));
    }

    @Test
    void anAttachmentNamedWithNulIsA400NotA503() throws Exception {
        String id = draft("nul.pdf", 3);
        HttpResponse<String> attached = aaa.post("/api/v1/pdf-drafts/" + id + "/attachments?name=bon%00.pdf", "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 bon".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(400, attached.statusCode(), attached.body());
    }

    @Test
    void anInvoiceNumberOf21CharactersIsRefusedAsTheEngineWouldI09() throws Exception {
        String id = draft("long-number.pdf", 8);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"N" + id.substring(1, 21) + "\"}}");
        assertEquals(400, submitted.statusCode(), submitted.body());
        assertTrue(ApiClient.json(submitted).getString("error").contains("invoiceNumber: 1 to 20 characters"), submitted::body);
    }

    @Test
    void aCurrencyOfThreeCapitalsNotInIso4217IsRefused() throws Exception {
        String id = draft("devise.pdf", 10);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"C" + id.substring(1, 12) + "\", \"currency\": \"ABC\"}}");
        assertEquals(400, submitted.statusCode(), submitted.body());
        assertTrue(ApiClient.json(submitted).getString("error").contains("currency: an ISO 4217 code"), submitted::body);
    }

    @Test
    void aDraftWithoutItsSupplierSiretIsRefusedForThePartnerRegistryNeedsIt() throws Exception {
        String id = draft("sans-fournisseur.pdf", 11);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"S" + id.substring(1, 12) + "\", \"supplierSiret\": null}}");
        assertEquals(400, submitted.statusCode(), submitted.body());
        assertTrue(ApiClient.json(submitted).getString("error").contains("supplierSiret: required"), submitted::body);
    }

    @Test
    void aDraftAsReadIsDelivered() throws Exception {
        String id = draft("baseline.pdf", 7);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"R" + id.substring(1, 12) + "\"}}");
        assertEquals(202, submitted.statusCode(), submitted.body());
        assertEquals("92", aaa.decided(ApiClient.json(submitted).getString("flowId")).getString("status"));
    }

    @Test
    void anInvoiceNumberWithACharacterXmlCannotCarryIsRefused() throws Exception {
        String id = draft("nonchar.pdf", 4);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"F-\\uFFFE-1\"}}");
        assertEquals(400, submitted.statusCode(), submitted.body());
    }

    @Test
    void aDateOfYear10000IsRefused() throws Exception {
        String id = draft("an10000.pdf", 5);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"R" + id.substring(1, 12) + "\", \"invoiceDate\": \"+10000-01-01\"}}");
        assertEquals(400, submitted.statusCode(), submitted.body());
        assertTrue(ApiClient.json(submitted).getString("error").contains("invoiceDate: a date, yyyy-MM-dd"), submitted::body);
    }

    @Test
    void twoAttachmentsOfOneNameSentTogetherAreBothKept() throws Exception {
        String id = draft("concurrent.pdf", 6);
        String path = "/api/v1/pdf-drafts/" + id + "/attachments?name=bon.pdf";
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return aaa.post(path, "application/octet-stream", HttpRequest.BodyPublishers.ofInputStream(ApiPdfDraftHostileTest::slowBody));
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(700);
        HttpResponse<String> fast = aaa.post(path, "application/octet-stream",
                HttpRequest.BodyPublishers.ofByteArray("%PDF-1.4 bon".getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> first = slow.get();
        String attachments = ApiClient.json(aaa.get("/api/v1/pdf-drafts/" + id)).get("attachments").toString();
        assertEquals("200 200", first.statusCode() + " " + fast.statusCode(), "first: " + first.body() + " second: " + fast.body()
                + " kept: " + attachments);
        assertTrue(attachments.contains("bon.pdf") && attachments.indexOf("bon.pdf") != attachments.lastIndexOf("bon.pdf"),
                "both kept: " + attachments);
    }

    @Test
    void anAttachmentEndingWhileItsDraftIsSubmittedIsInTheInvoiceOrRefused() throws Exception {
        String id = draft("pendant.pdf", 9);
        CompletableFuture<HttpResponse<String>> slow = CompletableFuture.supplyAsync(() -> {
            try {
                return aaa.post("/api/v1/pdf-drafts/" + id + "/attachments?name=tardive.pdf", "application/octet-stream",
                        HttpRequest.BodyPublishers.ofInputStream(ApiPdfDraftHostileTest::slowBody));
            } catch (IOException | InterruptedException e) {
                throw new RuntimeException(e);
            }
        });
        Thread.sleep(700);
        HttpResponse<String> submitted = submit(id, "{\"values\": {\"invoiceNumber\": \"P" + id.substring(1, 12) + "\"}}");
        assertEquals(202, submitted.statusCode(), submitted.body());
        HttpResponse<String> attached = slow.get();
        String flowId = ApiClient.json(submitted).getString("flowId");
        assertEquals("92", aaa.decided(flowId).getString("status"));
        Path outbox = engine.engine().folders().out().resolve(org.chorusedi.generator.InvoiceTemplate.MINISTRY).resolve("SCE-ACHATS");
        String xml;
        try (var files = java.nio.file.Files.list(outbox)) {
            xml = java.nio.file.Files.readString(files.filter(f -> f.getFileName().toString().startsWith(flowId) && f.toString().endsWith(".xml"))
                    .findFirst().orElseThrow());
        }
        String draftNow = aaa.get("/api/v1/pdf-drafts/" + id).body();
        assertTrue(attached.statusCode() != 200 || xml.contains("tardive.pdf"), "attach answered " + attached.statusCode() + " "
                + attached.body() + "; draft now: " + draftNow + "; the delivered XML carries it: " + xml.contains("tardive.pdf"));
    }

    /** 64 kB, a pause of 1.5 s, 64 kB. */
    private static InputStream slowBody() {
        return new InputStream() {
            private int sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= 128 * 1024) {
                    return -1;
                }
                if (sent == 64 * 1024) {
                    try {
                        Thread.sleep(1500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                int n = Math.min(len, 64 * 1024 - sent % (64 * 1024));
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                sent += n;
                return n;
            }
        };
    }
}
