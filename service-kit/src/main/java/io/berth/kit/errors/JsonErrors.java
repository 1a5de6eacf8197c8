package io.berth.kit.errors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Says what is wrong with a request body in a client's terms (the JSON field and the kinds of value), as dockerd's
 * {@code json: cannot unmarshal number into Go struct field ContainerConfigWrapper.Cmd of type []string} does, and
 * never with Java class names.
 */
final class JsonErrors {
    private JsonErrors() {
    }

    static String describe(JsonProcessingException failure) {
        if (failure instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
            String field = path(mismatch);
            String expected = kind(mismatch.getTargetType());
            String actual = actual(mismatch);
            return actual == null
                    ? "json: cannot read field " + field + " as " + expected
                    : "json: cannot unmarshal " + actual + " into field " + field + " of type " + expected;
        }
        String message = failure.getOriginalMessage();
        int newline = message == null ? -1 : message.indexOf('\n');
        return "invalid JSON: " + (newline < 0 ? String.valueOf(message) : message.substring(0, newline));
    }

    private static String path(JsonMappingException failure) {
        return failure.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String actual(MismatchedInputException failure) {
        if (!(failure.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        JsonToken token = parser.currentToken();
        if (token == null) {
            return null;
        }
        return switch (token) {
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            case VALUE_TRUE, VALUE_FALSE -> "bool";
            case START_ARRAY, END_ARRAY -> "array";
            case START_OBJECT, END_OBJECT, FIELD_NAME -> "object";
            case VALUE_NULL -> "null";
            default -> null;
        };
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "the expected kind";
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "bool";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "object";
        }
        return "object";
    }
}
