package org.chorusedi.web;

import java.util.Comparator;
import java.util.Date;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.api.management.ManagedCamelContext;
import org.apache.camel.api.management.mbean.ManagedRouteMBean;
import org.apache.camel.spi.InflightRepository;
import org.apache.camel.util.URISupport;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.text.Printable;

/**
 * Camel's own view of the engine's routes, from its management (JMX) beans and its in-flight repository: each route's
 * state and counters, and the exchanges in flight, longest first (docs/operators/watching.md, "Camel's routes"). Read
 * only. Not Camel's developer console: Camel says it is not for production, and some of its consoles act (stop a route,
 * send a message, evaluate an expression), which a reader must not.
 */
final class CamelRoutes {

    /** Exchanges in flight listed at most: the longest. */
    static final int MAX_INFLIGHT = 100;

    private CamelRoutes() {
    }

    static JsonObject of(CamelContext camel) {
        ManagedCamelContext managed = camel.getCamelContextExtension().getContextPlugin(ManagedCamelContext.class);
        JsonArray routes = new JsonArray();
        List<ManagedRouteMBean> beans = managed == null ? List.of() : managed.getManagedRoutes().stream()
                .sorted(Comparator.comparing(ManagedRouteMBean::getRouteId)).toList();
        for (ManagedRouteMBean route : beans) {
            JsonObject r = new JsonObject();
            r.put("routeId", route.getRouteId());
            r.put("from", URISupport.sanitizeUri(route.getEndpointUri()));
            r.put("state", route.getState());
            r.put("uptimeMillis", route.getUptimeMillis());
            r.put("exchangesTotal", route.getExchangesTotal());
            r.put("exchangesFailed", route.getExchangesFailed());
            r.put("failuresHandled", route.getFailuresHandled());
            r.put("exchangesInflight", route.getExchangesInflight());
            r.put("meanProcessingMillis", route.getMeanProcessingTime());
            r.put("maxProcessingMillis", route.getMaxProcessingTime());
            r.put("lastFailureAt", instant(route.getLastExchangeFailureTimestamp()));
            r.put("lastError", route.getLastError() == null || route.getLastError().getException() == null ? null
                    : Printable.capped(route.getLastError().getException().toString(), 300));
            routes.add(r);
        }
        JsonArray inflight = new JsonArray();
        for (InflightRepository.InflightExchange exchange : camel.getInflightRepository().browse(MAX_INFLIGHT, true)) {
            JsonObject x = new JsonObject();
            x.put("exchangeId", exchange.getExchange().getExchangeId());
            x.put("fromRouteId", exchange.getFromRouteId());
            x.put("atRouteId", exchange.getAtRouteId());
            x.put("nodeId", exchange.getNodeId());
            x.put("elapsedMillis", exchange.getElapsed());
            inflight.add(x);
        }
        JsonObject answer = new JsonObject();
        answer.put("managed", managed != null);
        answer.put("routes", routes);
        answer.put("inflight", inflight);
        answer.put("inflightTotal", camel.getInflightRepository().size());
        return answer;
    }

    private static String instant(Date date) {
        return date == null ? null : date.toInstant().toString();
    }
}
