package org.chorusedi.api;

import io.vertx.core.http.HttpServerRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.rest.RestBindingMode;
import org.apache.camel.model.rest.RestParamType;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.acknowledgement.AcknowledgementFile;
import org.chorusedi.api.TechnicalUsers.Authentication;
import org.chorusedi.config.Folders;
import org.chorusedi.draft.PdfDrafts;
import org.chorusedi.intake.Deposits;
import org.chorusedi.ledger.ApiDeposits;
import org.chorusedi.recognition.PdfTextReader;
import org.chorusedi.text.Printable;
import org.chorusedi.web.QueryString;
import org.chorusedi.web.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.chorusedi.web.JsonAnswers.answer;
import static org.chorusedi.web.JsonAnswers.error;
import static org.chorusedi.web.JsonAnswers.json;

/**
 * The partners' API, version 1 (docs/partners/api.md), declared with Camel's REST DSL on the engine's server,
 * so that Camel serves its OpenAPI description ({@value #BASE}/openapi.json) from the same declaration. Every call
 * names a technical user (HTTP Basic) and acts for its partner alone: another partner's flow or invoice is
 * answered 404, as one that does not exist, so that nothing of it leaks.
 */
public final class ApiRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRoutes.class);

    static final String BASE = "/api/v1";
    static final String REALM = "chorus-edi API";
    /** The WWW-Authenticate header of every 401. */
    static final String CHALLENGE = "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";

    private final TechnicalUsers users;
    private final ApiQueries queries;
    private final Deposits deposits;
    private final PdfDrafts drafts;
    private final Folders folders;
    private final long maxFlowBytes;

    public ApiRoutes(TechnicalUsers users, ApiQueries queries, Deposits deposits, PdfDrafts drafts, Folders folders, long maxFlowBytes) {
        this.users = users;
        this.queries = queries;
        this.deposits = deposits;
        this.drafts = drafts;
        this.folders = folders;
        this.maxFlowBytes = maxFlowBytes;
    }

    @Override
    public void configure() {
        // No byte before identity: every call reaches its route with Vert.x's request paused and its body unread
        // (platform-http's useBodyHandler=false), its credentials are checked first, and a deposit then reads its body
        // as it arrives, straight into its .part file (RequestBody): never into Camel's stream cache nor memory.
        restConfiguration().component("platform-http").contextPath(BASE).bindingMode(RestBindingMode.off)
                .endpointProperty("useBodyHandler", "false")
                .apiContextPath("/openapi.json").apiProperty("api.title", "chorus-edi partners' API")
                .apiProperty("api.version", "1")
                .apiProperty("api.description", "Deposit flows and follow them as a technical user (HTTP Basic): docs/partners/api.md");

        rest("/flows").description("Flows: deposit one, list yours, read one and its acknowledgements")
                .post().id("api-deposit").description("Deposit a flow (the same shapes as a drop directory takes): the body is the"
                        + " file's bytes, streamed to disk; answered 202 with the flow id at once")
                    .consumes("application/octet-stream").produces("application/json")
                    .param().name("name").type(RestParamType.query).required(true)
                        .description("the file's name, as a drop directory would have it (facture.xml, lot.xml, flux.zip)").endParam()
                    .responseMessage().code(202).message("deposited: {flowId, state RECEIVED}").endResponseMessage()
                    .responseMessage().code(400).message("no name, a bad name, or an empty body").endResponseMessage()
                    .responseMessage().code(401).message("no or wrong credentials, locked, disabled or expired").endResponseMessage()
                    .responseMessage().code(413).message("larger than the flow limit").endResponseMessage()
                    .to("direct:api-deposit")
                .get().id("api-flows").description("Your flows received since a time, newest first").produces("application/json")
                    .param().name("since").type(RestParamType.query).required(false)
                        .description("an instant (2026-11-28T10:00:00Z) or a date (2026-11-28, UTC); default: the last 24 hours").endParam()
                    .to("direct:api-flows")
                .get("/{flowId}").id("api-flow").description("A flow: its state, status, reasons and invoices")
                    .produces("application/json")
                    .responseMessage().code(404).message("no such flow of yours").endResponseMessage()
                    .to("direct:api-flow")
                .get("/{flowId}/acknowledgements/{document}").id("api-acknowledgement")
                    .description("An acknowledgement of the flow, the same bytes as in ack/: flux (the flow report) or"
                            + " factures (the statuses of its delivered invoices), CPPStatut; reconnaissance (what was read in a plain"
                            + " PDF), plain text")
                    .produces("application/xml,text/plain")
                    .to("direct:api-acknowledgement");
        rest("/pdf-drafts").description("PDF invoices in two steps, as the portal takes them: deposit the PDF and read its draft,"
                        + " then submit it completed and corrected (docs/partners/pdf-deposit.md)")
                .post().id("api-pdf-draft-create").description("Deposit a PDF invoice: its data are recognised and answered as a draft,"
                        + " which expires unless submitted")
                    .consumes("application/pdf,application/octet-stream").produces("application/json")
                    .param().name("name").type(RestParamType.query).required(true).description("the PDF's name (facture.pdf)").endParam()
                    .responseMessage().code(201).message("the draft").endResponseMessage()
                    .responseMessage().code(413).message("over 120 MB (F02)").endResponseMessage()
                    .responseMessage().code(422).message("not readable: a scan (F15), encrypted or broken (F12)").endResponseMessage()
                    .to("direct:api-pdf-draft-create")
                .get("/{draftId}").id("api-pdf-draft").description("A draft of yours, the directory's answer on its recipient as it is now")
                    .produces("application/json")
                    .responseMessage().code(404).message("no such draft of yours").endResponseMessage()
                    .responseMessage().code(410).message("expired, and deleted").endResponseMessage()
                    .to("direct:api-pdf-draft")
                .post("/{draftId}/attachments").id("api-pdf-draft-attach").description("Add an attachment (50 characters, the 35"
                        + " extensions, 10 MB)")
                    .consumes("application/octet-stream").produces("application/json")
                    .param().name("name").type(RestParamType.query).required(true).description("the attachment's name").endParam()
                    .to("direct:api-pdf-draft-attach")
                .post("/{draftId}/submission").id("api-pdf-draft-submit").description("Submit the draft, {\"values\": {...}} correcting"
                        + " or completing its values: the invoice is built and deposited as a flow (202); submitted again, the same flow")
                    .consumes("application/json").produces("application/json")
                    .to("direct:api-pdf-draft-submit");
        rest("/statuses").description("Status changes of your invoices, for polling")
                .get().id("api-statuses").description("The status changes after delivery of your invoices (and the ones you sent)"
                        + " recorded since a time, oldest first, at most 1000")
                    .produces("application/json")
                    .param().name("since").type(RestParamType.query).required(true)
                        .description("an instant or a date (UTC), included").endParam()
                    .to("direct:api-statuses");
        rest("/invoices").description("Your invoices")
                .get("/{invoiceId}").id("api-invoice").description("One invoice of yours and its whole history")
                    .produces("application/json")
                    .to("direct:api-invoice");

        from("direct:api-deposit").routeId("api-deposit-call").process(e -> call(e, this::deposit));
        from("direct:api-pdf-draft-create").routeId("api-pdf-draft-create-call").process(e -> call(e, this::createDraft));
        from("direct:api-pdf-draft").routeId("api-pdf-draft-call").process(e -> call(e, (x, user, body) ->
                drafted(x, user, () -> json(x, 200, drafts.read(user.partner(), x.getMessage().getHeader("draftId", String.class))))));
        from("direct:api-pdf-draft-attach").routeId("api-pdf-draft-attach-call").process(e -> call(e, (x, user, body) ->
                drafted(x, user, () -> {
                    try (InputStream stream = body.stream()) {
                        json(x, 200, drafts.attach(user.partner(), x.getMessage().getHeader("draftId", String.class),
                                QueryString.of(x).get("name"), stream));
                    }
                })));
        from("direct:api-pdf-draft-submit").routeId("api-pdf-draft-submit-call").process(e -> call(e, this::submitDraft));
        from("direct:api-flows").routeId("api-flows-call").process(e -> call(e, (x, user, body) ->
                json(x, 200, queries.flows(user.partner(), QueryString.of(x)))));
        from("direct:api-flow").routeId("api-flow-call").process(e -> call(e, (x, user, body) ->
                found(x, queries.flow(user.partner(), x.getMessage().getHeader("flowId", String.class)))));
        from("direct:api-acknowledgement").routeId("api-acknowledgement-call").process(e -> call(e, (x, user, body) ->
                acknowledgement(x, user)));
        from("direct:api-statuses").routeId("api-statuses-call").process(e -> call(e, (x, user, body) ->
                json(x, 200, queries.statuses(user.partner(), QueryString.of(x)))));
        from("direct:api-invoice").routeId("api-invoice-call").process(e -> call(e, (x, user, body) ->
                found(x, queries.invoice(user.partner(), x.getMessage().getHeader("invoiceId", String.class)))));
    }

    private interface Call {
        void answer(Exchange exchange, Authentication user, RequestBody body) throws IOException;
    }

    /**
     * Every call: its technical user checked first, from its headers alone, then answered; the expiry said on every
     * answer. A body the call did not read to its end is never read further (RequestBody.endUnread).
     */
    private void call(Exchange exchange, Call call) {
        RequestBody body = new RequestBody(exchange.getMessage().getBody(HttpServerRequest.class));
        try {
            authenticated(exchange, call, body);
        } finally {
            body.endUnread(exchange);
        }
    }

    private void authenticated(Exchange exchange, Call call, RequestBody body) {
        Authentication user;
        try {
            user = authenticate(exchange);
        } catch (RuntimeException e) {
            LOG.warn("API call not answered, its credentials cannot be checked now: {}", Printable.of(e.toString()));
            json(exchange, 503, error("the engine cannot answer this call now: try again later"));
            return;
        }
        if (!user.accepted()) {
            json(exchange, 401, error(user.refusal().message()));
            exchange.getMessage().setHeader("WWW-Authenticate", CHALLENGE);
            return;
        }
        try {
            call.answer(exchange, user, body);
        } catch (ApiQueries.BadRequest bad) {
            LOG.warn("API call of {} (partner {}) refused (400): {}", user.login(), user.partner(), Printable.of(bad.getMessage()));
            json(exchange, 400, error(bad.getMessage()));
        } catch (IOException | RuntimeException e) {
            // The disk or the database, or a body cut short: nothing was kept, the client may send it again.
            LOG.warn("API call of {} (partner {}) failed: {}", user.login(), user.partner(), Printable.of(e.toString()));
            json(exchange, 503, error("the engine cannot answer this call now: try again later"));
        }
        exchange.getMessage().setHeader("X-Password-Expires", user.expiresAt().toString());
        if (user.expiresSoon()) {
            // Not the standard Warning header: Camel's HTTP header filter drops it (and Cache-Control) from answers.
            exchange.getMessage().setHeader("X-Password-Warning", "the password of " + user.login() + " expires on "
                    + user.expiresAt() + ": ask the operator to renew it");
        }
    }

    private Authentication authenticate(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        String login = null;
        String password = "";
        if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    login = decoded.substring(0, colon);
                    password = decoded.substring(colon + 1);
                }
            } catch (IllegalArgumentException e) {
                // not base64: no credentials
            }
        }
        return users.authenticate(login, password);
    }

    private void deposit(Exchange exchange, Authentication user, RequestBody body) throws IOException {
        // A body of another type (a form) never comes here: the router answers it 415 (web.MalformedRequests).
        if (body.announcedLongerThan(maxFlowBytes)) {
            refuseDeposit(exchange, user, 413, Deposits.tooLarge(maxFlowBytes));
            return;
        }
        String name = QueryString.of(exchange).get("name");
        try (InputStream stream = body.stream()) {
            ApiDeposits.Deposit deposit = deposits.deposit(user.partner(), name, stream, maxFlowBytes);
            json(exchange, 202, ApiQueries.pending(deposit));
            exchange.getMessage().setHeader("Location", BASE + "/flows/" + deposit.flowId());
        } catch (Deposits.Refused refused) {
            refuseDeposit(exchange, user, refused.tooLarge() ? 413 : 400, refused.getMessage());
        }
    }

    private interface DraftCall {
        void answer() throws PdfDrafts.Refused, IOException;
    }

    /** A draft's call: refused for what it is with its status, and the reason code of a PDF that cannot be read. */
    private static void drafted(Exchange exchange, Authentication user, DraftCall call) throws IOException {
        try {
            call.answer();
        } catch (PdfDrafts.Refused refused) {
            LOG.warn("API draft call of {} (partner {}) refused ({}): {}", user.login(), user.partner(), refused.status(),
                    Printable.of(refused.getMessage()));
            JsonObject error = error(refused.getMessage());
            if (refused.code() != null) {
                error.put("code", refused.code());
            }
            json(exchange, refused.status(), error);
        }
    }

    private void createDraft(Exchange exchange, Authentication user, RequestBody body) throws IOException {
        drafted(exchange, user, () -> {
            if (body.announcedLongerThan(PdfTextReader.MAX_DEPOSIT_BYTES)) {
                throw new PdfDrafts.Refused(413, "F02", "a PDF deposit is at most " + PdfTextReader.MAX_DEPOSIT_BYTES + " bytes (120 MB)");
            }
            try (InputStream stream = body.stream()) {
                JsonObject draft = drafts.create(user.partner(), QueryString.of(exchange).get("name"), stream);
                json(exchange, 201, draft);
                exchange.getMessage().setHeader("Location", BASE + "/pdf-drafts/" + draft.getString("draftId"));
            }
        });
    }

    private void submitDraft(Exchange exchange, Authentication user, RequestBody body) throws IOException {
        drafted(exchange, user, () -> {
            if (body.announcedLongerThan(PdfDrafts.MAX_SUBMISSION_BYTES)) {
                throw new PdfDrafts.Refused(413, null, "a submission is at most " + PdfDrafts.MAX_SUBMISSION_BYTES + " bytes of JSON");
            }
            String values;
            try (InputStream stream = body.stream()) {
                byte[] bytes = stream.readNBytes((int) PdfDrafts.MAX_SUBMISSION_BYTES + 1);
                if (bytes.length > PdfDrafts.MAX_SUBMISSION_BYTES) {
                    throw new PdfDrafts.Refused(413, null, "a submission is at most " + PdfDrafts.MAX_SUBMISSION_BYTES + " bytes of JSON");
                }
                values = new String(bytes, StandardCharsets.UTF_8);
            }
            ApiDeposits.Deposit deposit = drafts.submit(user.partner(), exchange.getMessage().getHeader("draftId", String.class), values);
            json(exchange, 202, ApiQueries.pending(deposit));
            exchange.getMessage().setHeader("Location", BASE + "/flows/" + deposit.flowId());
        });
    }

    /** A deposit refused for what it is: answered, and one WARN line, as every bad request. */
    private static void refuseDeposit(Exchange exchange, Authentication user, int status, String why) {
        LOG.warn("API deposit of {} (partner {}) refused ({}): {}", user.login(), user.partner(), status, Printable.of(why));
        json(exchange, status, error(why));
    }

    private void acknowledgement(Exchange exchange, Authentication user) throws IOException {
        String flowId = exchange.getMessage().getHeader("flowId", String.class);
        String document = exchange.getMessage().getHeader("document", String.class);
        Optional<AcknowledgementFile> acknowledgement = AcknowledgementFile.ofDocument(document);
        if (acknowledgement.isEmpty()) {
            json(exchange, 404, error("no such acknowledgement: flux, factures or reconnaissance"));
            return;
        }
        if (!queries.owns(user.partner(), flowId)) {
            json(exchange, 404, error("no such flow"));
            return;
        }
        Path file = folders.ack(user.partner()).resolve(acknowledgement.get().fileName(flowId));
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(file.toString());
            }
            // Small, read whole: the CPPStatut documents take a few hundred bytes an invoice, and a flow has at most
            // chorus.flow.max-invoices of them; the recognition's report, a few kilobytes (three pages' values).
            answer(exchange, 200, acknowledgement.get().contentType(), Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            json(exchange, 404, error("flow " + flowId + " has no " + document + " acknowledgement (yet)"));
        }
    }

    private static void found(Exchange exchange, Optional<JsonObject> answer) {
        if (answer.isPresent()) {
            json(exchange, 200, answer.get());
        } else {
            json(exchange, 404, error("not found"));
        }
    }
}
