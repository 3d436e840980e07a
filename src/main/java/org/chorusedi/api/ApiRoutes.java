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
import org.chorusedi.intake.Deposits;
import org.chorusedi.ledger.ApiDeposits;
import org.chorusedi.text.Printable;
import org.chorusedi.web.QueryString;
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
    private final Folders folders;
    private final long maxFlowBytes;

    public ApiRoutes(TechnicalUsers users, ApiQueries queries, Deposits deposits, Folders folders, long maxFlowBytes) {
        this.users = users;
        this.queries = queries;
        this.deposits = deposits;
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
                    .description("An acknowledgement of the flow, the same CPPStatut bytes as in ack/: flux (the flow report) or"
                            + " factures (the statuses of its delivered invoices)")
                    .produces("application/xml")
                    .to("direct:api-acknowledgement");
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
            json(exchange, 404, error("no such acknowledgement: flux or factures"));
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
            // A few hundred bytes an invoice, and a flow has at most chorus.flow.max-invoices of them.
            answer(exchange, 200, "application/xml", Files.readAllBytes(file));
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
