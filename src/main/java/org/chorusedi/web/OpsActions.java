package org.chorusedi.web;

import io.vertx.core.net.SocketAddress;
import io.vertx.ext.auth.User;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpConstants;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.intake.ParkedFlows;
import org.chorusedi.ledger.Ledger;
import org.chorusedi.ledger.OperatorActions;
import org.chorusedi.ledger.OperatorActions.Outcome;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.chorusedi.web.JsonAnswers.error;
import static org.chorusedi.web.JsonAnswers.json;

/**
 * What an operator may do from the page (docs/operators/watching.md, "Accounts and actions"): retry a parked flow,
 * the one move operators made by hand in a shell. Only an account with the write role may; the request must come
 * from the page itself (its own header, its own origin: a page of another site cannot make the browser send it);
 * each action is in the ledger (operator_action) and the log, with who did it and from where.
 */
public final class OpsActions extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(OpsActions.class);

    /** The header the page sets on every action: a form or a link of another site cannot set it. */
    static final String ACTION_HEADER = "X-Chorus-Action";
    /** Actions listed on the page at most: the newest. */
    static final int MAX_LISTED = 50;

    private final HttpSettings settings;
    private final ParkedFlows parked;
    private final OperatorActions audit;

    public OpsActions(HttpSettings settings, ParkedFlows parked, OperatorActions audit) {
        this.settings = settings;
        this.parked = parked;
        this.audit = audit;
    }

    @Override
    public void configure() {
        from("platform-http:" + OpsRoutes.API + "/me?httpMethodRestrict=GET").routeId("ops-api-me")
                .process(e -> {
                    Optional<OperatorAccount> account = account(e);
                    JsonObject me = new JsonObject();
                    me.put("login", account.map(OperatorAccount::login).orElse(null));
                    me.put("role", account.map(a -> a.role().name().toLowerCase(Locale.ROOT)).orElse(null));
                    me.put("mayAct", account.filter(a -> a.role() == OperatorAccount.Role.WRITE).isPresent());
                    json(e, 200, me);
                });
        from("platform-http:" + OpsRoutes.API + "/actions?httpMethodRestrict=GET").routeId("ops-api-actions")
                .process(e -> {
                    JsonArray actions = new JsonArray();
                    for (OperatorActions.Action action : audit.newest(MAX_LISTED)) {
                        JsonObject a = new JsonObject();
                        a.put("at", JsonAnswers.time(action.at()));
                        a.put("node", action.nodeId());
                        a.put("account", action.account());
                        a.put("client", action.client());
                        a.put("action", action.action());
                        a.put("target", action.target());
                        a.put("outcome", action.outcome().name());
                        a.put("detail", action.detail());
                        actions.add(a);
                    }
                    JsonObject answer = new JsonObject();
                    answer.put("actions", actions);
                    json(e, 200, answer);
                });
        from("platform-http:" + OpsRoutes.API + "/parked-flows/{flowId}/retry?httpMethodRestrict=POST").routeId("ops-action-retry")
                .process(this::retry);
    }

    private void retry(Exchange exchange) {
        String flowId = Printable.capped(exchange.getMessage().getHeader("flowId", String.class), 100);
        String client = client(exchange);
        Optional<String> forged = forged(exchange);
        if (forged.isPresent()) {
            LOG.warn("operators' action refused (403) from {}: retry of {}: {}", client, flowId, forged.get());
            json(exchange, 403, error(forged.get()));
            return;
        }
        Optional<OperatorAccount> account = account(exchange);
        String login = account.map(OperatorAccount::login).orElse("-");
        if (account.isEmpty() || account.get().role() != OperatorAccount.Role.WRITE) {
            String why = account.isEmpty()
                    ? "actions need an operator's account with the write role (chorus.http.accounts); this server has none"
                    : "the account " + login + " may watch, not act: actions need the write role (chorus.http.accounts)";
            LOG.warn("operators' action refused (403) to {} from {}: retry of {}: {}", login, client, flowId, why);
            if (account.isPresent()) {
                recordRefusal(login, client, flowId, why);
            }
            json(exchange, 403, error(why));
            return;
        }
        long id;
        try {
            id = audit.record(login, client, "retry-parked-flow", flowId, Outcome.STARTED, null);
        } catch (Ledger.LedgerException e) {
            LOG.error("operator {} from {}: retry of {} not done: the ledger cannot record it ({})", login, client, flowId,
                    Printable.of(e.getMessage()));
            json(exchange, 503, error("the ledger cannot record the action now: nothing was done, try again later"));
            return;
        }
        try {
            ParkedFlows.Retried retried = parked.retry(flowId);
            String detail = "moved failed/" + retried.partner() + "/" + retried.from().getFileName() + " back into in/"
                    + retried.partner() + "/" + retried.to().getFileName();
            LOG.info("operator {} from {} retried parked flow {}: {} (action {})", login, client, flowId, Printable.of(detail), id);
            finish(id, Outcome.DONE, detail);
            JsonObject answer = new JsonObject();
            answer.put("flowId", flowId);
            answer.put("movedTo", "in/" + retried.partner() + "/" + Printable.of(retried.to().getFileName().toString()));
            answer.put("action", id);
            json(exchange, 200, answer);
        } catch (ParkedFlows.NotParked | ParkedFlows.NameTaken refused) {
            int status = refused instanceof ParkedFlows.NotParked ? 404 : 409;
            LOG.warn("operator {} from {}: retry of {} refused ({}): {} (action {})", login, client, flowId, status,
                    Printable.of(refused.getMessage()), id);
            finish(id, Outcome.REFUSED, refused.getMessage());
            json(exchange, status, error(refused.getMessage()));
        } catch (IOException | RuntimeException failed) {
            LOG.error("operator {} from {}: retry of {} failed: {} (action {})", login, client, flowId, Printable.of(failed.toString()), id);
            finish(id, Outcome.FAILED, failed.toString());
            json(exchange, 500, error("the flow could not be moved back: " + Printable.of(failed.getMessage())
                    + "; see the engine's log"));
        }
    }

    private void finish(long id, Outcome outcome, String detail) {
        try {
            audit.finished(id, outcome, detail);
        } catch (Ledger.LedgerException e) {
            LOG.error("operators' action {} ended {} ({}), and the ledger cannot record its end: it stays STARTED there ({})",
                    id, outcome, Printable.of(detail), Printable.of(e.getMessage()));
        }
    }

    private void recordRefusal(String login, String client, String flowId, String why) {
        try {
            audit.record(login, client, "retry-parked-flow", flowId, Outcome.REFUSED, why);
        } catch (Ledger.LedgerException e) {
            LOG.error("operators' action refused to {}, and the ledger cannot record it ({})", login, Printable.of(e.getMessage()));
        }
    }

    /**
     * Why a request cannot be the page's own, if it cannot: without the page's header; or sent by a page of another
     * origin (Origin not this server's Host), or a browser saying so (Sec-Fetch-Site).
     */
    static Optional<String> forged(Exchange exchange) {
        if (exchange.getMessage().getHeader(ACTION_HEADER) == null) {
            return Optional.of("an action must carry the header " + ACTION_HEADER + ", as the operators' page sends it");
        }
        String site = exchange.getMessage().getHeader("Sec-Fetch-Site", String.class);
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            return Optional.of("an action must come from the operators' page itself, not from another site (Sec-Fetch-Site: "
                    + Printable.capped(site, 40) + ")");
        }
        String origin = exchange.getMessage().getHeader("Origin", String.class);
        String host = exchange.getMessage().getHeader("Host", String.class);
        if (origin != null && !origin.equals("null") && !authority(origin).equalsIgnoreCase(String.valueOf(host))) {
            return Optional.of("an action must come from the operators' page itself: Origin " + Printable.capped(origin, 100)
                    + " is not this server (" + Printable.capped(String.valueOf(host), 100) + ")");
        }
        if ("null".equals(origin)) {
            return Optional.of("an action must come from the operators' page itself, not from an opaque origin");
        }
        return Optional.empty();
    }

    private static String authority(String origin) {
        try {
            String authority = new URI(origin).getRawAuthority();
            return authority == null ? "" : authority;
        } catch (URISyntaxException e) {
            return "";
        }
    }

    /** The caller's account, as the server authenticated it; none when the server asks for no credentials. */
    private Optional<OperatorAccount> account(Exchange exchange) {
        User user = exchange.getMessage().getHeader(VertxPlatformHttpConstants.AUTHENTICATED_USER, User.class);
        if (user == null) {
            return Optional.empty();
        }
        String login = user.principal().getString("username");
        return settings.operators().stream().filter(a -> a.login().equals(login)).findFirst();
    }

    private static String client(Exchange exchange) {
        SocketAddress address = exchange.getMessage().getHeader(VertxPlatformHttpConstants.REMOTE_ADDRESS, SocketAddress.class);
        return address == null ? "unknown" : address.hostAddress() + ":" + address.port();
    }
}
