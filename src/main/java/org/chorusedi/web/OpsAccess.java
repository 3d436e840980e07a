package org.chorusedi.web;

import io.vertx.ext.auth.authentication.AuthenticationProvider;
import io.vertx.ext.web.handler.AuthenticationHandler;
import io.vertx.ext.web.handler.BasicAuthHandler;
import org.apache.camel.component.platform.http.main.MainHttpServer;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig;
import org.apache.camel.component.platform.http.vertx.auth.AuthenticationConfig.AuthenticationConfigEntry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * Credentials for everything the server answers (the page, its API, health and metrics alike): HTTP Basic,
 * checked against the configured user and bcrypt hash. Set on the server before it listens, so that no request
 * is ever answered without them.
 */
public final class OpsAccess extends MainListenerSupport {

    static final String REALM = "chorus-edi";

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
        AuthenticationConfigEntry entry = new AuthenticationConfigEntry();
        entry.setPath("/*");
        entry.setAuthenticationProviderFactory(vertx -> new BcryptAuthentication(vertx, settings.user(), settings.passwordHash()));
        entry.setAuthenticationHandlerFactory(new AuthenticationConfig.AuthenticationHandlerFactory() {
            @Override
            public <T extends AuthenticationProvider> AuthenticationHandler createAuthenticationHandler(T provider) {
                return BasicAuthHandler.create(provider, REALM);
            }
        });
        AuthenticationConfig config = server.getConfiguration().getAuthenticationConfig();
        config.getEntries().add(entry);
        config.setEnabled(true);
    }
}
