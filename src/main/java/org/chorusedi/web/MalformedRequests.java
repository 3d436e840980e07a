package org.chorusedi.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.support.service.ServiceSupport;
import org.chorusedi.text.Printable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests the server refuses before any route sees them: a path or a query that does not decode (a '%' not
 * followed by two hexadecimal digits, {@code ?partner=%}, {@code /flows/%ZZ}). Vert.x answers them 400 in plain
 * text and logs each at ERROR with its stack trace ("Unhandled exception in router"), so that anyone reaching the
 * port could fill the log. Here they are answered as both APIs answer a wrong parameter, 400 with
 * {@code {"error": ...}}, and logged as one WARN line. Vert.x refuses them on either of the server's routers: the
 * outer one decodes the path, the one that holds the routes decodes their query and path parameters. A body of a
 * type a route does not take (a form, or curl's default type for {@code --data-binary}) is refused by the router
 * before the route too, 415 in plain text: answered the same way.
 */
public final class MalformedRequests extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(MalformedRequests.class);

    private static final String MESSAGE = "the request's path or query does not decode: every '%' must be followed by two"
            + " hexadecimal digits (%25 for '%' itself)";
    private static final String UNSUPPORTED_TYPE = "send the file's bytes as the body, with Content-Type:"
            + " application/octet-stream (not a form)";

    @Override
    public void beforeStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        MainHttpServer server = context.hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("the HTTP server is not configured: its answer to malformed requests cannot be set");
        }
        // Started after the server (its routers exist then), before the engine's routes add their paths to it.
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStart() {
                    VertxPlatformHttpRouter routes = server.getRouter();
                    routes.errorHandler(400, MalformedRequests::answer);
                    Router outer = (Router) routes.getServer().getServer().requestHandler();
                    outer.errorHandler(400, MalformedRequests::answer);
                    outer.errorHandler(415, MalformedRequests::unsupportedType);
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot set the HTTP server's answer to malformed requests", e);
        }
    }

    private static void answer(RoutingContext context) {
        HttpServerRequest request = context.request();
        LOG.warn("HTTP request refused (400), its path or query does not decode: {} {}", request.method(),
                Printable.capped(request.uri(), 300));
        refuse(context, 400, MESSAGE);
    }

    private static void unsupportedType(RoutingContext context) {
        HttpServerRequest request = context.request();
        LOG.warn("HTTP request refused (415), a body of type {}: {} {}", Printable.capped(request.getHeader("Content-Type"), 100),
                request.method(), Printable.capped(request.path(), 300));
        refuse(context, 415, UNSUPPORTED_TYPE);
    }

    private static void refuse(RoutingContext context, int status, String message) {
        context.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "default-src 'self'")
                .end(JsonAnswers.error(message).toJson());
    }
}
