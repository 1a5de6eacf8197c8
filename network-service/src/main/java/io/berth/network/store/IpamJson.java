package io.berth.network.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.network.Ipam;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Keeps a network's {@link Ipam} in a text column as JSON (Berth's own field names; the API layer renders Docker's). */
@Converter
class IpamJson implements AttributeConverter<Ipam, String> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String convertToDatabaseColumn(Ipam value) {
        try {
            return JSON.writeValueAsString(value == null ? Ipam.none() : value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("IPAM is always JSON", e);
        }
    }

    @Override
    public Ipam convertToEntityAttribute(String column) {
        if (column == null || column.isEmpty()) {
            return Ipam.none();
        }
        try {
            return JSON.readValue(column, Ipam.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("network column is not IPAM JSON: " + column, e);
        }
    }
}
