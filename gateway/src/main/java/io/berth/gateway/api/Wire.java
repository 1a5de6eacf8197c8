package io.berth.gateway.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Writes the gateway's wire records as JSON; Docker's field names are on the records themselves. */
final class Wire {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Wire() {
    }

    static String json(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
        }
    }
}
