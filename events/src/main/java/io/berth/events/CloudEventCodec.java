package io.berth.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes and reads the structured-mode JSON of a {@link CloudEvent}; the one place the envelope is spelled out.
 *
 * <p>Readers ignore unknown payload fields, because payloads only ever gain fields.
 */
public final class CloudEventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CloudEventCodec() {
    }

    public static byte[] encode(CloudEvent event) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("specversion", CloudEvent.SPEC_VERSION);
        json.put("id", event.id());
        json.put("source", event.source());
        json.put("type", event.type());
        if (event.subject() != null) {
            json.put("subject", event.subject());
        }
        json.put("time", DateTimeFormatter.ISO_INSTANT.format(event.time()));
        json.put("tenant", event.tenant());
        json.put("datacontenttype", CloudEvent.CONTENT_TYPE);
        json.set("data", event.data());
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads one event; fails with {@link IllegalArgumentException} on anything that is not a Berth CloudEvent. */
    public static CloudEvent decode(byte[] bytes) {
        JsonNode json;
        try {
            json = MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + e.getMessage(), e);
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        if (!CloudEvent.SPEC_VERSION.equals(text(json, "specversion"))) {
            throw new IllegalArgumentException("specversion must be " + CloudEvent.SPEC_VERSION);
        }
        try {
            return new CloudEvent(text(json, "id"), text(json, "source"), text(json, "type"), text(json, "subject"),
                    Instant.parse(required(json, "time")), text(json, "tenant"), json.get("data"));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid CloudEvent: " + e.getMessage(), e);
        }
    }

    static JsonNode toTree(Object payload) {
        return MAPPER.valueToTree(payload);
    }

    static <T> T fromTree(JsonNode data, Class<T> type) {
        try {
            return MAPPER.treeToValue(data, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("payload is not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String required(JsonNode json, String field) {
        String value = text(json, field);
        if (value == null) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }
}
