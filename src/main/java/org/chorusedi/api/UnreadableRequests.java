package org.chorusedi.api;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.chorusedi.web.JsonAnswers.error;

/**
 * A request whose head Vert.x cannot read (a control character in a header's value, a space in a header's name,
 * headers over 8 KB): answered before any route, without a byte of its body read, then its connection closed. To
 * the partners' API, with its JSON error and one WARN line: 401, its credentials cannot be checked, or 431 when its
 * headers are too large (docs/partners/api.md); anywhere else, as Vert.x answers it (400, 414, 431, no body).
 */
public final class UnreadableRequests implements Handler<HttpServerRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(UnreadableRequests.class);

    @Override
    public void handle(HttpServerRequest request) {
        String path = request.path();
        if (path == null || !(path.equals(ApiRoutes.BASE) || path.startsWith(ApiRoutes.BASE + "/"))) {
            HttpServerRequest.DEFAULT_INVALID_REQUEST_HANDLER.handle(request);
            return;
        }
        Throwable cause = request.decoderResult().cause();
        HttpServerResponse response = request.response();
        String message;
        if (cause instanceof TooLongHttpHeaderException) {
            response.setStatusCode(431);
            message = "the request's headers are too large (at most 8 KB)";
        } else {
            response.setStatusCode(401);
            response.putHeader("WWW-Authenticate", ApiRoutes.CHALLENGE);
            message = "the request's headers cannot be read (no control character in a value): its credentials cannot be checked";
        }
        // Not the cause's message: it quotes the header, which may be the credentials.
        LOG.warn("API call refused from {}: its headers cannot be read ({})", request.remoteAddress(),
                cause == null ? "" : cause.getClass().getSimpleName());
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", "default-src 'self'")
                .end(error(message).toJson());
        response.close();
    }
}
