package org.chorusedi.web;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BasicAuthHandler;
import java.util.List;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Credentials for everything the server answers to operators (the page, its API, health and metrics alike):
 * HTTP Basic, checked against the operators' accounts (chorus.http.user, chorus.http.accounts) and their bcrypt hashes. Set on the server before it listens, so that
 * no request is ever answered without them. The partners' API (/api/v1) is not the operators': it checks its
 * technical users itself (api.ApiRoutes).
 */
public final class OpsAccess extends MainListenerSupport {

    static final String REALM = "chorus-edi";

    /** The operators' paths: the page and its files, its API, health and metrics, the DUME page. */
    static final List<String> PATHS = List.of("/", "/ops/*", OpsRoutes.API + "/*", "/observe/*", "/dume", "/dume/*");

    private final HttpSettings settings;

    public OpsAccess(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    public void beforeStart(BaseMainSupport main) {
        MainHttpServer server = main.getCamelContext().hasService(MainHttpServer.class);
        if (server == null) {
            throw new IllegalStateException("the HTTP server is not configured: its credentials cannot be set");
        }
        AuthenticationConfig config = server.getConfiguration().getAuthenticationConfig();
        for (String path : PATHS) {
            AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
            entry.setPath(path);
            entry.setAuthenticationProviderFactory(vertx -> new BcryptAuthentication(vertx, settings.operators()));
            entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
                @Override
                public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                    return BasicAuthHandler.create(provider, REALM);
                }
            });
            config.getEntries().add(entry);
        }
        config.setEnabled(true);
    }
}
