package org.chorusedi.web;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.impl.VertxInternal;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * The Vert.x instance the engine's HTTP server is made with. Camel's server (platform-http) uses the one it finds in
 * the registry, and sets nothing of Vert.x's server beyond its address and TLS; this one is Vert.x itself, except
 * that every HTTP server it makes gets two settings of the engine's:
 * <ul>
 * <li>HTTP/1.1 alone, no cleartext HTTP/2 (h2c): the body of an upgrade request is handed to HTTP/2 outside its flow
 * control, so that a client, even anonymous, could make the server hold all of it before any route looks at it;</li>
 * <li>a request whose head cannot be read (a control character in a header's value, say) is answered by
 * {@code unreadable} (Vert.x's invalid request handler) rather than with a bare 400.</li>
 * </ul>
 * Camel does not close a Vert.x instance it did not make: this listener closes it once the engine has stopped.
 */
public final class ServerVertx extends MainListenerSupport {

    private final Vertx vertx = Vertx.vertx();
    private final Vertx server;

    public ServerVertx(Handler<HttpServerRequest> unreadable) {
        this.server = (Vertx) Proxy.newProxyInstance(VertxInternal.class.getClassLoader(), new Class<?>[] {VertxInternal.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("createHttpServer") && arguments != null
                            && arguments[0] instanceof HttpServerOptions options) {
                        return vertx.createHttpServer(new HttpServerOptions(options).setHttp2ClearTextEnabled(false))
                                .invalidRequestHandler(unreadable);
                    }
                    try {
                        return method.invoke(vertx, arguments);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    /** What to bind in Camel's registry. */
    public Vertx vertx() {
        return server;
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        vertx.close();
    }
}
