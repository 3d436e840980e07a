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

    /**
     * Whether a date or an instant a query gives starts with a year of four digits (0000 to 9999), as ISO 8601
     * writes one without a sign. java.time also takes +999999999-12-31, whose next day overflows it, and whose
     * instant no database keeps: such a value is a wrong parameter, not a failure of the engine.
     */
    public static boolean fourDigitYear(String value) {
        return value.length() > 4 && value.charAt(4) == '-' && value.chars().limit(4).allMatch(c -> c >= '0' && c <= '9');
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
