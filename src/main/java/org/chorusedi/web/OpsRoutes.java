package org.chorusedi.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.cluster.ClusterView;
import org.chorusedi.directory.DirectoryStore;
import org.chorusedi.far37.Far37Settings;
import org.chorusedi.far37.SubscriptionStore;
import org.chorusedi.ledger.LedgerQueries;
import org.chorusedi.text.Printable;
import org.chorusedi.config.Folders;
import org.chorusedi.draft.PdfDrafts;
import org.chorusedi.works.WorksClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.chorusedi.web.JsonAnswers.answer;
import static org.chorusedi.web.JsonAnswers.error;
import static org.chorusedi.web.JsonAnswers.json;

/**
 * The operators' page and its JSON API, on Camel's embedded server (docs/operators/watching.md, "The operators' page"):
 * read-only, GET only (the page's one action is OpsActions'). The API is versioned under {@value #API}, apart from the partners' API under /api/v1
 * (api.ApiRoutes). Only the page's own files are served, from the jar: nothing of the disk.
 */
public final class OpsRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(OpsRoutes.class);

    static final String API = "/api/ops/v1";

    /** The page's files in the jar (src/main/resources/web/), with their types. */
    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "ops.css", "text/css; charset=utf-8",
            "ops.js", "text/javascript; charset=utf-8",
            "favicon.svg", "image/svg+xml");

    /** PDF drafts listed on the page at most: the newest. */
    static final int MAX_DRAFTS = 200;

    private final OpsQueries queries;
    private final PdfDrafts drafts;
    private final Attention attention;

    /**
     * @param passwordsExpiringSoon the technical users whose password expires within the API's warning (or has expired),
     *                              active ones only
     */
    public OpsRoutes(LedgerQueries ledger, DirectoryStore directory, Far37Settings far37, SubscriptionStore subscriptions,
                     ClusterView cluster, WorksClock works, PdfDrafts drafts, Folders folders,
                     Supplier<Collection<ExpiringPassword>> passwordsExpiringSoon) {
        this.queries = new OpsQueries(ledger, directory, far37, subscriptions, cluster, works, Clock.systemUTC());
        this.drafts = drafts;
        this.attention = new Attention(folders, ledger, works, () -> passwordsExpiringSoon.get().stream()
                .map(p -> new Attention.Password(p.login(), p.partner(), p.expiresAt())).toList(), Clock.systemUTC());
    }

    /** A technical user's password that expires soon, as the API's registry tells it. */
    public record ExpiringPassword(String login, String partner, java.time.Instant expiresAt) {
    }

    @Override
    public void configure() {
        page("/", "index.html");
        page("/ops/ops.css", "ops.css");
        page("/ops/ops.js", "ops.js");
        page("/ops/favicon.svg", "favicon.svg");
        // where a browser looks for it when a page names none (a JSON answer, a health check opened by hand)
        from("platform-http:/favicon.ico?httpMethodRestrict=GET").routeId("ops-page-favicon.ico")
                .process(e -> answer(e, 200, FILES.get("favicon.svg"), resource("favicon.svg")));
        api("flows", "/flows", e -> Optional.of(queries.flows(query(e))));
        api("flow", "/flows/{flowId}", e -> queries.flow(last(e)));
        api("rejections", "/rejections", e -> Optional.of(queries.rejections(query(e))));
        api("trends", "/trends", e -> Optional.of(queries.trends(query(e))));
        api("far37", "/far37/subscribers", e -> Optional.of(queries.subscribers()));
        api("directory", "/directory/structures", e -> Optional.of(queries.structures(query(e))));
        api("node", "/node", e -> Optional.of(queries.node()));
        api("attention", "/attention", e -> Optional.of(attention.items(getContext())));
        api("works", "/works", e -> Optional.of(queries.works()));
        api("camel-routes", "/camel/routes", e -> Optional.of(CamelRoutes.of(getContext())));
        api("pdf-drafts", "/pdf-drafts", e -> {
            try {
                return Optional.of(drafts.overview(MAX_DRAFTS));
            } catch (IOException failed) {
                throw new UncheckedIOException(failed);
            }
        });
    }

    private void page(String path, String file) {
        byte[] content = resource(file);
        from("platform-http:" + path + "?httpMethodRestrict=GET").routeId("ops-page-" + file)
                .process(e -> answer(e, 200, FILES.get(file), content));
    }

    private void api(String id, String path, Function<Exchange, Optional<JsonObject>> query) {
        from("platform-http:" + API + path + "?httpMethodRestrict=GET").routeId("ops-api-" + id)
                .process(e -> {
                    try {
                        Optional<JsonObject> answer = query.apply(e);
                        if (answer.isPresent()) {
                            json(e, 200, answer.get());
                        } else {
                            json(e, 404, error("not found"));
                        }
                    } catch (OpsQueries.BadRequest bad) {
                        LOG.warn("operators' API call refused (400): {}: {}", Printable.capped(e.getMessage()
                                .getHeader(Exchange.HTTP_URI, String.class), 300), Printable.of(bad.getMessage()));
                        json(e, 400, error(bad.getMessage()));
                    }
                });
    }

    private static Map<String, String> query(Exchange exchange) {
        return QueryString.of(exchange);
    }

    /** The last segment of the request's path (a flow id). */
    private static String last(Exchange exchange) {
        String path = exchange.getMessage().getHeader(Exchange.HTTP_PATH, String.class);
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return Printable.of(URLDecoder.decode(segment, StandardCharsets.UTF_8));
    }

    private static byte[] resource(String file) {
        try (InputStream in = OpsRoutes.class.getResourceAsStream("/web/" + file)) {
            if (in == null) {
                throw new IllegalStateException("the jar has no web/" + file);
            }
            // One of the page's own files (its HTML, style, script, icon), shipped in the jar: a few kilobytes.
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read web/" + file + " from the jar", e);
        }
    }
}
