package org.chorusedi.web;

import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.apache.camel.util.json.Jsoner;

/** What the engine's health and metrics endpoints answer, as the tests read it. */
final class Observed {

    private Observed() {
    }

    /** One check of a health answer (all of them at ?exposureLevel=full), by name. */
    static JsonObject check(HttpResponse<String> health, String name) throws Exception {
        JsonArray checks = (JsonArray) ((JsonObject) Jsoner.deserialize(health.body())).get("checks");
        return (JsonObject) checks.stream().filter(c -> name.equals(((JsonObject) c).getString("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health.body()));
    }

    /** A sample's value in the Prometheus text; 0 when the series is not there yet. */
    static double value(String metrics, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }
}
