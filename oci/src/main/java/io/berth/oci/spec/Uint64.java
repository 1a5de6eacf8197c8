package io.berth.oci.spec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.math.BigInteger;

/** JSON of a uint64 held in a Java {@code long}: values above {@link Long#MAX_VALUE} are negative longs. */
final class Uint64 {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private Uint64() {
    }

    /** Writes the unsigned value as a JSON number. */
    static final class Writer extends JsonSerializer<Long> {
        @Override
        public void serialize(Long value, JsonGenerator json, SerializerProvider provider) throws IOException {
            if (value >= 0) {
                json.writeNumber(value);
            } else {
                json.writeNumber(BigInteger.valueOf(value).add(TWO_TO_64));
            }
        }
    }

    /** Reads a JSON integer from 0 to 2^64-1; anything else is refused. */
    static final class Reader extends JsonDeserializer<Long> {
        @Override
        public Long deserialize(JsonParser json, DeserializationContext context) throws IOException {
            if (json.currentToken() != JsonToken.VALUE_NUMBER_INT) {
                return (Long) context.handleUnexpectedToken(Long.class, json);
            }
            BigInteger value = json.getBigIntegerValue();
            if (value.signum() < 0 || value.bitLength() > 64) {
                return (Long) context.handleWeirdNumberValue(Long.class, value, "not an unsigned 64-bit integer");
            }
            return value.longValue();
        }
    }
}
