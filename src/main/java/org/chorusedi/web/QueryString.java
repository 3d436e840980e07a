package org.chorusedi.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;

/** A request's query parameters, from the query string itself: never from a request header of the same name. */
public final class QueryString {

    private QueryString() {
    }

    /** The first value of each parameter, stripped; blank ones left out. */
    public static Map<String, String> of(Exchange exchange) {
        Map<String, String> parameters = new HashMap<>();
        String raw = exchange.getMessage().getHeader(Exchange.HTTP_RAW_QUERY, String.class);
        if (raw == null || raw.isEmpty()) {
            return parameters;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            if (!value.isBlank()) {
                parameters.putIfAbsent(name, value.strip());
            }
        }
        return parameters;
    }
}
