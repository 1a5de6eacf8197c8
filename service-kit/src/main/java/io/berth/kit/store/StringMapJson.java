package io.berth.kit.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Keeps a string map (labels, driver options) in a text column as the JSON object Docker shows. */
@Converter
public class StringMapJson implements AttributeConverter<Map<String, String>, String> {
    // Hibernate instantiates converters itself; a private mapper keeps this free of CDI.
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {
    };

    @Override
    public String convertToDatabaseColumn(Map<String, String> value) {
        try {
            return JSON.writeValueAsString(value == null ? Map.of() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string map is always JSON", e);
        }
    }

    @Override
    public Map<String, String> convertToEntityAttribute(String column) {
        if (column == null || column.isEmpty()) {
            return new LinkedHashMap<>();
        }
        try {
            return JSON.readValue(column, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("column is not a JSON string map: " + column, e);
        }
    }
}
