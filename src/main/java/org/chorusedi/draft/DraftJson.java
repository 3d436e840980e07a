package org.chorusedi.draft;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.camel.util.json.JsonArray;
import org.apache.camel.util.json.JsonObject;
import org.chorusedi.recognition.Field;
import org.chorusedi.recognition.Recognition;

/**
 * A draft's JSON (docs/partners/pdf-deposit.md, "The draft"): each field by its camel-case name (recipientSiret,
 * invoiceDate ...), each value recognised with its page, the text around it and its confidence.
 */
final class DraftJson {

    private DraftJson() {
    }

    static JsonObject of(String id, String fileName, Instant createdAt, Instant expiresAt, Recognition recognition) {
        JsonObject draft = new JsonObject();
        draft.put("draftId", id);
        draft.put("fileName", fileName);
        draft.put("createdAt", createdAt.toString());
        draft.put("expiresAt", expiresAt.toString());
        draft.put("pageCount", recognition.pageCount());
        draft.put("pagesRead", new JsonArray(recognition.pagesRead()));
        JsonObject values = new JsonObject();
        for (Recognition.Value value : recognition.values()) {
            JsonObject found = new JsonObject();
            found.put("value", value.value());
            found.put("page", value.page());
            found.put("context", value.context());
            found.put("confidence", value.confidence().name());
            values.put(name(value.field()), found);
        }
        draft.put("values", values);
        JsonArray doubtful = new JsonArray();
        for (Recognition.Doubt doubt : recognition.doubtful()) {
            JsonObject one = new JsonObject();
            one.put("field", name(doubt.field()));
            one.put("value", doubt.value());
            one.put("page", doubt.page());
            one.put("context", doubt.context());
            one.put("why", doubt.why());
            doubtful.add(one);
        }
        draft.put("doubtful", doubtful);
        draft.put("missing", new JsonArray(recognition.missing().stream().map(DraftJson::name).toList()));
        draft.put("complete", recognition.complete());
        return draft;
    }

    /** The values of a stored draft, by field. */
    static Map<Field, String> values(JsonObject draft) {
        Map<Field, String> values = new EnumMap<>(Field.class);
        JsonObject stored = (JsonObject) draft.get("values");
        for (Map.Entry<String, Object> entry : stored.entrySet()) {
            field(entry.getKey()).ifPresent(field -> values.put(field, ((JsonObject) entry.getValue()).getString("value")));
        }
        return values;
    }

    /** RECIPIENT_SIRET is recipientSiret. */
    static String name(Field field) {
        String[] words = field.name().toLowerCase(Locale.ROOT).split("_");
        StringBuilder name = new StringBuilder(words[0]);
        for (int i = 1; i < words.length; i++) {
            name.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
        }
        return name.toString();
    }

    static Optional<Field> field(String name) {
        return Arrays.stream(Field.values()).filter(field -> name(field).equals(name)).findFirst();
    }

    static String names() {
        return Arrays.stream(Field.values()).map(DraftJson::name).collect(Collectors.joining(", "));
    }
}
